import Foundation
import TidingsCore
import TidingsLibrary

/// The two properties the fuzzer checks, shared by the libFuzzer build and the replay build.
///
/// - `parser`: any bytes parse without a crash or a sanitizer report, and the page is
///   consistent (one line number per post).
/// - `query`: any text, read as a search query (typed and submitted), runs against a real
///   library (the real schema and FTS5 index, a few posts in English and Korean) in both
///   orders without an SQLite error: the query builder must never hand FTS5 something it
///   refuses.
enum FuzzChecks {
    /// Parses `bytes` as an archive page; traps when the page is inconsistent.
    static func parser(_ bytes: [UInt8]) {
        let page = ArchiveParser.parse(bytes: bytes, file: "fuzz-input")
        if page.posts.count != page.postLines.count {
            fatalError("parser: \(page.posts.count) posts but \(page.postLines.count) post lines")
        }
        for post in page.posts where post.title.isEmpty || post.paragraphs.isEmpty {
            fatalError("parser: a post without a title or a body: \(post.id)")
        }
    }

    /// Runs `bytes` (as UTF-8, invalid sequences replaced) as a search; returns what failed.
    /// Thorough (the replay): typed and submitted, each in both orders. Otherwise (the
    /// fuzzer, for speed) the submitted query in archive order with a count and the typed one
    /// by relevance with snippets: both full-text expressions still reach FTS5.
    static func query(_ bytes: [UInt8], in library: Library, thorough: Bool = true) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        for typing in [false, true] {
            let query = SearchQuery(text, typing: typing)
            let orders: [SearchOrder] = thorough ? [.archive, .relevance] : [typing ? .relevance : .archive]
            for order in orders {
                do {
                    _ = try library.search(query, order: order, limit: 5, counting: thorough || order == .archive,
                                           snippets: order == .relevance)
                } catch {
                    return "query \(text.debugDescription) (typing: \(typing), \(order)): \(error) — understood as \(query.understood.debugDescription)"
                }
            }
        }
        return nil
    }

    /// A fresh library in a temporary folder, seeded with a few posts so that matches,
    /// ranking, snippets, filters and the Hangul column all have something to work on.
    static func seededLibrary() -> Library {
        let folder = NSTemporaryDirectory() + "tidings-fuzz-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let page = folder + "/page.txt"
            try Data(seedPage.utf8).write(to: URL(fileURLWithPath: page))
            let library = try Library(path: folder + "/library.sqlite")
            _ = try Importer(library: library).run(paths: [page])
            return library
        } catch {
            fatalError("cannot seed the fuzz library in \(folder): \(error)")
        }
    }

    static let seedPage = """
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
