/// Text from the user or an archive shown back inside a message, with everything a terminal
/// could act on or that cannot be seen written out as `\u{…}`, so that a hostile id prints
/// as what it is (`no post with id “\u{1B}]0;x\u{7}”`) instead of vanishing when the message
/// is sanitised.
public enum VisibleText {
    /// `text` with controls, DEL, C1, bidi and invisible format characters escaped; a
    /// backslash is doubled, so that the escaped form cannot be forged.
    public static func escaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar == "\\" {
                out += "\\\\"
            } else if isInvisible(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F, 0xAD, 0x061C, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF:
            return true
        default:
            return scalar.properties.generalCategory == .format
        }
    }
}
