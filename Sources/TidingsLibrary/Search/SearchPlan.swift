import GRDB
import TidingsCore

/// The SQL of one search: the full-text expression and conditions on a post's `seq`.
///
/// Every condition is a set test, that a seq is in a set or not, over an index: the
/// full-text matches, a shelf, label and outlet filters. The filters' sets are read once per
/// search into bitmaps (``SeqSet``, kept per connection while nothing is written) and tested
/// through an SQL function, so the same pieces serve three drivers: the archive-order index
/// (pages in archive order stop after `limit` hits), the full-text index (counts and
/// relevance walk its matches and never read a post row), and nothing else. No statement
/// ever sorts all the matches by reading the posts.
struct SearchPlan {
    /// A set test on a seq: the set's members (a statement of seqs) and whether a seq passes by
    /// being in the set or by being out of it.
    struct SetTest {
        /// A statement of the set's seqs, one column.
        var members: String
        var arguments: [any DatabaseValueConvertible]
        /// True when a seq passes by not being in the set (`-outlet:`, an exclusion).
        var isExcluded = false
        /// The set read into a bitmap on the search's connection; nil in a plan made without
        /// reading its sets, whose tests are then SQLite's own `IN (SELECT …)`.
        var set: SeqSet? = nil

        /// The test of `column` (an expression of a seq), and its arguments.
        func test(_ column: String) -> (sql: String, arguments: [any DatabaseValueConvertible]) {
            let negation = isExcluded ? "NOT " : ""
            if let set { return ("\(negation)\(SeqSets.functionName)(?, \(column))", [set.handle]) }
            return ("\(column) \(negation)IN (\(members))", arguments)
        }
    }

    /// The full-text expression as typed, for the statements that rank with `bm25()`
    /// (`tidings search`) and for a live ranking whose groups `tidings_rank` refused.
    let fts: FTSExpression
    /// The same matches with every prefix of a few words written out as the `OR` of its words
    /// (``FTSExpression/init(_:exact:widened:spelled:)``): pages in archive order, counts, the
    /// live ranking's walks for its candidates, and the live ranking's scores, by
    /// `tidings_rank`, which scores a prefix's words as the prefix (``RankCounts``).
    let walk: FTSExpression
    /// For a count bounded while typing and its archive page: ``walk`` with the prefixes that
    /// begin too many words for it (over ``RankingScope/broadPrefixWords``, at most
    /// ``RankingScope/lazyWalkWords``) written out as well, so that a walk stopping at the bound
    /// reads only a little of each word's list instead of merging them all first. Nil when the
    /// plan was made without `lazyWalks` or has no such prefix.
    let lazyWalk: FTSExpression?
    private(set) var sets: [SetTest] = []
    /// True when a filter found no name at all: nothing can match.
    private(set) var matchesNothing = false
    private(set) var hints: [String] = []

    /// - Parameter lazyWalks: also make ``lazyWalk`` (it may list hundreds of words of a
    ///   prefix, which only a walk that stops early repays).
    init(_ query: SearchQuery, shelf: Shelf, lazyWalks: Bool = false, in db: Database, cache: String) throws {
        var fts = query.fts
        var exact: [String: String] = [:]
        var widened: [String: String] = [:]
        var spelled: [String: [String]] = [:]
        var lazySpelled: [String: [String]] = [:]
        for prefix in fts.unindexedPrefixes {
            // With lazy walks one listing, up to the larger limit, answers both questions.
            let limit = lazyWalks ? RankingScope.lazyWalkWords : RankingScope.broadPrefixWords
            guard let words = try PrefixWords.words(beginning: prefix, atMost: limit, in: db, cache: cache) else {
                continue
            }
            guard words.count <= RankingScope.broadPrefixWords else {
                lazySpelled[prefix] = words
                continue
            }
            if words.count == 1 {
                exact[prefix] = words[0]
            } else if !words.isEmpty {
                spelled[prefix] = words
                if let longer = PrefixWords.sharedPrefix(of: words), longer.count > prefix.count {
                    widened[prefix] = longer
                }
            }
        }
        if !exact.isEmpty || !widened.isEmpty { fts = FTSExpression(query, exact: exact, widened: widened) }
        self.fts = fts
        walk = spelled.isEmpty ? fts : FTSExpression(query, exact: exact, widened: widened, spelled: spelled)
        lazyWalk =
            lazySpelled.isEmpty
            ? nil
            : FTSExpression(
                query, exact: exact, widened: widened, spelled: spelled.merging(lazySpelled) { first, _ in first })
        hints = fts.hints
        switch shelf {
        case .all:
            break
        case .category, .tag, .author:
            let label = shelf.label!
            sets.append(
                SetTest(
                    members: "SELECT post FROM label WHERE kind = ? AND name = ?", arguments: [label.kind, label.name]))
        case .outlet(let name):
            sets.append(SetTest(members: "SELECT seq FROM post WHERE outlet = ?", arguments: [name]))
        case .bookmarks:
            sets.append(
                SetTest(members: "SELECT p2.seq FROM bookmark b JOIN post p2 ON p2.id = b.postID", arguments: []))
        }
        for filter in query.filters {
            let names = try SearchPlan.names(of: filter.field, in: db).filter {
                SearchPlan.name($0, contains: filter.value)
            }
            if names.isEmpty {
                if !filter.isExcluded {
                    matchesNothing = true
                    hints.append("no \(filter.field.rawValue) matches ‘\(filter.value)’")
                }
                continue
            }
            let marks = Array(repeating: "?", count: names.count).joined(separator: ", ")
            switch filter.field {
            case .outlet:
                sets.append(
                    SetTest(
                        members: "SELECT seq FROM post WHERE outlet IN (\(marks))", arguments: names,
                        isExcluded: filter.isExcluded))
            case .author, .category, .tag:
                // A post has each label once, but may have several of the names: the set
                // holds it once.
                sets.append(
                    SetTest(
                        members: "SELECT post FROM label WHERE kind = ? AND name IN (\(marks))",
                        arguments: [filter.field.rawValue] + names, isExcluded: filter.isExcluded))
            }
        }
        if fts.match == nil, let exclusion = walk.exclusion {
            sets.append(
                SetTest(
                    members: "SELECT rowid FROM post_fts WHERE post_fts MATCH ?", arguments: [exclusion],
                    isExcluded: true))
        }
    }

    /// Reads the sets of the shelf and the filters into bitmaps (``SeqSets``) for the
    /// statements to come on this connection; until then they are SQLite's own
    /// `IN (SELECT …)`, enough for a plan that only asks about the words.
    ///
    /// The plan's SQL then holds only within the caller's read transaction on `db`: the sets
    /// are what the file held in it, and the SQL function finds them on this connection alone,
    /// until a later search there drops them.
    mutating func readSets(in db: Database) throws {
        guard !matchesNothing, !sets.isEmpty else { return }
        let read = try SeqSets.read(sets.map { ($0.members, $0.arguments) }, in: db)
        for index in sets.indices { sets[index].set = read[index] }
    }

    /// The WHERE clause of a statement over `post p`: every set, the full-text match as one
    /// more set, and the title checks.
    func postConditions() -> (sql: String, arguments: StatementArguments) {
        var tests = sets
        if let match = walk.match {
            tests.insert(
                SetTest(members: "SELECT rowid FROM post_fts WHERE post_fts MATCH ?", arguments: [match]), at: 0)
        }
        var sql: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for test in tests {
            let (condition, values) = test.test("p.seq")
            sql.append(condition)
            arguments += values
        }
        for run in fts.titleContains {
            sql.append("instr(p.title, ?) > 0")
            arguments.append(run)
        }
        return (sql.isEmpty ? "1" : sql.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// How many posts the plan finds when it is one filter alone (`outlet:reuters`, no words):
    /// its set, read for the search, knows its size. Nil otherwise, or before the sets are read.
    var soleFilterSize: Int? {
        guard walk.match == nil, sets.count == 1, !sets[0].isExcluded, let set = sets[0].set, fts.titleContains.isEmpty
        else { return nil }
        return set.count
    }

    /// FROM and WHERE of a statement driven by the full-text matches (`post_fts`): the other
    /// sets are probed with `+rowid` so that SQLite does not hand them to FTS5 as rowid
    /// lookups (one full-text query per element, measured 15 times slower). Nil without a
    /// full-text match. `ranking`: for a statement that scores with BM25 (the expression as
    /// typed); otherwise the cheaper ``walk`` with the same matches.
    /// `lazy`: for a walk that stops early (a bounded count, an archive page), ``lazyWalk``
    /// when there is one.
    func ftsSource(ranking: Bool = false, lazy: Bool = false) -> (sql: String, arguments: StatementArguments)? {
        let expression = ranking ? fts : lazy ? (lazyWalk ?? walk) : walk
        guard let match = expression.match else { return nil }
        var sql = "FROM post_fts"
        if !fts.titleContains.isEmpty { sql += " JOIN post p ON p.seq = post_fts.rowid" }
        sql += " WHERE post_fts MATCH ?"
        var arguments: [any DatabaseValueConvertible] = [match]
        for test in sets {
            let (condition, values) = test.test("+post_fts.rowid")
            sql += " AND " + condition
            arguments += values
        }
        for run in fts.titleContains {
            sql += " AND instr(p.title, ?) > 0"
            arguments.append(run)
        }
        return (sql, StatementArguments(arguments))
    }

    /// Every distinct name of a label kind (or outlet), read by skipping through the index
    /// one name at a time: a handful of seeks instead of a scan of every label.
    static func names(of field: SearchQuery.Filter.Field, in db: Database) throws -> [String] {
        if field == .outlet {
            return try String.fetchAll(
                db,
                sql: """
                    WITH RECURSIVE names(name) AS (
                        SELECT (SELECT MIN(outlet) FROM post)
                        UNION ALL
                        SELECT (SELECT MIN(outlet) FROM post WHERE outlet > names.name) FROM names WHERE names.name IS NOT NULL)
                    SELECT name FROM names WHERE name IS NOT NULL
                    """)
        }
        return try String.fetchAll(
            db,
            sql: """
                WITH RECURSIVE names(name) AS (
                    SELECT (SELECT MIN(name) FROM label WHERE kind = ?1)
                    UNION ALL
                    SELECT (SELECT MIN(name) FROM label WHERE kind = ?1 AND name > names.name) FROM names
                    WHERE names.name IS NOT NULL)
                SELECT name FROM names WHERE name IS NOT NULL
                """, arguments: [field.rawValue])
    }

    /// Whether `name` contains `part`, without case, accents or punctuation differences
    /// (`min jun` and `Min-jun` are the same words).
    static func name(_ name: String, contains part: String) -> Bool {
        let wanted = words(part)
        return !wanted.isEmpty && words(name).contains(wanted)
    }

    /// A name's words folded (no case, accents or punctuation), joined by single spaces.
    static func words(_ text: String) -> String {
        SearchText.tokens(in: text).map { SearchText.fold($0) }.joined(separator: " ")
    }
}
