import Glibc

/// Text for a terminal whose character set is not UTF-8 (`LANG=C`, the Linux console, an
/// xterm in Latin-1): plain ASCII, with a near replacement for what it cannot show.
///
/// Such a terminal reads UTF-8's continuation bytes 0x80–0x9F as C1 controls: `Û` is
/// `C3 9B`, and 0x9B is CSI, so post text could move the cursor or start an OSC. ASCII is
/// the one output that every 8-bit charset shows as it is. Letters keep their base letter
/// (`é` → `e`), punctuation and box lines their ASCII look-alike, and anything else becomes
/// `?`; combining marks are dropped.
public enum ASCIIFallback {
    /// True when the current `LC_CTYPE` locale's codeset is UTF-8 (after `setlocale`).
    public static func codesetIsUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    /// True when the user's locale (from the environment, as `setlocale(LC_CTYPE, "")` reads
    /// it) is UTF-8. Leaves the process's locale as it was.
    public static func environmentIsUTF8() -> Bool {
        let saved = setlocale(LC_CTYPE, nil).map { String(cString: $0) }
        defer { if let saved { setlocale(LC_CTYPE, saved) } }
        guard setlocale(LC_CTYPE, "") != nil else { return false }
        return codesetIsUTF8()
    }

    /// `text` in ASCII: every byte of the result is below 0x80.
    public static func ascii(_ text: String) -> String {
        guard !text.utf8.contains(where: { $0 >= 0x80 }) else {
            var out = ""
            out.reserveCapacity(text.utf8.count)
            for scalar in text.unicodeScalars { out += replacement(for: scalar) }
            return out
        }
        return text
    }

    /// The ASCII standing for one scalar: itself when ASCII, "" for a combining mark.
    public static func replacement(for scalar: Unicode.Scalar) -> String {
        let value = scalar.value
        if value < 0x80 { return String(scalar) }
        switch value {
        case 0x80...0x9F: return "?"
        case 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return " "
        case 0x2018, 0x2019, 0x201A, 0x2032: return "'"
        case 0x201C, 0x201D, 0x201E, 0x2033, 0xAB, 0xBB: return "\""
        case 0x2010...0x2015, 0x2212: return "-"
        case 0x2026: return "..."
        case 0x2022, 0x25CF, 0x25E6: return "*"
        case 0xD7: return "x"
        case 0x2500...0x257F: return boxLine(value)
        case 0x25B6, 0x25B8, 0x25BA, 0x2192: return ">"
        case 0x25C0, 0x25C2, 0x25C4, 0x2190: return "<"
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return ""
        default: break
        }
        // A Latin letter with marks: its base letter (é → e, Û → U).
        if let base = latinBase[value] { return String(base) }
        return "?"
    }

    /// Box-drawing characters: their ASCII shape.
    private static func boxLine(_ value: UInt32) -> String {
        switch value {
        case 0x2500, 0x2501, 0x2504, 0x2505, 0x2508, 0x2509, 0x254C, 0x254D, 0x2550: return "-"
        case 0x2502, 0x2503, 0x2506, 0x2507, 0x250A, 0x250B, 0x254E, 0x254F, 0x2551: return "|"
        default: return "+"
        }
    }

    /// Base letters of the accented letters in U+00C0–U+017F.
    private static let latinBase: [UInt32: Character] = {
        var table: [UInt32: Character] = [:]
        let rows: [(UInt32, String)] = [
            (0xC0, "AAAAAAACEEEEIIII"), (0xD0, "DNOOOOO?OUUUUYTs"), (0xE0, "aaaaaaaceeeeiiii"),
            (0xF0, "dnooooo?ouuuuyty"), (0x100, "AaAaAaCcCcCcCcDd"), (0x110, "DdEeEeEeEeEeGgGg"),
            (0x120, "GgGgHhHhIiIiIiIi"), (0x130, "IiJjJjKkkLlLlLlL"), (0x140, "lLlNnNnNnnNnOoOo"),
            (0x150, "OoOoRrRrRrSsSsSs"), (0x160, "SsTtTtTtUuUuUuUu"), (0x170, "UuUuWwYyYZzZzZzs"),
        ]
        for (start, letters) in rows {
            for (offset, letter) in letters.enumerated() where letter != "?" {
                table[start + UInt32(offset)] = letter
            }
        }
        return table
    }()
}
