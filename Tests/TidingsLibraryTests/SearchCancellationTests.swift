import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A superseded search is stopped by cancelling its task (docs/search.md, "Live typing").
@Suite struct SearchCancellationTests {
    /// A library of `count` generated posts in which every post says "said", written
    /// straight into the tables: ranking all of them takes long enough to cancel mid-way.
    private static func largeLibrary(_ folder: TemporaryFolder, count: Int) throws -> Library {
        let library = try folder.library()
        try library.pool.write { db in
            try db.execute(
                sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO post (id, title, body, outlet, date, ordinal, hangul)
                    SELECT printf('%012d', i), 'Story ' || i || ' as officials said',
                           'Officials said the ' || (i % 97) || ' talks said so. Sources said ' || (i % 13) || ' more.',
                           NULL, NULL, i, NULL FROM n
                    """, arguments: [count])
            try db.execute(
                sql: "INSERT INTO post_fts(rowid, title, body, hangul) SELECT seq, title, body, hangul FROM post")
        }
        return library
    }

    @Test func cancellingTheTaskInterruptsARunningRelevanceSearch() async throws {
        let folder = try TemporaryFolder()
        let library = try SearchCancellationTests.largeLibrary(folder, count: 60_000)
        let query = SearchQuery("s", typing: true)
        let clock = ContinuousClock()
        // Timed with another page size: the answer of a search is kept (SearchAnswers), and the
        // search cancelled below must not be answered from it.
        let full = try await clock.measure {
            _ = try await library.search(query, order: .relevance, limit: 21, counting: false)
        }
        // The test means something only if the search runs long enough to be caught mid-way.
        try #require(full > .milliseconds(40), "ranking took only \(full)")

        let task = Task { try await library.search(query, order: .relevance, limit: 20, counting: false) }
        try await Task.sleep(for: .milliseconds(10))
        task.cancel()
        let cancelledAt = clock.now
        let result = await task.result
        let afterCancel = clock.now - cancelledAt
        switch result {
        case .success: Issue.record("the search finished although it was cancelled")
        case .failure(let error): #expect(error as? SearchError == .cancelled, "\(error)")
        }
        // It stopped instead of running to the end (a generous bound for a busy machine).
        #expect(afterCancel < full, "stopped \(afterCancel) after cancel; a full search takes \(full)")

        // The interrupted connection is fine for the next search.
        let next = try await library.search(query, order: .archive, limit: 5)
        #expect(next.rows.count == 5 && next.total == 60_000)
    }

    @Test func aSearchCancelledBeforeItStartsDoesNotRun() async throws {
        let folder = try TemporaryFolder()
        let library = try SearchCancellationTests.largeLibrary(folder, count: 100)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await library.search(SearchQuery("said"), order: .relevance)
        }
        do {
            _ = try await task.value
            Issue.record("a cancelled search returned a page")
        } catch {
            #expect(error as? SearchError == .cancelled)
        }
        // The next search, in a task that is not cancelled, runs as usual.
        #expect(try await library.search(SearchQuery("said")).total == 100)
    }
}
