import Glibc
import Testing
import TidingsTestSupport

@testable import TidingsCore

/// Issue 16, point 10: any bytes a file name may hold survive the trip through a `String`.
@Suite struct RawPathTests {
    /// Random names from pieces that stress the mapping: Latin-1 bytes, cut UTF-8 sequences,
    /// overlong forms, and the very scalars the mapping borrows (U+10FF00…U+10FFFF).
    @Test func anyBytesComeBackExactly() {
        let pieces: [[UInt8]] = [
            Array("caf".utf8), [0xE9], [0xC3], [0xC3, 0xA9], [0xE2, 0x82], [0xF4, 0x8F, 0xBF, 0xA9],
            [0xF4, 0x8F, 0xBF], [0xC0, 0xAF], [0xFF], [0x80], Array("한".utf8), Array(".txt".utf8), [0x1B],
            [0xED, 0xA0, 0x80],
        ]
        var random = SplitMix64(seed: 10)
        for round in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(random.next() % 8) { bytes += pieces[Int(random.next() % UInt64(pieces.count))] }
            let path = RawPath.string(fromBytes: bytes)
            #expect(RawPath.bytes(of: path) == bytes, "round \(round): \(bytes)")
            #expect(RawPath.withCString(path) { strlen($0) } == bytes.count)
            let shown = RawPath.displayed(path)
            #expect(!RawPath.hasRawBytes(shown), "round \(round)")
        }
    }

    @Test func utf8NamesAreThemselves() {
        for name in ["data/x.txt", "한국어.txt", "tête-à-tête.html", ""] {
            #expect(RawPath.string(fromBytes: Array(name.utf8)) == name)
            #expect(RawPath.bytes(of: name) == Array(name.utf8))
            #expect(RawPath.displayed(name) == name)
        }
        #expect(
            RawPath.displayed(RawPath.string(fromBytes: Array("caf".utf8) + [0xE9] + Array(".txt".utf8)))
                == "caf\\xE9.txt")
    }
}
