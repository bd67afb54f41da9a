/// File-system paths as the kernel has them: bytes, not necessarily UTF-8.
///
/// A Linux file name is any bytes but `/` and NUL; `caf\xE9.txt` (Latin-1) is a valid name
/// that no Swift `String` holds as is: decoding repairs the byte to U+FFFD, and the name no
/// longer opens. Tidings keeps paths as `String`s (the library keys sources by path), so the
/// bytes that are not UTF-8 are carried in the `String` reversibly: each such byte becomes one
/// scalar of a private-use range at the very end of Unicode (U+10FF00 + the byte). A name that
/// really holds a scalar of that range has it carried as its four bytes, so the mapping is
/// exact both ways, and a UTF-8 name is its own `String`, unchanged.
public enum RawPath {
    /// The first scalar of the range that stands for single bytes.
    static let base: UInt32 = 0x10FF00

    /// The path of `bytes` (no NUL), exactly: ``bytes(of:)`` gives the same bytes back.
    public static func string(fromBytes bytes: some Collection<UInt8>) -> String {
        let bytes = Array(bytes)
        if let text = String(validating: bytes, as: UTF8.self), !text.unicodeScalars.contains(where: isByte) {
            return text
        }
        var scalars = String.UnicodeScalarView()
        var index = 0
        while index < bytes.count {
            let length = validSequenceLength(bytes, at: index)
            let decoded =
                length > 0
                ? String(validating: bytes[index..<index + length], as: UTF8.self)?.unicodeScalars.first : nil
            if let scalar = decoded, !isByte(scalar) {
                scalars.append(scalar)
                index += length
            } else {
                // A scalar of the byte range itself goes as its bytes; a byte that is not
                // UTF-8 here goes alone (the next may start a valid sequence).
                let take = decoded == nil ? 1 : length
                for byte in bytes[index..<index + take] { scalars.append(Unicode.Scalar(base + UInt32(byte))!) }
                index += take
            }
        }
        return String(scalars)
    }

    /// The bytes `path` stands for (see ``string(fromBytes:)``).
    public static func bytes(of path: String) -> [UInt8] {
        guard path.unicodeScalars.contains(where: isByte) else { return Array(path.utf8) }
        var bytes: [UInt8] = []
        for scalar in path.unicodeScalars {
            if isByte(scalar) {
                bytes.append(UInt8(scalar.value - base))
            } else {
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        return bytes
    }

    /// Calls `body` with `path` as a NUL-terminated C string of its bytes, for system calls.
    public static func withCString<Result>(
        _ path: String, _ body: (UnsafePointer<CChar>) throws -> Result
    ) rethrows
        -> Result
    {
        var bytes = bytes(of: path).map { CChar(bitPattern: $0) }
        bytes.append(0)
        return try bytes.withUnsafeBufferPointer { try body($0.baseAddress!) }
    }

    /// `path` for a message: each byte that is not UTF-8 written `\xE9`, so that a terminal
    /// is never sent raw bytes of a foreign encoding and the name can still be told apart.
    /// A backslash of the name itself is doubled, so that a name spelling `\xE9` in ASCII
    /// cannot pass for one holding the byte.
    public static func displayed(_ path: String) -> String {
        guard path.unicodeScalars.contains(where: { isByte($0) || $0 == "\\" }) else { return path }
        var shown = ""
        for scalar in path.unicodeScalars {
            if scalar == "\\" {
                shown += "\\\\"
            } else if isByte(scalar) {
                let value = scalar.value - base
                shown += "\\x" + (value < 16 ? "0" : "") + String(value, radix: 16, uppercase: true)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// A path as a dictionary key by its exact code units. `String` equality is canonical, so
    /// two names that differ only in Unicode normalisation (`é` composed and decomposed), two
    /// files on Linux, would otherwise be one key, and one of the files silently lost.
    public struct Key: Hashable, Sendable {
        public let units: [UInt8]
        public init(_ path: String) { units = Array(path.utf8) }
    }

    /// Whether `path` holds bytes that are not UTF-8 (it cannot go to Foundation's path APIs).
    public static func hasRawBytes(_ path: String) -> Bool {
        path.unicodeScalars.contains(where: isByte)
    }

    private static func isByte(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= base && scalar.value <= base + 0xFF
    }

    /// The length of the UTF-8 sequence its lead byte announces at `index`, or 0 for a byte
    /// that cannot start one.
    private static func validSequenceLength(_ bytes: [UInt8], at index: Int) -> Int {
        let lead = bytes[index]
        let length: Int
        switch lead {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = 2
        case 0xE0...0xEF: length = 3
        case 0xF0...0xF4: length = 4
        default: return 0
        }
        return index + length <= bytes.count ? length : 0
    }
}
