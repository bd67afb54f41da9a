/// The character encoding an archive file was read in.
public enum ArchiveEncoding: String, Sendable, Hashable, Codable {
    case utf8 = "UTF-8"
    case windows1252 = "Windows-1252"
    case latin1 = "ISO-8859-1 (Latin-1)"
}

/// Turns an archive file's bytes into UTF-8, deciding the encoding the way a reader would.
///
/// UTF-8 (with or without a byte order mark) is taken as is. Bytes that are not valid UTF-8
/// are read as Windows-1252 when they use its 0x80–0x9F range (curly quotes, dashes), else as
/// ISO-8859-1; the caller reports which was assumed. A NUL byte marks the file as binary.
public enum ArchiveDecoder {
    /// Why a file's bytes cannot be read as text.
    public enum Failure: Error, Equatable, Sendable {
        case empty
        case binary(offset: Int)
    }

    /// The decoded text as UTF-8 bytes, plus the encoding that was assumed.
    public struct Decoded: Sendable {
        public var utf8: [UInt8]
        public var encoding: ArchiveEncoding
    }

    /// Decodes `bytes`, or fails for empty and binary files.
    public static func decode(_ bytes: [UInt8]) -> Result<Decoded, Failure> {
        if bytes.isEmpty { return .failure(.empty) }
        if let nul = firstNUL(bytes) { return .failure(.binary(offset: nul)) }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if isValidUTF8(body) {
            // Without a byte order mark the input is the answer: no second copy of a large file.
            return .success(Decoded(utf8: body.startIndex == bytes.startIndex ? bytes : Array(body), encoding: .utf8))
        }
        let usesC1Range = body.contains { $0 >= 0x80 && $0 <= 0x9F }
        let encoding: ArchiveEncoding = usesC1Range ? .windows1252 : .latin1
        return .success(Decoded(utf8: transcode(body, from: encoding), encoding: encoding))
    }

    /// `bytes` read in `encoding` as UTF-8, for readers that learn the encoding from the document
    /// (the web readers) instead of guessing it. Bytes that are not valid UTF-8 when `encoding`
    /// is UTF-8 become U+FFFD.
    public static func utf8(from bytes: [UInt8], as encoding: ArchiveEncoding) -> [UInt8] {
        if encoding != .utf8 { return transcode(bytes[...], from: encoding) }
        if isValidUTF8(bytes[...]) { return bytes }
        return Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// The offset of the first NUL byte, looked for eight bytes at a time.
    static func firstNUL(_ bytes: [UInt8]) -> Int? {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var index = 0
            while index + 8 <= buffer.count {
                if ByteWord.zeroBytes(ByteWord.load(base + index)) != 0 { break }
                index += 8
            }
            while index < buffer.count, base[index] != 0 { index += 1 }
            return index < buffer.count ? index : nil
        }
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlongs, no surrogates, nothing past U+10FFFF).
    ///
    /// Every file of an import is checked, so ASCII, most of any archive, is skipped eight bytes
    /// at a time; the rest follows the Unicode standard's table of well-formed byte sequences
    /// (Table 3-7), as the standard library's decoder does, a scalar at a time.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return true }
            let count = buffer.count
            var index = 0
            while index < count {
                if index + 8 <= count, ByteWord.isASCII(ByteWord.load(base + index)) {
                    index += 8
                    continue
                }
                let lead = base[index]
                if lead < 0x80 {
                    index += 1
                    continue
                }
                // The allowed range of the second byte, and how many bytes the sequence has.
                let second: ClosedRange<UInt8>
                let length: Int
                switch lead {
                case 0xC2...0xDF: (second, length) = (0x80...0xBF, 2)
                case 0xE0: (second, length) = (0xA0...0xBF, 3)
                case 0xE1...0xEC, 0xEE...0xEF: (second, length) = (0x80...0xBF, 3)
                case 0xED: (second, length) = (0x80...0x9F, 3)
                case 0xF0: (second, length) = (0x90...0xBF, 4)
                case 0xF1...0xF3: (second, length) = (0x80...0xBF, 4)
                case 0xF4: (second, length) = (0x80...0x8F, 4)
                default: return false
                }
                guard index + length <= count, second.contains(base[index + 1]) else { return false }
                for offset in 2..<length where base[index + offset] & 0xC0 != 0x80 { return false }
                index += length
            }
            return true
        }
    }

    /// Windows-1252's characters for 0x80–0x9F; zero where the code page leaves a hole.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
        0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
    ]

    private static func transcode(_ bytes: ArraySlice<UInt8>, from encoding: ArchiveEncoding) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            var value = UInt32(byte)
            if encoding == .windows1252, byte <= 0x9F {
                let mapped = windows1252High[Int(byte - 0x80)]
                // Holes in the code page keep their Latin-1 meaning (a C1 control), which the
                // sanitiser strips before display.
                if mapped != 0 { value = mapped }
            }
            UTF8.encode(Unicode.Scalar(value)!) { out.append($0) }
        }
        return out
    }
}
