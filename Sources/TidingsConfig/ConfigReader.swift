import Foundation
import TOMLKit
import TidingsUI

/// Reads a config file into a ``Configuration``, or says what is wrong with it and where.
///
/// All or nothing: a file with any problem gives an error (the first one in the file) and
/// no settings, so the browser never runs half-configured; the file is only ever read.
public enum ConfigReader {
    /// The configuration at `location`; the defaults when the usual place holds no file.
    public static func load(_ location: ConfigLocation) throws(ConfigError) -> Configuration {
        let path = location.path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            if !location.isExplicit { return .standard }
            throw ConfigError(path: path, position: nil, reason: "no such file")
        }
        guard !isFolder.boolValue else { throw ConfigError(path: path, position: nil, reason: "is a folder") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            let reason = (error as NSError).localizedFailureReason ?? "cannot be read"
            throw ConfigError(path: path, position: nil, reason: reason)
        }
        // A config file is a few kilobytes; anything far larger is a wrong path.
        guard data.count <= 1 << 20 else {
            throw ConfigError(path: path, position: nil, reason: "larger than 1 MB: not a config file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(path: path, position: nil, reason: "not UTF-8 text (TOML files are UTF-8)")
        }
        return try parse(text, path: path)
    }

    /// The configuration `text` describes; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(ConfigError) -> Configuration {
        // TOMLKit hands the text to C++ as a C string: a NUL would silently end the file there.
        let scalars = Array(text.unicodeScalars)
        if let nul = scalars.firstIndex(of: "\0") {
            let position = SourceMap.position(ofScalar: nul, in: scalars)
            throw ConfigError(path: path, position: position, reason: "a NUL byte: not a text file")
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            let position = SourcePosition(line: error.source.begin.line, column: error.source.begin.column)
            throw ConfigError(path: path, position: position, reason: "TOML syntax: \(error.description)")
        } catch {
            throw ConfigError(path: path, position: .start, reason: "TOML syntax: \(error)")
        }
        var reading = ConfigReading(path: path, map: SourceMap(scalars: scalars))
        let configuration = reading.read(table)
        if let first = reading.errors.min(by: { ($0.position ?? .start) < ($1.position ?? .start) }) { throw first }
        return configuration
    }
}

/// One pass over a parsed file: the values read so far and every problem found, each
/// placed in the text.
struct ConfigReading {
    let path: String
    let map: SourceMap
    var errors: [ConfigError] = []

    init(path: String, map: SourceMap) {
        self.path = path
        self.map = map
    }

    static let tables = ["keys", "theme", "layout"]

    mutating func read(_ root: TOMLTable) -> Configuration {
        var configuration = Configuration()
        for (name, _) in root where !Self.tables.contains(name) {
            let hint =
                Self.layoutKeys.contains(name)
                ? " (it belongs in [layout])"
                : Self.suggestion(for: name, among: Self.tables).map { " (did you mean [\($0)]?)" } ?? ""
            fail(
                atKey: [name], "unknown table or key \"\(name)\"\(hint); a config file has [keys], [theme] and [layout]"
            )
        }
        if let keys = root["keys"], let table = expectTable(keys, at: ["keys"]) {
            configuration.settings.keyTable = readKeys(table)
        }
        if let theme = root["theme"] {
            if let base = theme.string {
                configuration.settings.theme = readBase(base, at: ["theme"]) ?? .dark
            } else if let table = expectTable(theme, at: ["theme"], orString: true) {
                configuration.settings.theme = readTheme(table)
            }
        }
        if let layout = root["layout"], let table = expectTable(layout, at: ["layout"]) {
            readLayout(table, into: &configuration)
        }
        return configuration
    }

    // MARK: - Problems and types

    mutating func fail(atKey path: [String], _ reason: String) {
        errors.append(ConfigError(path: self.path, position: map.place(ofKey: path), reason: reason))
    }

    mutating func fail(atValue path: [String], _ reason: String) {
        errors.append(ConfigError(path: self.path, position: map.place(ofValue: path), reason: reason))
    }

    /// How a key path reads in messages: `[theme] unread.fg`.
    static func describe(_ path: [String]) -> String {
        guard path.count > 1 else { return "[\(path.first ?? "")]" }
        return "[\(path[0])] " + path.dropFirst().joined(separator: ".")
    }

    static func kind(of value: TOMLValueConvertible) -> String {
        switch value.type {
        case .table: "a table"
        case .array: "a list"
        case .string: "a string"
        case .int: "an integer"
        case .double: "a number with a fraction"
        case .bool: "true or false"
        case .date, .time, .dateTime: "a date or time"
        }
    }

    mutating func expectTable(_ value: TOMLValueConvertible, at path: [String], orString: Bool = false) -> TOMLTable? {
        if let table = value.table { return table }
        let expected = orString ? "a table (or a theme name)" : "a table"
        fail(atValue: path, "\(Self.describe(path)) must be \(expected), not \(Self.kind(of: value))")
        return nil
    }

    mutating func expectString(_ value: TOMLValueConvertible, at path: [String]) -> String? {
        if let string = value.string { return string }
        fail(atValue: path, "\(Self.describe(path)) must be a string, not \(Self.kind(of: value))")
        return nil
    }

    mutating func expectBool(_ value: TOMLValueConvertible, at path: [String]) -> Bool? {
        if let bool = value.bool { return bool }
        fail(atValue: path, "\(Self.describe(path)) must be true or false, not \(Self.kind(of: value))")
        return nil
    }

    mutating func expectInt(_ value: TOMLValueConvertible, at path: [String], in range: ClosedRange<Int>) -> Int? {
        guard let number = value.int else {
            fail(atValue: path, "\(Self.describe(path)) must be an integer, not \(Self.kind(of: value))")
            return nil
        }
        guard range.contains(number) else {
            fail(
                atValue: path,
                "\(Self.describe(path)) is \(number); it must be \(range.lowerBound) to \(range.upperBound)")
            return nil
        }
        return number
    }

    mutating func unknownKey(_ name: String, at path: [String], among names: [String]) {
        let hint =
            Self.suggestion(for: name, among: names).map { " (did you mean \"\($0)\"?)" }
            ?? "; it takes " + names.joined(separator: ", ")
        fail(atKey: path, "unknown key \"\(name)\" in \(Self.describe(Array(path.dropLast())))\(hint)")
    }

    /// The candidate a typo most likely meant: at most two edits away.
    static func suggestion(for name: String, among candidates: [String]) -> String? {
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for (i, x) in a.enumerated() {
                var previous = row[0]
                row[0] = i + 1
                for (j, y) in b.enumerated() {
                    let cost = min(row[j + 1] + 1, row[j] + 1, previous + (x == y ? 0 : 1))
                    previous = row[j + 1]
                    row[j + 1] = cost
                }
            }
            return row[b.count]
        }
        let lower = Array(name.lowercased())
        // A name cut short (`side-by-side` for `side-by-side-width`).
        if lower.count >= 4, let longer = candidates.first(where: { $0.hasPrefix(name.lowercased()) }) { return longer }
        let best = candidates.map { ($0, distance(lower, Array($0))) }.min { $0.1 < $1.1 }
        guard let best, best.1 <= min(2, max(1, lower.count / 3)) else { return nil }
        return best.0
    }
}
