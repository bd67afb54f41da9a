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
        var hasher = SHA256()
        var scratch: [UInt8] = []
        scratch.reserveCapacity(256)
        func feed(_ text: String) {
            scratch.removeAll(keepingCapacity: true)
            normalise(text, into: &scratch)
            hasher.update(scratch)
        }
        feed(title)
        hasher.update([0x1F])
        feed(outlet ?? "")
        for paragraph in paragraphs {
            hasher.update([0x1E])
            feed(paragraph)
        }
        return base32(hasher.finalize(), characters: idLength)
    }

    /// Appends the identity form of `text` (folded case, single spaces, trimmed) as UTF-8.
    static func normalise(_ text: String, into out: inout [UInt8]) {
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let byte = UInt8(scalar.value)
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                continue
            }
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
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
                UTF8.encode(scalar) { out.append($0) }
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
