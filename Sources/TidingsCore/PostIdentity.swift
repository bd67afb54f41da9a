/// Decides when two copies of a story are the same post, and names it.
///
/// Identity is the normalised title, outlet and body: case is folded and every run of
/// white space (including no-break spaces and line ends) becomes one space, so the same
/// story copied onto a category page and its author's page is one post even when the
/// copies differ in spacing. The id is the first 60 bits of SHA-256 over that form, in
/// lower-case Crockford base32: 12 characters, equal on every machine and re-import.
public enum PostIdentity {
    /// Length of a post id in characters.
    public static let idLength = 12

    /// The stable id of a story.
    public static func id(title: String, outlet: String?, paragraphs: [String]) -> String {
        // The identity form of the whole post in one buffer and one digest: hashing field by
        // field cost a libcrypto call per paragraph.
        var form: [UInt8] = []
        form.reserveCapacity(title.utf8.count + paragraphs.reduce(64) { $0 + $1.utf8.count + 1 })
        normalise(title, into: &form)
        form.append(0x1F)
        normalise(outlet ?? "", into: &form)
        for paragraph in paragraphs {
            form.append(0x1E)
            normalise(paragraph, into: &form)
        }
        return base32(SHA256.hash(form), characters: idLength)
    }

    /// Appends the identity form of `text` (folded case, single spaces, trimmed) as UTF-8.
    static func normalise(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { normalise(utf8: $0, into: &out) }
    }

    /// ``normalise(_:into:)`` over a string's UTF-8 (valid, as every `String`'s is): ASCII,
    /// most of the text, is folded byte by byte; other characters are decoded to ask Unicode
    /// whether they are white space or fold.
    private static func normalise(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        // Spaces are only ever put between two characters of this text, never at its ends.
        let start = out.count
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = out.count > start
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            let encoded = UnsafeBufferPointer(rebasing: bytes[index..<index + length])
            index += length
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if scalar.properties.isWhitespace {
                pendingSpace = out.count > start
                continue
            }
            if pendingSpace {
                out.append(0x20)
                pendingSpace = false
            }
            if scalar.properties.changesWhenCaseFolded {
                for folded in scalar.properties.lowercaseMapping.unicodeScalars {
                    UTF8.encode(folded) { out.append($0) }
                }
            } else {
                out.append(contentsOf: encoded)
            }
        }
    }

    private static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)

    static func base32(_ bytes: [UInt8], characters: Int) -> String {
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes where out.count < characters {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5, out.count < characters {
                bits -= 5
                out.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
