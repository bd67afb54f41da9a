import Foundation

/// A strict JSON reader for bookmarks documents: one pass over the bytes, which hands each
/// element of the top-level `bookmarks` array to its caller as soon as it is read and then
/// forgets it, so a 300,000-entry export is never held as a tree beside its bytes.
///
/// Stricter than `JSONDecoder` where a person can be misled: a key given twice in one object
/// (which the decoder silently resolves by taking one) is reported with its place and its key
/// path. Every error says where: line and column, and the key path when it helps.
struct JSONReader {
    /// A JSON value, for the small ones: the top level's scalars and one entry at a time.
    enum Value: Equatable {
        case string(String)
        case number(String)
        case bool(Bool)
        case null
        case array([Value])
        case object([String: Value])
    }

    /// Where and why the text is not JSON this reader accepts.
    struct Failure: Error, Equatable {
        var message: String
    }

    /// The decoder's nesting limit; deeper is refused, as `JSONDecoder` does.
    static let depthLimit = 512

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private var depth = 0
    /// Keys and indexes from the top to the value being read, for messages.
    private var path: [String] = []
    /// The first key found twice in one object, in words; reading goes on, so that the
    /// caller can tell a bookmarks document (where it is an error) from any other JSON.
    private(set) var duplicateKey: String?

    init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Reads a whole document whose top level is an object: its members except
    /// `streamedKey`'s array, whose elements go one by one to `element` (with their index).
    /// A `streamedKey` whose value is not an array is returned with the other members.
    mutating func readTopLevel(
        streaming streamedKey: String, element: (Int, Value) throws(Failure) -> Void
    ) throws(Failure) -> (members: [String: Value], streamed: Bool) {
        skipSpace()
        guard peek() == UInt8(ascii: "{") else { throw failure("the top level is not an object") }
        index += 1
        depth = 1
        var members: [String: Value] = [:]
        var streamed = false
        var seen: Set<String> = []
        if try !closes(UInt8(ascii: "}")) {
            repeat {
                let (key, keyAt) = try readKey()
                if !seen.insert(key).inserted { noteDuplicate(key, at: keyAt) }
                skipSpace()
                if key == streamedKey, peek() == UInt8(ascii: "[") {
                    streamed = true
                    path.append("." + key)
                    try readArray(element: element)
                    path.removeLast()
                } else {
                    path.append("." + key)
                    members[key] = try readValue()
                    path.removeLast()
                }
            } while try separator(closing: UInt8(ascii: "}"))
        }
        skipSpace()
        guard index == bytes.count else { throw failure("more text after the top-level object") }
        return (members, streamed)
    }

    // MARK: Values

    private mutating func readValue() throws(Failure) -> Value {
        skipSpace()
        guard let byte = peek() else { throw cutShort() }
        switch byte {
        case UInt8(ascii: "{"):
            index += 1
            try enter()
            defer { depth -= 1 }
            var object: [String: Value] = [:]
            if try !closes(UInt8(ascii: "}")) {
                repeat {
                    let (key, keyAt) = try readKey()
                    path.append("." + key)
                    let value = try readValue()
                    path.removeLast()
                    if object.updateValue(value, forKey: key) != nil { noteDuplicate(key, at: keyAt) }
                } while try separator(closing: UInt8(ascii: "}"))
            }
            return .object(object)
        case UInt8(ascii: "["):
            var array: [Value] = []
            try readArray { _, value throws(Failure) in array.append(value) }
            return .array(array)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try readNumber())
        default: throw failure("unexpected \(Self.describe(byte))")
        }
    }

    /// Reads an array (at `[`), handing each element to `element` as it is read.
    private mutating func readArray(element: (Int, Value) throws(Failure) -> Void) throws(Failure) {
        index += 1
        try enter()
        defer { depth -= 1 }
        guard try !closes(UInt8(ascii: "]")) else { return }
        var count = 0
        repeat {
            path.append("[\(count)]")
            let value = try readValue()
            path.removeLast()
            try element(count, value)
            count += 1
        } while try separator(closing: UInt8(ascii: "]"))
    }

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.depthLimit {
            // Without the key path: it would be hundreds of levels long.
            let (line, column) = place(of: index - 1)
            throw Failure(message: "nested more than \(Self.depthLimit) deep at line \(line), column \(column)")
        }
    }

    /// After `{` or `[`: whether the container closes at once (consumed if so).
    private mutating func closes(_ close: UInt8) throws(Failure) -> Bool {
        skipSpace()
        guard let byte = peek() else { throw cutShort() }
        if byte == close {
            index += 1
            return true
        }
        return false
    }

    /// After a member or element: true at a comma (another follows), false at `close`.
    private mutating func separator(closing close: UInt8) throws(Failure) -> Bool {
        skipSpace()
        guard let byte = peek() else { throw cutShort() }
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == close { return false }
        index -= 1
        throw failure("expected , or \(Character(Unicode.Scalar(close))) but found \(Self.describe(byte))")
    }

    /// A member's key and the colon after it; also where the key starts.
    private mutating func readKey() throws(Failure) -> (String, Int) {
        skipSpace()
        let start = index
        guard let byte = peek() else { throw cutShort() }
        guard byte == UInt8(ascii: "\"") else {
            throw failure("expected a key in quotes but found \(Self.describe(byte))")
        }
        let key = try readString()
        skipSpace()
        guard let colon = peek() else { throw cutShort() }
        guard colon == UInt8(ascii: ":") else { throw failure("expected : after \"\(Self.shown(key))\"") }
        index += 1
        return (key, start)
    }

    private mutating func noteDuplicate(_ key: String, at offset: Int) {
        guard duplicateKey == nil else { return }
        let (line, column) = place(of: offset)
        let inside = path.isEmpty ? "the top level" : Self.shown(path.joined(), limit: Self.pathShown)
        duplicateKey =
            "the key \"\(Self.shown(key))\" appears twice in one object (in \(inside), line \(line), column \(column))"
    }
}

extension JSONReader {
    // MARK: Scalars

    /// A string (at its quote), escapes decoded; text that is not UTF-8 is refused where the
    /// string starts (replacing it would store a title or id the user never had).
    fileprivate mutating func readString() throws(Failure) -> String {
        let quote = index
        index += 1
        let start = index
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let raw = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                guard let text = String(validating: raw, as: UTF8.self) else {
                    let (line, column) = place(of: quote)
                    throw Failure(
                        message: "a string that is not UTF-8 text at line \(line), column \(column)\(placeInPath())")
                }
                return plain ? text : try unescape(raw, from: start)
            }
            if byte == UInt8(ascii: "\\") {
                plain = false
                index += 1
            } else if byte < 0x20 {
                throw failure("a control character inside a string")
            }
            index += 1
        }
        throw cutShort()
    }

    private func unescape(_ raw: UnsafeRawBufferPointer, from start: Int) throws(Failure) -> String {
        // Rare in exports (JSONText's \u escapes): let Foundation decode the one string.
        var quoted = Data([UInt8(ascii: "\"")])
        quoted.append(contentsOf: raw)
        quoted.append(UInt8(ascii: "\""))
        guard let text = try? JSONDecoder().decode(String.self, from: quoted) else {
            let (line, column) = place(of: start)
            throw Failure(message: "a bad escape in a string at line \(line), column \(column)\(placeInPath())")
        }
        return text
    }

    /// A number as JSON spells it (`-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`); anything
    /// else made of number characters (`--`, `01`, `1e`, `+1`) is refused where it starts.
    fileprivate mutating func readNumber() throws(Failure) -> String {
        let start = index
        while index < bytes.count, Self.numberBytes.contains(bytes[index]) { index += 1 }
        let number = ArraySlice(bytes[start..<index])
        guard Self.isJSONNumber(number) else {
            let (line, column) = place(of: start)
            let shown = String(decoding: number.prefix(40), as: UTF8.self)
            throw Failure(message: "“\(shown)” is not a number at line \(line), column \(column)\(placeInPath())")
        }
        return String(decoding: number, as: UTF8.self)
    }

    static let numberBytes = Set("0123456789+-.eE".utf8)

    fileprivate mutating func literal(_ word: String, _ value: Value) throws(Failure) -> Value {
        for expected in word.utf8 {
            guard let byte = peek() else { throw cutShort() }
            guard byte == expected else { throw failure("unexpected \(Self.describe(byte))") }
            index += 1
        }
        return value
    }

    // MARK: Places

    fileprivate mutating func skipSpace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    fileprivate func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    /// Line and column (from 1, in bytes) of `offset`.
    fileprivate func place(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        for position in 0..<min(offset, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        return (line, offset - lineStart + 1)
    }

    private func placeInPath() -> String {
        path.isEmpty ? "" : " (in \(Self.shown(path.joined(), limit: Self.pathShown)))"
    }

    fileprivate func failure(_ what: String) -> Failure {
        let (line, column) = place(of: index)
        return Failure(message: "\(what) at line \(line), column \(column)\(placeInPath())")
    }

    fileprivate func cutShort() -> Failure {
        let (line, column) = place(of: bytes.count)
        return Failure(message: "the file ends part way (line \(line), column \(column)): it was cut short")
    }
}
