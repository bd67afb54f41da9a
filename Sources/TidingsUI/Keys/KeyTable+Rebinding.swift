import TidingsScreen

extension KeyTable {
    /// This table with the keys of some commands and search-line edits replaced (an empty
    /// list unbinds); help texts, hints and order stay. Conflicts are not checked here:
    /// ``duplicateKeys()`` lists them.
    public func rebinding(commands: [Command: [Key]] = [:], lineEdits: [LineEdit: [Key]] = [:]) -> KeyTable {
        let newBindings = bindings.map { binding in
            guard let keys = commands[binding.command] else { return binding }
            // A label such as `1–9` describes the default keys only.
            return Binding(binding.command, keys, binding.help, keyLabel: keys == binding.keys ? binding.keyLabel : nil)
        }
        let newLineBindings = lineBindings.map { binding in
            guard let keys = lineEdits[binding.edit] else { return binding }
            return LineBinding(binding.edit, keys, binding.help)
        }
        return KeyTable(
            bindings: newBindings, hints: hints, trailingHint: trailingHint, lineBindings: newLineBindings,
            queryLanguage: queryLanguage)
    }

    /// A key that two commands (or two search-line edits) share.
    public struct Duplicate: Hashable, Sendable {
        public var key: Key
        /// The stable names of the two, in table order.
        public var names: [String]

        public init(key: Key, names: [String]) {
            self.key = key
            self.names = names
        }
    }

    /// Every key bound to more than one command, or to more than one search-line edit.
    public func duplicateKeys() -> [Duplicate] {
        func duplicates(_ entries: [(name: String, keys: [Key])]) -> [Duplicate] {
            var owners: [Key: [String]] = [:]
            var order: [Key] = []
            for entry in entries {
                for key in Set(entry.keys) {
                    if owners[key] == nil { order.append(key) }
                    owners[key, default: []].append(entry.name)
                }
            }
            return order.compactMap { key in
                let names = owners[key] ?? []
                return names.count > 1 ? Duplicate(key: key, names: names) : nil
            }
        }
        return duplicates(bindings.map { ($0.command.name, $0.keys) })
            + duplicates(lineBindings.map { ($0.edit.name, $0.keys) })
    }
}
