import TidingsUI

/// A toy reading of the search language, enough to drive the browser in tests: words match
/// at the start of a word, case-insensitively; `"` are dropped (an odd number gives a hint),
/// `-word` excludes, `OR` and field prefixes (`title:`) are accepted and ignored.
struct FakeQuery {
    var terms: [[Character]] = []
    var excluded: [[Character]] = []
    var hint: String?

    init(_ query: String) {
        if query.filter({ $0 == "\"" }).count % 2 == 1 { hint = "unbalanced quote closed" }
        for word in query.filter({ $0 != "\"" }).split(separator: " ") {
            var word = Substring(word.lowercased())
            if word == "or" { continue }
            if let colon = word.firstIndex(of: ":") { word = word[word.index(after: colon)...] }
            if word.hasPrefix("-") {
                if word.count > 1 { excluded.append(Array(word.dropFirst())) }
            } else if !word.isEmpty, word.contains(where: \.isLetter) {
                terms.append(Array(word))
            }
        }
    }

    /// Nothing to search for: the library would answer `failed`.
    var isEmpty: Bool { terms.isEmpty }

    /// Where the terms match in `text`, as Character ranges, in order.
    func ranges(in text: String) -> [Range<Int>] {
        Self.ranges(of: terms, in: text)
    }

    /// Whether a post matches, given its texts as ``lowered(_:)`` makes them.
    func matches(lowered texts: [[Character]]) -> Bool {
        let found = terms.allSatisfy { term in texts.contains { !Self.ranges(of: [term], inLowered: $0).isEmpty } }
        let banned = excluded.contains { term in texts.contains { !Self.ranges(of: [term], inLowered: $0).isEmpty } }
        return found && !banned
    }

    /// `text` lower-cased as Characters, keeping offsets (the original when lower-casing would
    /// change the count).
    static func lowered(_ text: String) -> [Character] {
        let lowered = Array(text.lowercased())
        return lowered.count == text.count ? lowered : Array(text)
    }

    private static func ranges(of terms: [[Character]], in text: String) -> [Range<Int>] {
        ranges(of: terms, inLowered: lowered(text))
    }

    private static func ranges(of terms: [[Character]], inLowered characters: [Character]) -> [Range<Int>] {
        var found: [Range<Int>] = []
        for term in terms where !term.isEmpty && term.count <= characters.count {
            // Compared in place: this runs over every post on every keystroke of the tests.
            for start in 0...(characters.count - term.count) where characters[start] == term[0] {
                guard start == 0 || !characters[start - 1].isLetter else { continue }
                var offset = 1
                while offset < term.count, characters[start + offset] == term[offset] { offset += 1 }
                if offset == term.count { found.append(start..<start + term.count) }
            }
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }
}
