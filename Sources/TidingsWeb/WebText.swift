/// Text from the web made fit to store: one rule for titles, names and paragraphs.
///
/// White space (ASCII spaces, tabs, line ends, no-break spaces and every other Unicode space)
/// collapses to single spaces and is trimmed, as a browser shows it. C0 controls other than
/// white space, DEL and C1 controls are dropped here, so no raw ESC or BEL from a page ever
/// reaches the library; bidirectional overrides stay for the display sanitiser, which owns them.
enum WebText {
    /// `text` as one trimmed line with single spaces and no control characters.
    static func line(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if isSpace(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if isControl(scalar) { continue }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(scalar)
        }
        return String(out)
    }

    /// Plain text (a feed's `type="text"` content, a `pre` block) as paragraphs: blank lines
    /// separate paragraphs and the lines of one paragraph join with a space, as in a text archive.
    static func paragraphs(plain text: String) -> [String] {
        var paragraphs: [String] = []
        var current: [String] = []
        func flush() {
            if !current.isEmpty { paragraphs.append(current.joined(separator: " ")) }
            current.removeAll()
        }
        for rawLine in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
        {
            let cleaned = line(String(rawLine))
            if cleaned.isEmpty { flush() } else { current.append(cleaned) }
        }
        flush()
        return paragraphs
    }

    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0xA0: return true
        case 0..<0x80: return false
        default: return scalar.properties.isWhitespace
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (value >= 0x80 && value <= 0x9F)
    }
}
