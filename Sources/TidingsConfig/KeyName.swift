import TidingsScreen
import TidingsUI

/// Key names as config files write them: `j`, `G`, `Down`, `PageDown`, `C-n`, `F5`, `Space`.
enum KeyName {
    /// The named keys, in the spelling `tidings config` writes.
    static let named: [(name: String, key: Key)] = [
        ("Up", .up), ("Down", .down), ("Left", .left), ("Right", .right), ("Home", .home), ("End", .end),
        ("PageUp", .pageUp), ("PageDown", .pageDown), ("Enter", .enter), ("Tab", .tab), ("BackTab", .backTab),
        ("Backspace", .backspace), ("Delete", .delete), ("Esc", .escape), ("Space", .character(" ")),
    ]

    /// Other spellings people write, matched without regard to case like the names above.
    private static let aliases: [String: Key] = [
        "pgup": .pageUp, "pgdn": .pageDown, "escape": .escape, "return": .enter, "s-tab": .backTab,
        "shift-tab": .backTab, "del": .delete, "bs": .backspace,
    ]

    /// Control keys the terminal reports as another key: Tidings never sees them as Ctrl.
    private static let controlTwins: [Character: String] = ["h": "Backspace", "i": "Tab", "j": "Enter", "m": "Enter"]

    /// The key for `name`, or why there is none.
    static func key(for name: String) -> Result<Key, KeyNameError> {
        if name.count == 1, let character = name.first {
            guard character.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
                return .failure(.reason("a control character; write C-x for Ctrl and x"))
            }
            return .success(.character(character))
        }
        let lower = name.lowercased()
        if let entry = named.first(where: { $0.name.lowercased() == lower }) { return .success(entry.key) }
        if let key = aliases[lower] { return .success(key) }
        if lower.hasPrefix("f"), let number = Int(lower.dropFirst()), String(number) == lower.dropFirst() {
            return (1...12).contains(number)
                ? .success(.function(number)) : .failure(.reason("function keys are F1 to F12"))
        }
        if lower.hasPrefix("c-") || lower.hasPrefix("ctrl-") {
            let rest = lower.hasPrefix("c-") ? lower.dropFirst(2) : lower.dropFirst(5)
            guard rest.count == 1, let letter = rest.first, ("a"..."z").contains(letter) else {
                return .failure(.reason("Ctrl goes with a letter: C-a to C-z"))
            }
            if let twin = controlTwins[letter] {
                return .failure(.reason("the terminal sends C-\(letter) as \(twin); bind \"\(twin)\" instead"))
            }
            return .success(.control(letter))
        }
        if lower.hasPrefix("m-") || lower.hasPrefix("alt-") || lower.hasPrefix("meta-") {
            return .failure(.reason("Alt (Meta) keys are not supported: the terminal sends them as Esc and a key"))
        }
        return .failure(.unknown)
    }

    /// How `tidings config` writes `key`.
    static func name(of key: Key) -> String {
        if let entry = named.first(where: { $0.key == key }) { return entry.name }
        switch key {
        case .character(let c): return String(c)
        case .control(let c): return "C-\(c)"
        case .function(let n): return "F\(n)"
        default: return KeyTable.label(for: key)
        }
    }

    /// The list shown with an unknown key name.
    static let help =
        "a single character, C-a…C-z, F1…F12, or "
        + named.map(\.name).joined(separator: ", ")
}

/// Why a key name was refused.
enum KeyNameError: Error {
    case unknown
    case reason(String)
}
