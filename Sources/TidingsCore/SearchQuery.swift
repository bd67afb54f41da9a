/// What a person typed on the search line, understood: words, phrases, exclusions,
/// alternatives and field filters (the language is documented in docs/search.md).
///
/// Parsing never fails: whatever was typed becomes the query that was understood, plus short
/// ``hints`` about what was ignored or repaired. The type is pure data; the library turns it
/// into a full-text expression (`SearchQuery+FTS.swift`) and ``SearchHighlighter`` marks its
/// matches in text.
public struct SearchQuery: Hashable, Sendable {
    /// A word or a quoted phrase that must (or, excluded, must not) appear.
    public struct Term: Hashable, Sendable {
        /// The word or the phrase's text as typed, without quotes or modifiers.
        public var text: String
        /// Whether it was typed in quotes.
        public var isPhrase: Bool
        /// Whether its last word matches as a prefix (the word being typed, or a `*` suffix).
        public var isPrefix: Bool
        /// Whether it must appear in the title (`title:`) rather than anywhere.
        public var inTitle: Bool
        /// How the index is asked for it, worked out from ``text`` (see ``Segment``).
        public var segments: [Segment] { Term.segments(of: text, prefix: isPrefix) }

        public init(text: String, isPhrase: Bool = false, isPrefix: Bool = false, inTitle: Bool = false) {
            self.text = text
            self.isPhrase = isPhrase
            self.isPrefix = isPrefix
            self.inTitle = inTitle
        }
    }

    /// A piece of a term the index can look up on its own; a term matches when all its
    /// segments do.
    public enum Segment: Hashable, Sendable {
        /// Consecutive words (one or more); the last one is a prefix when `prefix` is set.
        case words([String], prefix: Bool)
        /// Two or more Hangul syllables, found anywhere, also inside longer words
        /// (`정은` finds `김정은이`), through the index's Hangul bigrams.
        case hangul(String)
        /// One Hangul syllable: found at the start of a word or inside a Korean word.
        case syllable(String)
    }

    /// A filter on a post's labels: its authors, outlet, categories or tags.
    public struct Filter: Hashable, Sendable {
        /// Which names the filter looks at.
        public enum Field: String, Hashable, Sendable, CaseIterable {
            case author, outlet, category, tag
        }

        public var field: Field
        /// Part of a name, matched without case or accents (`holloway` finds Jane Holloway).
        public var value: String
        /// `-author:…`: posts with such a name are left out.
        public var isExcluded: Bool

        public init(field: Field, value: String, isExcluded: Bool = false) {
            self.field = field
            self.value = value
            self.isExcluded = isExcluded
        }
    }

    /// The text the query was read from, after control characters were removed and long
    /// input was cut.
    public var text: String
    /// Clauses that must all match; each is one term or alternatives joined by `OR`.
    public var clauses: [[Term]]
    /// Terms no result may contain.
    public var excluded: [Term]
    public var filters: [Filter]
    /// Short notes about what was ignored or repaired, for the search line.
    public var hints: [String]

    /// Reads `text`. When `typing` is set (live search), the word the cursor is on (the last
    /// one, unless a space follows it) matches as a prefix.
    public init(_ text: String, typing: Bool = false) {
        self = SearchQueryParser(text, typing: typing).parse()
    }

    /// A query from parts, for tests and callers that build queries themselves.
    public init(
        text: String = "", clauses: [[Term]] = [], excluded: [Term] = [], filters: [Filter] = [],
        hints: [String] = []
    ) {
        self.text = text
        self.clauses = clauses
        self.excluded = excluded
        self.filters = filters
        self.hints = hints
    }

    /// Whether the query asks for nothing at all (every post matches it).
    public var isEmpty: Bool { clauses.isEmpty && excluded.isEmpty && filters.isEmpty }

    /// Whether any word or phrase must match: only then can results be ranked by relevance.
    public var hasPositiveTerms: Bool { !clauses.isEmpty }

    /// Every term that can match (in all clauses and alternatives): what is highlighted.
    public var positiveTerms: [Term] { clauses.flatMap { $0 } }

    /// The query as understood, written back in the query language: quotes closed, ignored
    /// operators dropped, prefixes shown with `*`. Empty for an empty query.
    public var understood: String {
        var parts: [String] = clauses.map { alternatives in
            let written = alternatives.map(\.written)
            return written.count == 1 ? written[0] : "(" + written.joined(separator: " OR ") + ")"
        }
        parts += excluded.map { "-" + $0.written }
        parts += filters.map { filter in
            let value = filter.value.contains(" ") ? "\"\(filter.value)\"" : filter.value
            return (filter.isExcluded ? "-" : "") + filter.field.rawValue + ":" + value
        }
        return parts.joined(separator: " ")
    }
}

extension SearchQuery.Term {
    /// The term in the query language.
    var written: String {
        let body = isPhrase ? "\"" + text + "\"" : text
        return (inTitle ? "title:" : "") + body + (isPrefix ? "*" : "")
    }

    /// Splits a term into what the index can look up: runs of ordinary words stay together as
    /// a phrase, each purely Korean word of two or more syllables becomes a Hangul segment (the
    /// adjacency between these pieces is not checked: see docs/search.md), and a lone
    /// one-syllable Korean term becomes a syllable prefix.
    static func segments(of text: String, prefix: Bool) -> [SearchQuery.Segment] {
        let tokens = SearchText.tokens(in: text)
        if tokens.count == 1, tokens[0].unicodeScalars.count == 1, SearchText.isHangul(tokens[0]) {
            return [.syllable(tokens[0])]
        }
        var segments: [SearchQuery.Segment] = []
        var words: [String] = []
        for token in tokens {
            if SearchText.isHangul(token), token.unicodeScalars.count >= 2 {
                if !words.isEmpty { segments.append(.words(words, prefix: false)) }
                words = []
                segments.append(.hangul(token))
            } else {
                words.append(token)
            }
        }
        if !words.isEmpty { segments.append(.words(words, prefix: prefix)) }
        return segments
    }
}
