/// Overlapping two-syllable pieces of Korean text, for finding Korean words inside longer ones.
///
/// Korean attaches particles to words (`김정은이`), and FTS5's word tokenizers index whole
/// space-separated words, so `정은` would only ever match as a prefix. Indexing every run of
/// Hangul syllables as its overlapping bigrams (`김정 정은 은이`) lets a query of two or more
/// syllables match anywhere inside a word: the query's own bigrams, as a phrase.
public enum HangulBigrams {
    /// Whether `scalar` is a precomposed Hangul syllable (U+AC00–U+D7A3).
    public static func isSyllable(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0xAC00 && scalar.value <= 0xD7A3
    }

    /// The runs of two or more Hangul syllables in `text`.
    public static func runs(in text: some StringProtocol) -> [String] {
        var runs: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if current.count >= 2 { runs.append(String(current)) }
            current = String.UnicodeScalarView()
        }
        for scalar in text.unicodeScalars {
            if isSyllable(scalar) { current.append(scalar) } else if !current.isEmpty { flush() }
        }
        flush()
        return runs
    }

    /// The bigrams of one run, in order: `김정은` → `["김정", "정은"]`.
    public static func bigrams(of run: String) -> [String] {
        let scalars = Array(run.unicodeScalars)
        guard scalars.count >= 2 else { return [] }
        return (0..<(scalars.count - 1)).map { i in
            var pair = String.UnicodeScalarView()
            pair.append(scalars[i])
            pair.append(scalars[i + 1])
            return String(pair)
        }
    }

    /// The text to index for a post: every run's bigrams separated by spaces, runs by ` | `
    /// so that a phrase never spans two runs; nil when there is no Hangul run at all.
    public static func indexText(title: String, paragraphs: [String]) -> String? {
        // Built from the UTF-8 bytes, where a syllable is three bytes and a bigram six: the
        // same text as joining ``bigrams(of:)`` of ``runs(in:)``, without a string per piece
        // (every Korean post is stored with this column).
        var out: [UInt8] = []
        func add(_ text: String) {
            var text = text
            text.withUTF8 { bytes in
                var runStart = 0
                var syllables = 0
                func flush() {
                    guard syllables >= 2 else { return }
                    if !out.isEmpty { out.append(contentsOf: [0x20, 0x7C, 0x20]) }
                    for pair in 0..<(syllables - 1) {
                        if pair > 0 { out.append(0x20) }
                        let from = runStart + 3 * pair
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<from + 6]))
                    }
                }
                var index = 0
                while index < bytes.count {
                    // Outside a run, ASCII (most text, and no syllable) is passed eight bytes
                    // at a time.
                    if syllables == 0, index + 8 <= bytes.count,
                        ByteWord.isASCII(ByteWord.load(bytes.baseAddress! + index))
                    {
                        index += 8
                        continue
                    }
                    let lead = bytes[index]
                    if lead >= 0xEA && lead <= 0xED && index + 2 < bytes.count {
                        let value =
                            UInt32(lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6
                            | UInt32(bytes[index + 2] & 0x3F)
                        if value >= 0xAC00 && value <= 0xD7A3 {
                            if syllables == 0 { runStart = index }
                            syllables += 1
                            index += 3
                            continue
                        }
                    }
                    flush()
                    syllables = 0
                    index += 1
                }
                flush()
            }
        }
        add(title)
        for paragraph in paragraphs { add(paragraph) }
        return out.isEmpty ? nil : String(decoding: out, as: UTF8.self)
    }
}
