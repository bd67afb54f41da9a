import Foundation
import GRDB
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsLibrary

/// `tidings_rank`, the live ranking's own FTS5 ranking function (`CTidingsRank`,
/// ``RankCounts``): the score of `bm25()` from per-row figures, the document counts given by
/// the caller; registered on every connection of a library.
@Suite struct RankFunctionTests {
    /// 3,000 generated posts over 30 pages (Korean titles among them), as ``RankingPinTests``.
    static func library(in folder: TemporaryFolder) throws -> Library {
        try folder.generatedLibrary(posts: 3_000, pages: 30, seed: 13)
    }

    /// 600 generated posts, for what needs a few matches only.
    static func smallLibrary(in folder: TemporaryFolder) throws -> Library {
        try folder.generatedLibrary(posts: 600, pages: 6, seed: 7)
    }

    /// Whether two scores are the same but for floating-point rounding.
    static func same(_ a: Double, _ b: Double) -> Bool {
        abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
    }

    /// Whether `a` and `b` are all scores and `b` is `a` times one factor (rounding aside):
    /// the scores of a query whose lone group the live ranking does not count.
    static func proportional(_ a: [Double?], _ b: [Double?]) -> Bool {
        guard a.count == b.count, let firstA = a.first ?? nil, let firstB = b.first ?? nil, firstA != 0 else {
            return a.isEmpty && b.isEmpty
        }
        let ratio = firstB / firstA
        return zip(a, b).allSatisfy { x, y in
            guard let x, let y else { return false }
            return same(x * ratio, y)
        }
    }

    /// Every matching row's score by `score` (SQL over `post_fts`), by rowid.
    static func scores(
        _ score: String, _ arguments: StatementArguments = [], match: String, in db: Database
    ) throws -> [Int64: Double] {
        var found: [Int64: Double] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT rowid, \(score) AS score FROM post_fts WHERE post_fts MATCH ?",
            arguments: arguments + [match])
        {
            found[row["rowid"]] = row["score"]
        }
        return found
    }

    /// The exact document count of every group of `expression`, excluded ones too.
    static func exactCounts(_ expression: FTSExpression, in db: Database) throws -> String {
        try expression.groupMatches.map { match in
            guard let match else { return "0" }
            return String(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH ?", arguments: [match])
                    ?? 0)
        }.joined(separator: ",")
    }

    static let bm25 = "bm25(post_fts, \(FTSExpression.bm25Weights))"
    static let rank = "tidings_rank(post_fts, ?, ?, \(FTSExpression.bm25Weights))"

    @Test func theScoreIsBM25sForOneAndSeveralPhrasesPrefixesColumnsAndKorean() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        let queries = [
            "said", "north korea", "\"north korea\"", "kim -missile", "seoul OR pyongyang", "title:summit korea",
            "summ*", "s*", "정은", "정은 said", "title:\"north korea\" said", "\"north korea\" summ*",
        ]
        try library.pool.read { db in
            for text in queries {
                let expression = SearchQuery(text).fts
                let match = try #require(expression.match, "\(text)")
                let bm25 = try RankFunctionTests.scores(RankFunctionTests.bm25, match: match, in: db)
                try #require(!bm25.isEmpty, "nothing matches \(text): the corpus no longer tests it")
                // Counted by the function itself (no counts given), as bm25() counts.
                let walked = try RankFunctionTests.scores(
                    RankFunctionTests.rank, [nil as String?, nil as String?], match: match, in: db)
                // Counts given, one group per phrase: excluded terms given 0.
                let groups = expression.rankGroups.map(String.init).joined(separator: ",")
                let given = try RankFunctionTests.scores(
                    RankFunctionTests.rank, [groups, try RankFunctionTests.exactCounts(expression, in: db)],
                    match: match, in: db)
                #expect(Set(walked.keys) == Set(bm25.keys) && Set(given.keys) == Set(bm25.keys), "\(text)")
                for (rowid, score) in bm25 {
                    #expect(RankFunctionTests.same(walked[rowid]!, score), "\(text) \(rowid)")
                    #expect(RankFunctionTests.same(given[rowid]!, score), "\(text) \(rowid)")
                }
            }
        }
    }

    @Test func aPrefixWrittenOutAsItsWordsScoresAsThePrefix() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        var spelled = 0
        try library.pool.read { db in
            for text in ["kor", "\"north kor", "korea tal", "title:sum", "talks peo"] {
                let plan = try SearchPlan(
                    SearchQuery(text, typing: true), shelf: .all, in: db, cache: library.cacheScope)
                let typed = try #require(plan.fts.match)
                let walk = try #require(plan.walk.match)
                if plan.walk.rankGroups.count > plan.walk.groupMatches.count { spelled += 1 }
                let bm25 = try RankFunctionTests.scores(RankFunctionTests.bm25, match: typed, in: db)
                try #require(!bm25.isEmpty, "nothing matches \(text): the corpus no longer tests it")
                let groups = plan.walk.rankGroups.map(String.init).joined(separator: ",")
                let ranked = try RankFunctionTests.scores(
                    RankFunctionTests.rank, [groups, try RankFunctionTests.exactCounts(plan.walk, in: db)],
                    match: walk, in: db)
                #expect(Set(ranked.keys) == Set(bm25.keys), "\(text)")
                for (rowid, score) in bm25 {
                    #expect(ranked[rowid].map { RankFunctionTests.same($0, score) } == true, "\(text) \(rowid)")
                }
            }
        }
        #expect(spelled >= 3, "too few prefixes were written out as their words: the grouping went untested")
    }

    @Test func oneGroupWithoutItsCountOrdersAsBM25() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        try library.pool.read { db in
            for text in ["\"north korea\"", "summ*", "정은", "title:summit"] {
                let expression = SearchQuery(text).fts
                let match = try #require(expression.match)
                let sql = """
                    SELECT rowid, %@ AS score FROM post_fts WHERE post_fts MATCH ? ORDER BY score, rowid
                    """
                let bm25 = try Row.fetchAll(
                    db, sql: sql.replacingOccurrences(of: "%@", with: RankFunctionTests.bm25), arguments: [match])
                // The count the live ranking leaves out: any number scales every score alike.
                let unweighed = try Row.fetchAll(
                    db, sql: sql.replacingOccurrences(of: "%@", with: RankFunctionTests.rank),
                    arguments: ["0", "0", match])
                try #require(bm25.count > 1, "too few matches for \(text)")
                #expect(bm25.map { $0["rowid"] as Int64 } == unweighed.map { $0["rowid"] as Int64 }, "\(text)")
                let ratio = (unweighed[0]["score"] as Double) / (bm25[0]["score"] as Double)
                for (a, b) in zip(bm25, unweighed) {
                    #expect(RankFunctionTests.same((b["score"] as Double) / (a["score"] as Double), ratio), "\(text)")
                }
            }
        }
    }

    @Test func theLiveRankingOfAPhraseOrdersTheCandidatesAsBM25() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.library(in: folder)
        for text in ["\"north kor", "\"north korea\"", "korea tal"] {
            let query = SearchQuery(text, typing: true)
            let archive = try LiveRankingTests.all(
                library, query, order: .archive, ranking: .everyMatch, pageSize: 1_000)
            let bound = archive.rows.count / 2 & ~1
            try #require(bound >= 10, "too few matches for \(text)")
            let full = try LiveRankingTests.all(
                library, query, order: .relevance, ranking: .everyMatch, pageSize: 1_000)
            let live = try LiveRankingTests.all(
                library, query, order: .relevance, ranking: .live(bound: bound), pageSize: 13)
            let candidates = Set(live.rows.filter { $0.score != nil }.map(\.id))
            let expected =
                full.rows.filter { candidates.contains($0.id) }.map(\.id)
                + archive.rows.filter { !candidates.contains($0.id) }.map(\.id)
            #expect(candidates.count >= bound / 2, "\(text)")
            #expect(live.rows.map(\.id) == expected, "\(text)")
            // Few matches: all ranked, in bm25()'s order; a lone phrase or prefix is left
            // uncounted, so its scores are bm25()'s times one factor, the others' bm25()'s own.
            let every = try library.search(query, order: .relevance, limit: 30, ranking: .live(bound: 10_000))
            let command = try library.search(query, order: .relevance, limit: 30)
            #expect(every.rows.map(\.id) == command.rows.map(\.id), "\(text)")
            #expect(
                RankFunctionTests.proportional(command.rows.map(\.score), every.rows.map(\.score)), "\(text)")
            if text == "korea tal" {
                for (a, b) in zip(every.rows, command.rows) {
                    #expect(RankFunctionTests.same(a.score!, b.score!), "\(text)")
                }
            }
        }
    }

    @Test func everyConnectionOfALibraryHasTheFunction() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.smallLibrary(in: folder)
        let sql = "SELECT \(RankFunctionTests.rank) FROM post_fts WHERE post_fts MATCH 'said' LIMIT 1"
        let written = try library.pool.write { db in try Double.fetchOne(db, sql: sql, arguments: ["0", "5"]) }
        #expect(written != nil)
        // Readers opened side by side, each its own connection.
        let results = Locked<[Double?]>([])
        let failures = Locked<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            do {
                let score = try library.pool.read { db -> Double? in
                    Thread.sleep(forTimeInterval: 0.05)
                    return try Double.fetchOne(db, sql: sql, arguments: ["0", "5"])
                }
                results.withLock { $0.append(score) }
            } catch {
                failures.withLock { $0.append("\(error)") }
            }
        }
        #expect(failures.withLock { $0 } == [])
        #expect(results.withLock { $0.count == 4 && $0.allSatisfy { $0 != nil } })
        // A second opening of the same file: a pool of its own.
        let again = try Library(path: library.path)
        #expect(try again.pool.read { db in try Double.fetchOne(db, sql: sql, arguments: ["0", "5"]) } != nil)
    }

    @Test func noFullTextInterfaceIsAClearErrorNotACrash() throws {
        let queue = try DatabaseQueue()
        queue.inDatabase { db in
            // A connection whose `fts5()` hands out nothing, as one without FTS5 would.
            db.add(function: DatabaseFunction("fts5", argumentCount: 1, pure: false) { _ in nil })
            #expect {
                try RankCounts.register(db)
            } throws: { error in
                "\(error)".contains("FTS5")
            }
        }
    }

    @Test func anInterfaceTooOldIsAClearErrorNotACrash() throws {
        // An `fts5_api` of version 1: its version first, the rest never read.
        let interface = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 16)
        defer { interface.deallocate() }
        interface.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        interface.storeBytes(of: Int32(1), as: Int32.self)
        let queue = try DatabaseQueue()
        _ = queue.inDatabase { db in
            #expect {
                try RankCounts.register(db, interface: interface)
            } throws: { error in
                "\(error)".contains("FTS5) is too old: interface version 1")
            }
        }
    }

    @Test func badArgumentsAreAnErrorOrBM25NeverACrash() throws {
        let folder = try TemporaryFolder()
        let library = try RankFunctionTests.smallLibrary(in: folder)
        try library.pool.read { db in
            let match = try #require(SearchQuery("\"north korea\"").fts.match)
            let bm25 = try RankFunctionTests.scores(RankFunctionTests.bm25, match: match, in: db)
            // No groups: every phrase its own, counted as bm25() counts.
            let walked = try RankFunctionTests.scores(
                RankFunctionTests.rank, [nil as String?, "1"], match: match, in: db)
            #expect(!walked.isEmpty && walked.keys.allSatisfy { RankFunctionTests.same(walked[$0]!, bm25[$0]!) })
            // Groups that do not fit the phrases: an error the library knows, never a guess.
            for groups in ["0,0,0", "7", "x", "-1", "", "0,x"] {
                do {
                    _ = try RankFunctionTests.scores(RankFunctionTests.rank, [groups, "1"], match: match, in: db)
                    Issue.record("the groups \(groups) were taken")
                } catch {
                    #expect(RankCounts.groupsDoNotFit(error), "\(groups): \(error)")
                }
            }
            // A count above the rows (stale or wrong) is the rows: a score, never NaN or NULL.
            let rows = try #require(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts"))
            for count in [rows, rows + 1, rows * 3, Int(Int32.max), Int.max] {
                let scores = try Row.fetchAll(
                    db, sql: "SELECT \(RankFunctionTests.rank) AS score FROM post_fts WHERE post_fts MATCH ?",
                    arguments: ["0", String(count), match])
                try #require(!scores.isEmpty)
                for row in scores {
                    let score = row["score"] as Double?
                    #expect(score.map { $0.isFinite && $0 < 0 } == true, "\(count): \(String(describing: score))")
                }
            }
            #expect {
                _ = try RankFunctionTests.scores(RankFunctionTests.rank, ["0", "many"], match: match, in: db)
            } throws: { error in
                "\(error)".contains("tidings_rank: the counts must be whole numbers")
            }
            let multi = try #require(SearchQuery("korea talks").fts.match)
            #expect {
                _ = try RankFunctionTests.scores(RankFunctionTests.rank, ["0,0", ""], match: multi, in: db)
            } throws: { error in
                "\(error)".contains("group 0 has 2 phrases and no count")
            }
        }
    }
}
