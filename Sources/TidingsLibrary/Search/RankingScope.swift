import GRDB
import TidingsCore

/// How many of a query's matches a relevance page ranks (docs/search.md, "Ranking while
/// typing").
///
/// BM25 scores every post it ranks, so ranking all matches of a common word costs in
/// proportion to the archive: over a hundred milliseconds at 100,000 posts, over a second at a
/// million. The browser asks for a ranking that fits between two keys; `tidings search` asks
/// for every match.
public enum RankingScope: Hashable, Sendable {
    /// Every match, by BM25: what `tidings search` asks for.
    case everyMatch
    /// Every match when at most `bound` posts match. Beyond that, the candidates are ranked
    /// by BM25 first — the `bound / 2` newest matches and the `bound / 2` newest posts with every
    /// searched word in the title — and the other matches follow in the order they were added;
    /// the page says so in a hint. A query whose word being typed begins more than
    /// ``RankingScope/broadPrefixWords`` words is not ranked at all (archive order, with a
    /// hint): FTS5 would merge the lists of every one of those words several times over.
    /// `knownMatches`, when the caller has just counted them (the browser's first stage has),
    /// spares a walk of the matches to learn whether there are more than `bound`.
    case live(bound: Int, knownMatches: Int? = nil)

    /// How many matches the browser ranks in full; above it, the newest half as many and the
    /// newest half as many title matches are the candidates.
    public static let typingBound = 10_000

    /// What the browser asks for on each key.
    public static let typing = RankingScope.live(bound: typingBound)

    /// What the browser asks for on each key, once the first stage has counted the matches.
    public static func typing(knownMatches: Int?) -> RankingScope {
        .live(bound: typingBound, knownMatches: knownMatches)
    }

    /// What the browser asks for on each key, once the first stage has counted the matches up
    /// to ``typingBound``: more than the bound is known as well as an exact figure, so the
    /// ranking need not walk the matches to learn it (it only compares with its bound).
    public static func typing(known count: MatchCount?) -> RankingScope {
        switch count {
        case .exact(let matches)?: return .typing(knownMatches: matches)
        case .moreThan(let matches)? where matches >= typingBound: return .typing(knownMatches: matches + 1)
        default: return .typing(knownMatches: nil)
        }
    }

    /// The window of a bounded ranking's title candidates, in multiples of its bound: title
    /// matches are candidates only among the last `bound × titleWindowFactor` posts added.
    /// Without it, the few title matches of a phrase with many matches were looked for over
    /// the whole archive, three times per key.
    public static let titleWindowFactor = 10

    /// How many words a prefix of three or more characters may begin and still be ranked while
    /// typing: a few words' lists merge in a few milliseconds, hundreds take a keystroke's
    /// whole budget (measured in docs/benchmarks.md).
    public static let broadPrefixWords = 32

    /// How many words a prefix of three or more characters may begin and still be walked as
    /// the `OR` of its words by a count bounded while typing and its archive page
    /// (``SearchPlan/lazyWalk``): FTS5 steps the alternatives side by side, so a walk that
    /// stops at the bound reads a little of each list, where the prefix itself would merge all
    /// of them first. Each step compares every alternative, and listing the words reads their
    /// lists once (`fts5vocab`), so the cap keeps both below the merge they replace
    /// (docs/benchmarks.md, third round).
    public static let lazyWalkWords = 512
}

/// What a live ranking decided for one query, worked out inside the search's transaction.
enum LiveRanking {
    /// Few enough matches: rank them all, as ``RankingScope/everyMatch`` would.
    case everyMatch
    /// Rank the candidates first: the `newest` newest matches (a number of them), and matches
    /// among the title matches from `newestTitle` on (a seq); `window` is how many of the last
    /// seqs handed out the title matches were looked for in, when the library has older posts
    /// than that (seqs of posts removed since count in it, so it may hold fewer posts).
    case candidates(newest: Int, titleMatch: String?, newestTitle: Int64, window: Int?)
    /// Not ranked: archive order, and why.
    case declined(String)

    /// The decision for `plan` under `scope`.
    init(_ plan: SearchPlan, scope: RankingScope, in db: Database, cache: String) throws {
        guard case .live(let bound, let known) = scope, bound > 0, let (source, arguments) = plan.ftsSource() else {
            self = .everyMatch
            return
        }
        if let hint = try LiveRanking.declined(plan, in: db, cache: cache) {
            self = .declined(hint)
            return
        }
        if let known, known <= bound {
            self = .everyMatch
            return
        }
        let walk = "SELECT post_fts.rowid \(source) ORDER BY post_fts.rowid DESC LIMIT 1 OFFSET ?"
        // Walking the newest matches backwards stops at the bound: no more than that is read.
        if known == nil, try Int64.fetchOne(db, sql: walk, arguments: arguments + [bound]) == nil {
            self = .everyMatch
            return
        }
        let half = max(1, bound / 2)
        // Title matches are looked for among the last posts added only (seqs are handed out in
        // order, never reused), so the walks for them start there and not at the oldest post.
        let (window, overflow) = bound.multipliedReportingOverflow(by: RankingScope.titleWindowFactor)
        let lastSeq = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM post") ?? 0
        let windowStart = overflow ? 1 : lastSeq - Int64(window) + 1
        let cuts = windowStart > 1
        var newestTitle = cuts ? windowStart : Int64.min
        if let title = plan.walk.titleMatch {
            newestTitle =
                try Int64.fetchOne(
                    db,
                    sql: """
                        SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid >= ?
                        ORDER BY rowid DESC LIMIT 1 OFFSET ?
                        """,
                    arguments: [title, newestTitle, half - 1]) ?? newestTitle
        }
        self = .candidates(
            newest: half, titleMatch: plan.walk.titleMatch, newestTitle: newestTitle, window: cuts ? window : nil)
    }

    /// Why `plan` is not ranked while typing, nil when it is: a word being typed of one
    /// character (every word it begins counts in BM25, so ranking `t` scores every *the*,
    /// *to* and *that* of each match), or one that begins too many words to merge.
    static func declined(_ plan: SearchPlan, in db: Database, cache: String) throws -> String? {
        guard plan.fts.match != nil else { return nil }
        if let character = plan.fts.oneCharacterPrefixes.first {
            return "not ranked: ‘\(character)’ is one character, type on"
        }
        guard let prefix = try broadPrefix(plan.fts.unindexedPrefixes, in: db, cache: cache) else { return nil }
        return "not ranked: ‘\(prefix)’ begins over \(RankingScope.broadPrefixWords) words, type on"
    }

    /// The first of `prefixes` that begins more than ``RankingScope/broadPrefixWords`` words
    /// of the index (``PrefixWords``).
    static func broadPrefix(_ prefixes: [String], in db: Database, cache: String) throws -> String? {
        for prefix in prefixes where try PrefixWords.words(beginning: prefix, in: db, cache: cache) == nil {
            return prefix
        }
        return nil
    }

    /// What the search line says of a ranking of the candidates, title matches looked for
    /// among the last `window` seqs when the library has older posts.
    static func candidatesHint(_ scope: RankingScope, window: Int?) -> String {
        guard case .live(let bound, _) = scope else { return "" }
        let newest = "ranked: newest \(LiveRanking.grouped(max(1, bound / 2))) and title matches"
        return window.map { newest + " of the last \(LiveRanking.grouped($0))" } ?? newest
    }

    /// `10000` as `10,000`.
    static func grouped(_ number: Int) -> String {
        let digits = Array(String(number))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// The SQL condition (after `WHERE … MATCH ?`) that holds for the candidates, and its
    /// arguments.
    ///
    /// The lower of the two bounds also goes to FTS5 as a rowid range (`post_fts.rowid >= ?`
    /// without `+`), so the walk of the matches starts there instead of at the oldest post.
    static func candidateCondition(
        newest: Int64, titleMatch: String?, newestTitle: Int64
    ) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
        guard let titleMatch else { return ("post_fts.rowid >= ?", [newest]) }
        return (
            "post_fts.rowid >= ? AND (+post_fts.rowid >= ? OR +post_fts.rowid IN "
                + "(SELECT rowid FROM post_fts WHERE post_fts MATCH ? AND rowid >= ?))",
            [min(newest, newestTitle), newest, titleMatch, newestTitle]
        )
    }
}
