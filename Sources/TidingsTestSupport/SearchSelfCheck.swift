import Foundation
import TidingsCore
import TidingsLibrary

/// The property the query fuzzer checks, in one place for the fuzzer, its replay tool and the
/// regression tests: any text, read as a search query (typed and submitted), runs against a
/// real library without an error. The query builder must never hand FTS5 something it refuses.
public enum SearchSelfCheck {
    /// How much of the check to run.
    public enum Depth: Sendable {
        /// Typed and submitted, each in both orders, all counted: the replay and the tests.
        case thorough
        /// The submitted query in archive order with a count and the typed one by relevance
        /// with snippets: both full-text expressions still reach FTS5, at half the cost (the
        /// fuzzer runs millions of inputs).
        case quick
    }

    /// Runs `text` as a search on `library`; returns what failed, or nil when every search ran.
    public static func failure(searching text: String, in library: Library, depth: Depth = .thorough) -> String? {
        for typing in [false, true] {
            let query = SearchQuery(text, typing: typing)
            let orders: [SearchOrder] = depth == .thorough ? [.archive, .relevance] : [typing ? .relevance : .archive]
            for order in orders {
                do {
                    _ = try library.search(
                        query, order: order, limit: 5, counting: depth == .thorough || order == .archive,
                        snippets: order == .relevance)
                } catch {
                    return
                        "query \(text.debugDescription) (typing: \(typing), \(order)): \(error) — understood as \(query.understood.debugDescription)"
                }
            }
        }
        return nil
    }

    /// A fresh library at `path` seeded with ``seedPage`` (written beside it as `page.txt`),
    /// so that matches, ranking, snippets, filters and the Hangul column have something to
    /// work on.
    public static func seededLibrary(at path: String) throws -> Library {
        let page = URL(fileURLWithPath: path).deletingLastPathComponent().appendingPathComponent("page.txt")
        try Data(seedPage.utf8).write(to: page)
        let library = try Library(path: path)
        _ = try library.importArchives(at: [page.path])
        return library
    }

    /// Three posts in English and Korean, with an outlet, authors, a category and text that
    /// looks like query syntax.
    public static let seedPage = """
        Category: Politics

        Summit talks resume in Singapore
        Posted on March 3, 2019 by Jane Holloway

        Delegations met again on Tuesday; the talks “AND OR NOT NEAR” went on.

        Café owners near the border said prices rose.

        [Reuters]

        김정은 위원장, 평양에서 연설
        Posted on April 1, 2020 by Kim Min-jun

        김정은이 연설했다. 평양 시민들이 모였다.

        [Yonhap]

        Sanctions relief: a “phrase with quotes” and * stars
        Posted on 2021-05-06 by Ana Ñúñez

        Words like title: and author: appear in the body; so does -minus and (parens).

        [[NK News]]
        """
}
