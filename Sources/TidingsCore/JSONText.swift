import Foundation

/// Makes encoded JSON safe to print without changing what it decodes to.
///
/// `JSONEncoder` escapes C0 controls (so no ESC reaches a terminal) but writes C1 controls,
/// bidi controls and other invisible format characters as they are: a terminal may act on
/// U+009B (8-bit CSI), and bidi overrides make a line read differently than it is stored.
/// They can only occur inside strings, where `\uXXXX` means the same character.
public enum JSONText {
    /// `data` with every invisible character inside its strings written as `\uXXXX`.
    public static func escapingInvisibles(_ data: Data) -> Data {
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: isInvisible) else { return data }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard isInvisible(scalar) else {
                out.append(scalar)
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).unicodeScalars)
        }
        return Data(String(out).utf8)
    }

    /// C1 controls, bidi controls, soft hyphen, BOM, line and paragraph separators: all below U+FFFF.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x80...0x9F, 0xAD, 0x61C, 0x200E, 0x200F, 0x2028...0x202E, 0x2066...0x2069, 0xFEFF: return true
        default: return false
        }
    }
}
