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
        var form = Form(
            capacity: title.utf8.count + (outlet?.utf8.count ?? 0)
                + paragraphs.reduce(2) { $0 + $1.utf8.count + 1 })
        normalise(title, into: &form)
        form.append(0x1F)
        normalise(outlet ?? "", into: &form)
        for paragraph in paragraphs {
            form.append(0x1E)
            normalise(paragraph, into: &form)
        }
        return base32(form.withBytes { SHA256.hash(buffer: $0) }, characters: idLength)
    }

    /// The identity form being built, in memory of its own: an array's `append` checked its
    /// storage's uniqueness for every byte, the largest share of the readers' CPU.
    struct Form: ~Copyable {
        private var base: UnsafeMutablePointer<UInt8>
        private var capacity: Int
        private(set) var count = 0

        init(capacity: Int) {
            self.capacity = max(16, capacity)
            base = .allocate(capacity: self.capacity)
        }

        /// Gives `body` the bytes written so far, valid only inside it.
        func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
            body(UnsafeBufferPointer(start: base, count: count))
        }

        /// Makes room for `extra` more bytes.
        mutating func reserve(_ extra: Int) {
            guard count + extra > capacity else { return }
            let larger = max(capacity * 2, count + extra)
            let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
            moved.update(from: base, count: count)
            base.deallocate()
            base = moved
            capacity = larger
        }

        mutating func append(_ byte: UInt8) {
            reserve(1)
            base[count] = byte
            count += 1
        }

        /// Appends eight bytes, the first in the word's lowest byte, without a check.
        mutating func appendReserved(word: UInt64) {
            UnsafeMutableRawPointer(base + count).storeBytes(of: word.littleEndian, as: UInt64.self)
            count += 8
        }

        /// Appends without a check: the caller has reserved the room.
        mutating func appendReserved(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }

        deinit { base.deallocate() }
    }

    /// Appends the identity form of `text` (folded case, single spaces, trimmed) as UTF-8.
    static func normalise(_ text: String, into out: inout [UInt8]) {
        var form = Form(capacity: text.utf8.count)
        normalise(text, into: &form)
        form.withBytes { out.append(contentsOf: $0) }
    }

    private static func normalise(_ text: String, into form: inout Form) {
        var text = text
        text.withUTF8 { normalise(utf8: $0, into: &form) }
    }

    /// ``normalise(_:into:)`` over a string's UTF-8 (valid, as every `String`'s is): ASCII,
    /// most of the text, is folded byte by byte; other characters are decoded to ask Unicode
    /// whether they are white space or fold.
    private static func normalise(utf8 bytes: UnsafeBufferPointer<UInt8>, into out: inout Form) {
        // Room for the text as it is: a byte written never outruns the bytes read (a space
        // stands for a run of at least one), except where case folding lengthens a character,
        // which reserves more then for itself and the rest.
        out.reserve(bytes.count)
        // Spaces are only ever put between two characters of this text, never at its ends.
        let start = out.count
        var pendingSpace = false
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count,
                let word = plainWord(bytes, at: index, afterText: out.count > start && !pendingSpace)
            {
                if pendingSpace {
                    out.appendReserved(0x20)
                    pendingSpace = false
                }
                out.appendReserved(word: word)
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x80 {
                index += 1
                if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                    pendingSpace = out.count > start
                    continue
                }
                if pendingSpace {
                    out.appendReserved(0x20)
                    pendingSpace = false
                }
                out.appendReserved(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
            for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
            let encoded = index
            index += length
            // Hangul syllables and the dashes and quotes of U+2010–U+2027 are neither white
            // space nor cased: kept as they are without asking Unicode's tables.
            let plain = (value >= 0xAC00 && value <= 0xD7A3) || (value >= 0x2010 && value <= 0x2027)
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            if !plain, scalar.properties.isWhitespace {
                pendingSpace = out.count > start
                continue
            }
            if pendingSpace {
                out.appendReserved(0x20)
                pendingSpace = false
            }
            if !plain, scalar.properties.changesWhenCaseFolded {
                var folded: [UInt8] = []
                for scalar in scalar.properties.lowercaseMapping.unicodeScalars {
                    UTF8.encode(scalar) { folded.append($0) }
                }
                out.reserve(folded.count + bytes.count - index)
                for byte in folded { out.appendReserved(byte) }
            } else {
                for offset in encoded..<index { out.appendReserved(bytes[offset]) }
            }
        }
    }

    /// The eight bytes at `index` folded, when the byte-by-byte reading would write them
    /// as they come but for case: ASCII with no control character or white space but single
    /// spaces, none last, nor first unless text was just written (`afterText`, no space
    /// pending). Else nil, and the bytes are read one at a time. Most text is such words.
    private static func plainWord(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, afterText: Bool) -> UInt64? {
        let highs = ByteWord.highs
        let word = ByteWord.load(bytes.baseAddress! + index)
        // ASCII only; then no byte's sum below carries into the next.
        guard ByteWord.isASCII(word) else { return nil }
        // No byte under 0x20 (tabs, line ends, other controls).
        guard (word &+ ByteWord.repeated(0x60)) & highs == highs else { return nil }
        // Spaces: the bytes equal to 0x20, as a high bit each.
        let spaces = ByteWord.bytes(word, equalTo: 0x20)
        if spaces != 0 {
            guard spaces & (spaces << 8) == 0, spaces >> 56 == 0, afterText || spaces & 0x80 == 0 else { return nil }
        }
        // A–Z: at least 0x41 and under 0x5B; their 0x20 bit is set.
        let upper = (word &+ ByteWord.repeated(0x3F)) & ~(word &+ ByteWord.repeated(0x25)) & highs
        return word | (upper >> 2)
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
