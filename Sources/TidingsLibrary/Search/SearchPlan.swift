import GRDB
import TidingsCore

/// The SQL of one search: the full-text expression and conditions on a post's `seq`.
///
/// Every condition is a set test, `seq IN (…)` or `seq NOT IN (…)`, over an index: the
/// full-text matches, a shelf, label and outlet filters. SQLite builds each set once per
/// statement and probes it, so the same pieces serve three drivers: the archive-order index
/// (pages in archive order stop after `limit` hits), the full-text index (counts and
/// relevance walk its matches and never read a post row), and nothing else. No statement
/// ever sorts all the matches by reading the posts.
struct SearchPlan {
    /// A set test on a seq, written after the column (`IN (SELECT …)`), with its arguments.
    struct SetTest {
        var sql: String
        var arguments: [any DatabaseValueConvertible]
        /// A statement counting the set's members straight off its own index (with the same
        /// arguments), for a positive set that can be counted that way.
        var count: String? = nil
    }

    /// The full-text expression as typed, for the statements that rank (BM25).
    let fts: FTSExpression
    /// The same matches with every prefix of a few words written out as the `OR` of its words
    /// (``FTSExpression/init(_:exact:widened:spelled:)``), for the statements that do not rank:
    /// pages in archive order, counts, the live ranking's walks for its candidates.
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
            guard let words = try PrefixWords.words(beginning: prefix, in: db, cache: cache) else {
                if lazyWalks,
                    let many = try PrefixWords.words(
                        beginning: prefix, atMost: RankingScope.lazyWalkWords, in: db, cache: cache)
                {
                    lazySpelled[prefix] = many
                }
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
                    sql: "IN (SELECT post FROM label WHERE kind = ? AND name = ?)",
                    arguments: [label.kind, label.name],
                    count: "SELECT COUNT(*) FROM label WHERE kind = ? AND name = ?"))
        case .outlet(let name):
            sets.append(
                SetTest(
                    sql: "IN (SELECT seq FROM post WHERE outlet = ?)", arguments: [name],
                    count: "SELECT COUNT(*) FROM post WHERE outlet = ?"))
        case .bookmarks:
            sets.append(
                SetTest(sql: "IN (SELECT p2.seq FROM bookmark b JOIN post p2 ON p2.id = b.postID)", arguments: []))
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
            let negation = filter.isExcluded ? "NOT " : ""
            switch filter.field {
            case .outlet:
                sets.append(
                    SetTest(
                        sql: "\(negation)IN (SELECT seq FROM post WHERE outlet IN (\(marks)))", arguments: names,
                        count: filter.isExcluded ? nil : "SELECT COUNT(*) FROM post WHERE outlet IN (\(marks))"))
            case .author, .category, .tag:
                // A post has each label once, but may have several of the names.
                let members = names.count == 1 ? "*" : "DISTINCT post"
                sets.append(
                    SetTest(
                        sql: "\(negation)IN (SELECT post FROM label WHERE kind = ? AND name IN (\(marks)))",
                        arguments: [filter.field.rawValue] + names,
                        count: filter.isExcluded
                            ? nil : "SELECT COUNT(\(members)) FROM label WHERE kind = ? AND name IN (\(marks))"))
            }
        }
        if fts.match == nil, let exclusion = walk.exclusion {
            sets.append(
                SetTest(sql: "NOT IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)", arguments: [exclusion]))
        }
    }

    /// The WHERE clause of a statement over `post p`: every set, the full-text match as one
    /// more set, and the title checks.
    func postConditions() -> (sql: String, arguments: StatementArguments) {
        var tests = sets
        if let match = walk.match {
            tests.insert(
                SetTest(sql: "IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)", arguments: [match]), at: 0)
        }
        var sql = tests.map { "p.seq " + $0.sql }
        var arguments = tests.flatMap(\.arguments)
        for run in fts.titleContains {
            sql.append("instr(p.title, ?) > 0")
            arguments.append(run)
        }
        return (sql.isEmpty ? "1" : sql.joined(separator: " AND "), StatementArguments(arguments))
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
            sql += " AND +post_fts.rowid " + test.sql
            arguments += test.arguments
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
