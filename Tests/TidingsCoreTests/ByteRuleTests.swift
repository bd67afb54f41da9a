import Testing
import TidingsTestSupport

@testable import TidingsCore

/// The parser reads some of its rules on UTF-8 bytes where the text allows it (ASCII, most of
/// any archive), for speed. Each byte reading must give exactly the answer of the rule read on
/// characters or scalars, which stays the definition.
@Suite struct ByteRuleTests {
    /// Strings of pieces picked at random from `pool`, from the same seed every run.
    private static func samples(_ pool: [String], seed: UInt64, count: Int, length: Int) -> [String] {
        var random = SplitMix64(seed: seed)
        return (0..<count).map { _ in (0..<random.next(length + 1)).map { _ in pool[random.next(pool.count)] }.joined()
        }
    }

    @Test func validUTF8MatchesTheStandardDecoder() {
        // Every kind of lead byte, each continuation range's edges, truncated sequences, and
        // runs of ASCII long enough to be skipped eight bytes at a time before and after them.
        let pieces: [[UInt8]] = [
            [0x41], [0x7F], Array("an ASCII run of some length".utf8), [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF],
            [0xC2, 0x80], [0xDF, 0xBF], [0xC2], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xE1, 0x80, 0x80],
            [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
            [0xE2, 0x82], [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xF0, 0x9F, 0x98],
            [0xEA, 0xB0, 0x80],
        ]
        var random = SplitMix64(seed: 0x5554_4638)
        for round in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<random.next(8) { bytes += pieces[random.next(pieces.count)] }
            // A slice that starts inside the array, as a byte order mark leaves it.
            let start = bytes.isEmpty ? 0 : random.next(min(3, bytes.count))
            let slice = bytes[start...]
            var iterator = slice.makeIterator()
            var decoder = UTF8()
            var expected = true
            decoding: while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: break decoding
                case .error:
                    expected = false
                    break decoding
                }
            }
            #expect(ArchiveDecoder.isValidUTF8(slice) == expected, "round \(round): \(Array(slice))")
        }
    }

    @Test func theFirstNULIsFoundAtAnyOffset() {
        for length in 0..<40 {
            // Letters, every third with its high bit set, and the bytes 0x01 and 0x80, the
            // nearest to zero from above and zero with its high bit set: no byte is zero.
            let text: [UInt8] = (0..<length).map { index in
                let letter = UInt8(0x41 + index % 26)
                switch index % 7 {
                case 5: return 0x01
                case 6: return 0x80
                default: return index % 3 == 0 ? letter | 0x80 : letter
                }
            }
            #expect(ArchiveDecoder.firstNUL(text) == nil)
            for offset in 0..<length {
                var bytes = text
                bytes[offset] = 0
                if offset + 2 < length { bytes[offset + 2] = 0 }
                #expect(ArchiveDecoder.firstNUL(bytes) == offset, "\(length) \(offset)")
            }
        }
    }

    @Test func linesEndAtEveryLineBreakAtAnyOffset() {
        // U+028A and U+034D end in the bytes 0x8A and 0x8D: an LF or a CR with the high bit set.
        let pool = [
            "a", "word ", "a longer run of text", "\n", "\r", "\r\n", "\n\n", "é", "\u{00A0}", "[BBC]", "\u{028A}",
            "\u{034D}",
        ]
        for text in Self.samples(pool, seed: 0x4C49_4E45, count: 3_000, length: 12) {
            var cursor = ArchiveLine.Cursor(Array(text.utf8))
            var lines: [ArchiveLine.Kind] = []
            while let line = cursor.next() { lines.append(line.kind) }
            // The same lines cut by the rule, a byte at a time (CR LF, CR and LF each end one; no
            // empty line after a last line break), each then read alone.
            let bytes = Array(text.utf8)
            var pieces: [[UInt8]] = [[]]
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                index += 1
                guard byte == 0x0A || byte == 0x0D else {
                    pieces[pieces.count - 1].append(byte)
                    continue
                }
                if byte == 0x0D, index < bytes.count, bytes[index] == 0x0A { index += 1 }
                if index < bytes.count { pieces.append([]) }
            }
            let expected = pieces.map { piece -> ArchiveLine.Kind in
                var alone = ArchiveLine.Cursor(piece)
                return alone.next()!.kind
            }
            #expect(lines == expected, "\(Array(text.utf8))")
        }
    }

    @Test func outletsReadOnBytesMatchTheCharacterRule() {
        let pool = ["[", "]", " ", "\t", "BBC", "NK News", "a", "\r\n", "\r", "\u{00A0}", "é", "[[", "]]", "x\u{301}"]
        var texts = Self.samples(pool, seed: 0x4F55_544C, count: 20_000, length: 7)
        texts += [
            "[BBC]", "[[Bloomberg]", "[ NK News ]]", "[]", "[[]]", "[ ]", "[a]b]", "[a[b]", "[\t]",
            "[" + String(repeating: "x", count: 98) + "]", "[" + String(repeating: "x", count: 99) + "]",
            "[" + String(repeating: "x", count: 97) + "\r\n]", "[" + String(repeating: "é", count: 98) + "]",
        ]
        for text in texts {
            #expect(
                ArchiveParser.outletName(text) == ArchiveParser.outletNameInCharacters(text), "\(Array(text.utf8))")
        }
    }

    @Test func paginationReadOnBytesMatchesTheCharacterRule() {
        let pool = [
            "older", "Older", "NEWER", "posts", "Entries", "next", "page", "previous", " ", "  ", "\t", "<", ">",
            "<<", "x", "«", "→", "\u{00A0}",
        ]
        var texts = Self.samples(pool, seed: 0x5041_4745, count: 20_000, length: 5)
        texts += [
            "← Older posts", "Newer posts →", "<< Older Entries", "older<posts", "older< posts", "NEXT PAGE >",
            "older  posts", "older\tposts", "previous page x", "<>", "",
        ]
        for text in texts {
            #expect(ArchiveLine.isPagination(text) == ArchiveLine.isPaginationInCharacters(text), "\(text)")
        }
    }

    @Test func postedLinesReadOnBytesMatchTheWordRule() {
        let pool = [
            "Posted on", "posted ON", " ", "  ", "\t", "May", "10,", "2019", "by", "BY", "bY", "Kim", "by.", "é", "x",
        ]
        var texts = Self.samples(pool, seed: 0x504F_5354, count: 20_000, length: 7)
        texts += [
            "Posted on", "Posted on by", "Posted on  May 10, 2019  by  Kim Jong  ", "Posted onMay", "Posted on by by",
        ]
        for text in texts {
            #expect(ArchiveLine.parsePosted(text) == ArchiveLine.postedInWords(text), "\(text)")
        }
    }
}
