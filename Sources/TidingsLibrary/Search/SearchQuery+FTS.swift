import TidingsCore

/// The full-text part of a search, as FTS5 MATCH expressions built from a parsed query.
///
/// Nothing typed reaches FTS5 as syntax: every word is a double-quoted string (quotes inside
/// doubled, although ``SearchText`` words never contain one), and the only operators are the
/// ones written here (`AND`, `OR`, `NOT`, `*`, column filters). `AND`, `OR`, `NOT` or `NEAR`
/// typed by a person arrive as quoted words or were read as the query language's own
/// operators by the parser, so no input can make the expression a syntax error.
struct FTSExpression: Hashable, Sendable {
    /// What every result must match: the positive clauses, with exclusions folded in as
    /// `NOT`. Nil when the query has no word or phrase to look for.
    var match: String? = nil
    /// The excluded terms alone (`a OR b`), for a query that has nothing positive: FTS5 has
    /// no unary NOT, so the library subtracts these matches from the posts instead.
    var exclusion: String? = nil
    /// Korean runs the title must contain: `title:정은` is looked up through the Hangul
    /// bigrams (title and body alike), then checked against the title itself.
    var titleContains: [String] = []
    /// Notes for the search line about what could not be expressed exactly.
    var hints: [String] = []
    /// Posts with every positive term in the title (`title : (…)`): the title matches that a
    /// bounded live ranking always considers (``RankingScope``). Nil without positive terms.
    var titleMatch: String? = nil
    /// Prefixes searched as the one word they begin (see ``init(_:exact:widened:spelled:)``).
    private var exact: [String: String] = [:]
    /// Prefixes searched as the longer prefix that every word they begin starts with.
    private var widened: [String: String] = [:]
    /// Prefixes written out as the `OR` of the words they begin (see ``init(_:exact:widened:spelled:)``).
    private var spelled: [String: [String]] = [:]
    /// Folded prefixes of three or more characters: beyond the index's prefix lists
    /// (`prefix = '1 2'`), so FTS5 merges the lists of every word they begin.
    var unindexedPrefixes: [String] = []
    /// Folded prefixes of one character among the positive terms (`s`, `"north k`): the index
    /// finds their matches cheaply, but every word they begin counts in BM25, so ranking them
    /// is not (``LiveRanking/declined(_:in:path:)``).
    var oneCharacterPrefixes: [String] = []
    /// Set while the excluded terms are written: their prefixes are never ranked.
    private var writingExclusions = false
    /// For each phrase of ``match``, in FTS5's order (the order written), the group it is
    /// ranked in by `tidings_rank` (``RankCounts``): the alternatives of a prefix written out
    /// are one group, scored as the prefix; every other phrase is a group of its own.
    private(set) var rankGroups: [Int] = []
    /// For each group of ``rankGroups``: the expression matching exactly the rows the group
    /// matches (what BM25 counts for its IDF), or nil for an excluded term (it has no instance
    /// in any row that matches, so its count never weighs).
    private(set) var groupMatches: [String?] = []

    /// Column weights for `bm25()`: a word in the title counts ten times one in the body;
    /// Korean bigrams come from both, so they sit in between.
    static let bm25Weights = "10.0, 1.0, 2.0"

    /// The longest prefix the index keeps a list for (`prefix = '1 2'` in the schema).
    static let indexedPrefixLength = 2

    /// The expression of `query`, with each prefix in `exact` (folded prefix → the one word
    /// of the index it begins) searched as that word: the same matches and BM25 scores
    /// without FTS5 merging a prefix's lists. Each prefix in `widened` (folded prefix → the
    /// longest prefix that all the words it begins share, `kor` → `korea` when it begins
    /// *korea* and *korean*) is searched as that longer prefix: the same words, so the same
    /// matches and scores, and the same expression for every key typed between the two.
    ///
    /// Each prefix in `spelled` (folded prefix → every word of the index it begins) is written
    /// out as the `OR` of those words (`"north kor" *` → `("north korea" OR "north korean")`):
    /// the same posts match, but FTS5 steps the words' lists side by side instead of merging
    /// them before the first match, so a walk that stops early or a count is cheap. `bm25()`
    /// would score the alternatives as separate phrases, so `tidings search` ranks the
    /// expression as typed; the live ranking ranks this one (``SearchPlan/walk``) with
    /// `tidings_rank`, which scores each prefix's alternatives as one phrase (``rankGroups``).
    init(
        _ query: SearchQuery, exact: [String: String] = [:], widened: [String: String] = [:],
        spelled: [String: [String]] = [:]
    ) {
        self.exact = exact
        self.widened = widened
        self.spelled = spelled
        var positive: [String] = []
        for alternatives in query.clauses {
            let isAlone = alternatives.count == 1
            let parts = alternatives.compactMap { term(for: $0, checkTitle: isAlone) }
            guard !parts.isEmpty else { continue }
            positive.append(parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")")
        }
        writingExclusions = true
        let excluded = query.excluded.compactMap { term(for: $0, checkTitle: false) }
        writingExclusions = false
        let exclusions = excluded.joined(separator: " OR ")
        if positive.isEmpty {
            exclusion = excluded.isEmpty ? nil : exclusions
        } else {
            let all = positive.joined(separator: " AND ")
            match = excluded.isEmpty ? all : "(" + all + ") NOT (" + exclusions + ")"
            // A column filter on a group applies to every phrase in it; the Korean pieces'
            // own `hangul :` filter then leaves nothing, so Korean terms add no title matches.
            titleMatch = "title : (" + all + ")"
        }
    }

    /// One term as an FTS5 expression: its segments, all of which must match.
    private mutating func term(for term: SearchQuery.Term, checkTitle: Bool) -> String? {
        let scope = term.inTitle ? "title : " : ""
        var parts: [String] = []
        for segment in term.segments {
            switch segment {
            case .words(let words, let prefix):
                if prefix, let last = words.last, let word = exact[SearchText.fold(last)] {
                    parts.append(scope + FTSExpression.quoted((words.dropLast() + [word]).joined(separator: " ")))
                    group(parts[parts.count - 1], phrases: 1)
                    continue
                }
                var words = words
                if prefix, let last = words.last, let alternatives = spelled[SearchText.fold(last)],
                    !alternatives.isEmpty
                {
                    let head = words.dropLast()
                    let phrases = alternatives.map {
                        scope + FTSExpression.quoted((head + [$0]).joined(separator: " "))
                    }
                    parts.append(phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")")
                    group(parts[parts.count - 1], phrases: phrases.count)
                    continue
                }
                if prefix, let last = words.last {
                    var folded = SearchText.fold(last)
                    if let longer = widened[folded] {
                        words[words.count - 1] = longer
                        folded = longer
                    }
                    if folded.count > FTSExpression.indexedPrefixLength, !unindexedPrefixes.contains(folded) {
                        unindexedPrefixes.append(folded)
                    }
                    if folded.count == 1, !writingExclusions, !oneCharacterPrefixes.contains(folded) {
                        oneCharacterPrefixes.append(folded)
                    }
                }
                parts.append(scope + FTSExpression.quoted(words.joined(separator: " ")) + (prefix ? " *" : ""))
                group(parts[parts.count - 1], phrases: 1)
            case .syllable(let syllable):
                // A prefix over every column: words starting with it, and (through the
                // bigrams) the syllable inside longer Korean words.
                parts.append(scope + FTSExpression.quoted(syllable) + " *")
                group(parts[parts.count - 1], phrases: 1)
            case .hangul(let run):
                parts.append("hangul : " + FTSExpression.quoted(HangulBigrams.bigrams(of: run).joined(separator: " ")))
                group(parts[parts.count - 1], phrases: 1)
                if term.inTitle {
                    if checkTitle {
                        titleContains.append(run)
                    } else {
                        note("‘title:’ with Korean matches titles and bodies inside OR or after -")
                    }
                }
            }
        }
        guard !parts.isEmpty else { return nil }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
    }

    /// An FTS5 string: the text in double quotes, any double quote in it doubled.
    static func quoted(_ text: String) -> String {
        "\"" + text.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\""
    }

    /// Records the phrases just written as one ranking group matched by `expression`.
    private mutating func group(_ expression: String, phrases: Int) {
        rankGroups += Array(repeating: groupMatches.count, count: phrases)
        groupMatches.append(writingExclusions ? nil : expression)
    }

    private mutating func note(_ hint: String) {
        if !hints.contains(hint) { hints.append(hint) }
    }
}

extension SearchQuery {
    /// The query's full-text part (see ``FTSExpression``).
    var fts: FTSExpression { FTSExpression(self) }
}
