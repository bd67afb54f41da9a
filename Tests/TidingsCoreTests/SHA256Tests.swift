import Testing
import TidingsTestSupport

@testable import TidingsCore

@Suite struct SHA256Tests {
    func hex(_ bytes: [UInt8]) -> String {
        bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    @Test func knownVectors() {
        #expect(hex(SHA256.hash([UInt8]())) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            hex(SHA256.hash(Array("abc".utf8))) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            hex(SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func incrementalUpdatesEqualOneShot() {
        let message = Array(repeating: Array("0123456789abcdef-".utf8), count: 40).flatMap { $0 }
        for split in [0, 1, 55, 56, 63, 64, 65, 127, 300, message.count] {
            var hasher = SHA256()
            hasher.update(message[..<split])
            hasher.update(Array(message[split...]))
            #expect(hasher.finalize() == SHA256.hash(message), "split at \(split)")
        }
    }

    @Test func longerVectors() {
        // The edges of a block, checked with Python's hashlib: 55 bytes (the padding fits in the
        // block), 56 (it spills into a second) and 64 (a whole block, padding in the next).
        #expect(
            hex(SHA256.hash(Array(repeating: 0x61, count: 55)))
                == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(
            hex(SHA256.hash(Array(repeating: 0x61, count: 56)))
                == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(
            hex(SHA256.hash(Array(repeating: 0x61, count: 64)))
                == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func randomSplitsEqualOneShot() {
        // A long input fed in pieces cut at random points, many times over: the digest never
        // depends on how the bytes arrive.
        var generator = SplitMix64(seed: 0x5EED_1234)
        let message = (0..<200_003).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let whole = SHA256.hash(message)
        for round in 0..<20 {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let length = Int(generator.next() % (round.isMultiple(of: 2) ? 97 : 9_001))
                let end = min(message.count, start + length)
                message[start..<end].withUnsafeBufferPointer { hasher.update(buffer: $0) }
                start = end
            }
            #expect(hasher.finalize() == whole, "round \(round)")
        }
        #expect(SHA256.hash(message[...]) == whole)
        #expect(SHA256.hash(AnySequence(message)) == whole)
    }

    @Test func millionAs() {
        var hasher = SHA256()
        let chunk = [UInt8](repeating: 0x61, count: 1000)
        for _ in 0..<1000 { hasher.update(chunk) }
        #expect(hex(hasher.finalize()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}
