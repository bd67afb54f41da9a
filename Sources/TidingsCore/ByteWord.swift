/// Eight bytes of text read as one 64-bit word, for the parser's scans that skip ASCII or look
/// for one byte value eight bytes at a time.
///
/// The tests are exact, not approximations: each byte's arithmetic stays within its own byte
/// (its high bit is cleared before the add), so no carry crosses into the next byte and every
/// byte is judged on its own.
enum ByteWord {
    /// A word of `byte` repeated eight times.
    @inline(__always) static func repeated(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

    /// Each byte's high bit.
    static let highs: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes at `pointer`, in memory order (the first byte lowest).
    @inline(__always) static func load(_ pointer: UnsafeRawPointer) -> UInt64 {
        UInt64(littleEndian: pointer.loadUnaligned(as: UInt64.self))
    }

    /// True when all eight bytes are ASCII.
    @inline(__always) static func isASCII(_ word: UInt64) -> Bool { word & highs == 0 }

    /// A high bit for each zero byte of `word`, nothing else.
    @inline(__always) static func zeroBytes(_ word: UInt64) -> UInt64 {
        ~(((word & ~highs) &+ ~highs) | word) & highs
    }

    /// A high bit for each byte of `word` equal to `byte`, nothing else.
    @inline(__always) static func bytes(_ word: UInt64, equalTo byte: UInt8) -> UInt64 {
        zeroBytes(word ^ repeated(byte))
    }
}
