import Foundation

/// SQLite's variable-length integers, as FTS5 writes them in its records: big-endian groups of
/// seven bits, the high bit set on every byte but the last, and a ninth byte of eight bits.
enum FTS5Varint {
    /// Appends `value` in the shortest form.
    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        if value >> 56 != 0 {
            // Nine bytes: eight of seven bits for the high 56, then the low eight whole.
            for shift in stride(from: 57, through: 8, by: -7) {
                bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)) | 0x80)
            }
            bytes.append(UInt8(truncatingIfNeeded: value))
            return
        }
        var groups: [UInt8] = [UInt8(value & 0x7F)]
        var rest = value >> 7
        while rest != 0 {
            groups.append(UInt8(rest & 0x7F) | 0x80)
            rest >>= 7
        }
        bytes.append(contentsOf: groups.reversed())
    }

    /// Reads varints and fixed bytes from a record, refusing to read past its end.
    struct Reader {
        private let bytes: [UInt8]
        private var offset = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var isAtEnd: Bool { offset == bytes.count }

        /// The next `count` bytes without reading them (fewer at the end).
        func peek(_ count: Int) -> [UInt8] { Array(bytes[offset..<min(offset + count, bytes.count)]) }

        mutating func bytes(_ count: Int) throws -> [UInt8] {
            guard offset + count <= bytes.count else { throw FTS5Structure.Refusal(description: "a truncated record") }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        mutating func varint() throws -> UInt64 {
            var value: UInt64 = 0
            for index in 0..<9 {
                guard offset < bytes.count else { throw FTS5Structure.Refusal(description: "a truncated record") }
                let byte = bytes[offset]
                offset += 1
                if index == 8 { return value << 8 | UInt64(byte) }
                value = value << 7 | UInt64(byte & 0x7F)
                if byte & 0x80 == 0 { return value }
            }
            return value
        }

        /// A varint that counts something, at most `limit`.
        mutating func count(upTo limit: Int, _ what: String) throws -> Int {
            let value = try varint()
            guard value <= UInt64(limit) else { throw FTS5Structure.Refusal(description: "\(value) \(what)") }
            return Int(value)
        }
    }
}
