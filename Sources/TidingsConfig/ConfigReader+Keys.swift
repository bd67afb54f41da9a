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
                // Edits come before typing on the search line: a printable key there could
                // never be typed into a query.
                let printable = keys.filter { if case .character = $0 { true } else { false } }
                for key in printable {
                    let place = written[name]?[key] ?? map.place(ofValue: path)
                    errors.append(
                        ConfigError(
                            path: self.path, position: place,
                            reason:
                                "key \"\(KeyName.name(of: key))\" for \(name) types a character on the search line; "
                                + "bind a key that types nothing, such as \"C-u\", \"Enter\" or \"Esc\""))
                }
                if printable.isEmpty { edits[edit] = keys }
            }
        }
        checkSearchLineExit(edits)
        let keyTable = KeyTable.standard.rebinding(commands: commands, lineEdits: edits)
        for duplicate in keyTable.duplicateKeys() {
            reportConflict(duplicate, written: written, keyTable: keyTable)
        }
        return keyTable
    }

    /// Every mode keeps a way out: `quit` and `help` (checked above) close the help overlay;
    /// the picker and the `:` prompt always close on Esc, whatever the table says; the
    /// search line has only its own edits, so `keep-filter` or `clear-search` keeps a key.
    private mutating func checkSearchLineExit(_ edits: [LineEdit: [Key]]) {
        let exits: [LineEdit] = [.accept, .cancel]
        guard exits.allSatisfy({ edits[$0]?.isEmpty == true }) else { return }
        // Reported where the second of the two is unbound: that line closes the trap.
        let place = exits.map { map.place(ofValue: ["keys", $0.name]) }.max() ?? .start
        errors.append(
            ConfigError(
                path: path, position: place,
                reason: "keep-filter and clear-search cannot both be unbound, or the search line has no way out; "
                    + "keep a key for one of them, e.g. clear-search = [\"Esc\"]"))
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
                fail(atValue: elementPath, "unknown key name \"\(KeyName.shown(name))\"; keys are \(KeyName.help)")
                failed = true
            case .failure(.reason(let reason)):
                fail(atValue: elementPath, "key \"\(KeyName.shown(name))\": \(reason)")
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
