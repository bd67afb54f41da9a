/// The OSC 52 sequence that asks a terminal to put text on the system clipboard.
///
/// OSC 52 travels in the output stream, so it reaches the reader's own machine through SSH
/// (and through tmux with `set-clipboard on`), where no clipboard program on the server
/// could. The text goes in as base64, so nothing in it can end the sequence early or start
/// another; callers still pass only text they have sanitised, since the clipboard is pasted
/// into other programs later.
public enum ClipboardSequence {
    /// Text longer than this is not sent: several terminals drop (or truncate) larger
    /// payloads, and a link is never near it.
    public static let maximumBytes = 74_994

    /// `ESC ] 52 ; c ; BASE64 BEL` for `text`, or nil when `text` is too long to send.
    public static func osc52(_ text: String) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard bytes.count <= maximumBytes else { return nil }
        return Array("\u{1B}]52;c;".utf8) + base64(bytes) + [0x07]
    }

    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Standard base64 with padding (RFC 4648, section 4).
    static func base64(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let count = min(3, bytes.count - index)
            var group: UInt32 = 0
            for offset in 0..<3 {
                group <<= 8
                if offset < count { group |= UInt32(bytes[index + offset]) }
            }
            for position in 0..<4 {
                if position <= count {
                    out.append(alphabet[Int((group >> UInt32(18 - 6 * position)) & 0x3F)])
                } else {
                    out.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return out
    }
}
