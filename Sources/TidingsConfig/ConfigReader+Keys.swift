import TOMLKit
import TidingsScreen
import TidingsUI

extension ConfigReading {
    /// `[keys]`: `action = ["j", "Down"]` for commands and search-line edits; `[]` unbinds.
    mutating func readKeys(_ table: TOMLTable) -> KeyTable {
        var commands: [Command: [Key]] = [:]
        var edits: [LineEdit: [Key]] = [:]
        // Where each key the user bound is written, by action name, for conflict messages.
        var written: [String: [Key: SourcePosition]] = [:]
        let names = Command.allCases.map(\.name) + LineEdit.allCases.map(\.name)
        for (name, value) in table {
            let path = ["keys", name]
            guard Command(rawValue: name) != nil || LineEdit(rawValue: name) != nil else {
                let hint = Self.suggestion(for: name, among: names).map { " (did you mean \"\($0)\"?)" } ?? ""
                fail(atKey: path, "unknown action \"\(name)\"\(hint); `tidings config` lists every action")
                continue
            }
            guard let keys = readKeyList(value, at: path, positions: &written[name, default: [:]]) else { continue }
            if let command = Command(rawValue: name) {
                if keys.isEmpty, command == .quit || command == .help {
                    fail(
                        atValue: path,
                        "\(name) must keep at least one key, or there is no way \(command == .quit ? "out" : "to the help")"
                    )
                    continue
                }
                commands[command] = keys
            } else if let edit = LineEdit(rawValue: name) {
                edits[edit] = keys
            }
        }
        let keyTable = KeyTable.standard.rebinding(commands: commands, lineEdits: edits)
        for duplicate in keyTable.duplicateKeys() {
            reportConflict(duplicate, written: written, keyTable: keyTable)
        }
        return keyTable
    }

    /// The keys of one action: a list of key names (a single name is taken as a list of one).
    private mutating func readKeyList(
        _ value: TOMLValueConvertible, at path: [String], positions: inout [Key: SourcePosition]
    ) -> [Key]? {
        var elements: [(TOMLValueConvertible, [String])] = []
        if let array = value.array {
            for index in array.indices { elements.append((array[index], path + [String(index)])) }
        } else if value.string != nil {
            elements.append((value, path))
        } else {
            fail(
                atValue: path,
                "\(Self.describe(path)) must be a list of key names such as [\"j\", \"Down\"], not \(Self.kind(of: value))"
            )
            return nil
        }
        var keys: [Key] = []
        var failed = false
        for (element, elementPath) in elements {
            guard let name = element.string else {
                fail(atValue: elementPath, "a key name must be a string such as \"j\", not \(Self.kind(of: element))")
                failed = true
                continue
            }
            switch KeyName.key(for: name) {
            case .success(let key):
                if keys.contains(key) {
                    fail(atValue: elementPath, "\"\(name)\" is listed twice for \(path[1])")
                    failed = true
                }
                keys.append(key)
                positions[key] = map.place(ofValue: elementPath)
            case .failure(.unknown):
                fail(atValue: elementPath, "unknown key name \"\(name)\"; keys are \(KeyName.help)")
                failed = true
            case .failure(.reason(let reason)):
                fail(atValue: elementPath, "key \"\(name)\": \(reason)")
                failed = true
            }
        }
        return failed ? nil : keys
    }

    /// A key two actions share: placed at the user's binding, naming both and how to free it.
    private mutating func reportConflict(
        _ duplicate: KeyTable.Duplicate, written: [String: [Key: SourcePosition]], keyTable: KeyTable
    ) {
        let keyName = KeyName.name(of: duplicate.key)
        let userSet = duplicate.names.filter { written[$0]?[duplicate.key] != nil }
        let places = userSet.compactMap { written[$0]?[duplicate.key] }.sorted()
        guard let place = places.last else { return }
        let reason: String
        if userSet.count >= 2 {
            let first = places.first.map { " (line \($0.line))" } ?? ""
            reason = "key \"\(keyName)\" is bound to both \(userSet[0])\(first) and \(userSet[1]); a key does one thing"
        } else {
            let mine = userSet.first ?? duplicate.names[0]
            let other = duplicate.names.first { $0 != mine } ?? mine
            let rest = remainingKeys(of: other, without: duplicate.key, in: keyTable)
            let fix = rest.isEmpty ? "unbind \(other): \(other) = []" : "rebind \(other) too, e.g. \(other) = [\(rest)]"
            reason = "key \"\(keyName)\" for \(mine) is already bound to \(other) by default; to free it, \(fix)"
        }
        errors.append(ConfigError(path: path, position: place, reason: reason))
    }

    /// `"k", "Up"`: the other action's keys less the contested one, for the suggested fix.
    private func remainingKeys(of name: String, without key: Key, in keyTable: KeyTable) -> String {
        let keys =
            Command(rawValue: name).flatMap { keyTable.binding(for: $0)?.keys }
            ?? keyTable.lineBindings.first { $0.edit.name == name }?.keys ?? []
        return keys.filter { $0 != key }.map { "\"\(KeyName.name(of: $0))\"" }.joined(separator: ", ")
    }
}
