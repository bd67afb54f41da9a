import Testing

@testable import TidingsScreen

/// OSC 52: what `y` writes to the terminal.
@Suite("Clipboard sequence")
struct ClipboardSequenceTests {
    @Test("base64 follows RFC 4648's test vectors")
    func base64Vectors() {
        let vectors = [
            "": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=",
            "foobar": "Zm9vYmFy",
        ]
        for (plain, encoded) in vectors {
            #expect(String(decoding: ClipboardSequence.base64(Array(plain.utf8)), as: UTF8.self) == encoded)
        }
        // Every byte value, including those that would end or start a sequence.
        let all = ClipboardSequence.base64((0...255).map { UInt8($0) })
        #expect(all.count == 344)
        #expect(all.allSatisfy { $0 > 0x20 && $0 < 0x7F })
    }

    @Test("the sequence is ESC ] 52 ; c ; base64 BEL, and nothing in the text can end it early")
    func sequence() {
        let bytes = ClipboardSequence.osc52("https://example.org/a?\u{1B}]0;x\u{07}")!
        #expect(Array(bytes.prefix(7)) == Array("\u{1B}]52;c;".utf8))
        #expect(bytes.last == 0x07)
        #expect(bytes.dropFirst(7).dropLast().allSatisfy { $0 > 0x20 && $0 < 0x7F })
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}]52;c;aHR0cHM6Ly9leGFtcGxlLm9yZy9hPxtdMDt4Bw==\u{07}")
    }

    @Test("text too long for terminals to take is not sent")
    func tooLong() {
        #expect(ClipboardSequence.osc52(String(repeating: "a", count: ClipboardSequence.maximumBytes)) != nil)
        #expect(ClipboardSequence.osc52(String(repeating: "a", count: ClipboardSequence.maximumBytes + 1)) == nil)
    }
}
