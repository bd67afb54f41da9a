import CTidingsRank
import Foundation
import GRDB
import TidingsCore

/// The live ranking's scores: `tidings_rank`, Tidings' own FTS5 ranking function (the
/// `CTidingsRank` target), and the document counts it is given (docs/search.md, "Ranking
/// while typing", rule 4).
///
/// FTS5's `bm25()` counts the rows each phrase of the query matches by walking all of them,
/// once per statement and before the first row is scored, however few rows the statement
/// ranks: for a phrase in a few percent of a million posts that walk costs more than the rest
/// of the ranking. `tidings_rank` computes the same BM25 from the same per-row figures but
/// takes the counts from here. What is counted:
/// - with two or more positive groups (words, phrases, prefixes, Korean runs), every positive
///   group, exactly: their counts weigh them against each other;
/// - with one positive group alone, nothing, whatever it is and whatever excluded terms,
///   filters or shelf come with it: its count only multiplies every score by the same
///   factor, so the order stays `bm25()`'s, and its count is the walk this function saves;
/// - an excluded term, never: it occurs in no row that matches, so its count never weighs.
///
/// Each count is kept per opening of a library and group until the index changes (any write
/// to it), so the next keys reuse it. The order is therefore `bm25()`'s over the same rows
/// (up to floating-point rounding), and so are the scores but for a query of one positive
/// group, whose scores differ from `bm25()`'s by a factor the same for every row.
/// `tidings search` keeps `bm25()`.
enum RankCounts {
    /// Adds `tidings_rank` to the connection; without it (no FTS5, or one older than the
    /// interface declared in `CTidingsRank`) the library cannot be opened, and says why.
    static func register(_ db: Database) throws {
        try register(db) { tidings_rank_register(db.sqliteConnection, &$0) }
    }

    /// ``register(_:)`` with the FTS5 interface given (`fts5_api *`): for a test of one too old.
    static func register(_ db: Database, interface: UnsafeMutableRawPointer) throws {
        try register(db) { tidings_rank_register_with(db.sqliteConnection, interface, &$0) }
    }

    private static func register(
        _ db: Database, _ call: (inout UnsafeMutablePointer<CChar>?) -> Int32
    ) throws {
        var message: UnsafeMutablePointer<CChar>? = nil
        let code = call(&message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code),
                message: message.map { String(cString: $0) } ?? "tidings_rank could not be added")
        }
    }

    /// The SQL of the score, negative like `bm25()` (lower is better), with its two
    /// arguments: the groups and the counts of `expression` (see `CTidingsRank.h`).
    static func score(
        _ expression: FTSExpression, in db: Database, cache: String
    ) throws -> (sql: String, arguments: StatementArguments) {
        let groups = expression.rankGroups.map(String.init).joined(separator: ",")
        let counts = try counts(expression, in: db, cache: cache).map(String.init).joined(separator: ",")
        return ("tidings_rank(post_fts, ?, ?, \(FTSExpression.bm25Weights))", [groups, counts])
    }

    /// `bm25()` itself, for a ranking whose groups `tidings_rank` refused (``groupsDoNotFit(_:)``).
    static let bm25 = "bm25(post_fts, \(FTSExpression.bm25Weights))"

    /// Whether `error` is `tidings_rank` refusing groups that do not fit the phrases FTS5
    /// parsed (a phrase the expression's builder did not foresee): the statement is then run
    /// again with ``bm25`` over the expression as typed, which ranks the same rows by the
    /// documented rule, at `bm25()`'s cost.
    static func groupsDoNotFit(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.message?.contains("tidings_rank: the groups do not fit") == true
    }

    /// The document count of each group of `expression`: exact where it weighs, 0 where it
    /// does not (see the type's rules).
    static func counts(_ expression: FTSExpression, in db: Database, cache: String) throws -> [Int] {
        let alone = expression.groupMatches.compactMap { $0 }.count < 2
        var version: Data?
        var counts: [Int] = []
        for match in expression.groupMatches {
            guard let match, !alone else {
                counts.append(0)
                continue
            }
            if version == nil { version = try SearchAnswers.indexVersion(in: db) }
            let key = cache + "\u{0}" + match
            if let known = known.withLock({ $0[key] }), known.version == version {
                counts.append(known.count)
                continue
            }
            let count =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH ?", arguments: [match])
                ?? 0
            known.withLock { known in
                if known.count > 1_000 { known.removeAll() }
                known[key] = (version!, count)
            }
            counts.append(count)
        }
        return counts
    }

    /// Per library opening and group expression: the index's structure record when counted,
    /// and the count.
    private static let known = Locked<[String: (version: Data, count: Int)]>([:])
}
