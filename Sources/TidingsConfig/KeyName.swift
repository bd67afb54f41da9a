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
        if let invisible = name.unicodeScalars.first(where: isInvisible) {
            // The terminal layer strips these (or they take no column): such a key could be
            // bound but never be seen pressed, or shown in the help.
            let code = "U+" + String(invisible.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let what =
                invisible.value < 0x20 || invisible.value == 0x7F ? "a control character" : "an invisible character"
            let hint = invisible.value < 0x20 ? "; write C-x for Ctrl and x" : ""
            return .failure(.reason("\(what) (\(code)) can never be pressed as a key\(hint)"))
        }
        if name.count == 1, let character = name.first { return .success(.character(character)) }
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

    /// Scalars a key name cannot hold: the ones the sanitiser strips from all text (controls,
    /// bidi marks, BOM…) and the other zero-width format characters (U+200B, U+2060…).
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        !Sanitizer.isClean(String(scalar)) || scalar.properties.generalCategory == .format
    }

    /// `name` safe to print in a message: invisible scalars written as `<U+200F>`.
    static func shown(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            if isInvisible(scalar) {
                out += "<U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4) + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
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

extension String {
    /// Zeros in front up to `width` characters (`"7f"` → `"007f"`), for code points.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}

/// Why a key name was refused.
enum KeyNameError: Error {
    case unknown
    case reason(String)
}
