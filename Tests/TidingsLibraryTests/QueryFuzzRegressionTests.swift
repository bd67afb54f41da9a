import Foundation
import TidingsCore
import TidingsLibrary
import XCTest

/// Replays every input in `FuzzRegressions/query/` (found by `tidings-fuzz query` or kept to
/// guard a past bug) the way the fuzzer runs it: the bytes as UTF-8 text, read as a typed and
/// as a submitted query, searched in archive and relevance order against a small real
/// library. Any error is a failure: the query builder must never hand FTS5 something it
/// refuses. See docs/testing.md.
final class QueryFuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/query")

    /// The same posts as `tidings-fuzz`'s seed library (Sources/tidings-fuzz/FuzzChecks.swift).
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

    func testQueryRegressionsReplay() throws {
        let folder = try TemporaryFolder()
        let library = try folder.library()
        let summary = try Importer(library: library).run(paths: [try folder.write("page.txt", Self.seedPage)])
        XCTAssertEqual(summary.postsNew, 3)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(names.isEmpty, "no query regression inputs in \(Self.folder.path)")
        for name in names {
            let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
            for typing in [false, true] {
                let query = SearchQuery(text, typing: typing)
                for order in [SearchOrder.archive, .relevance] {
                    do {
                        _ = try library.search(query, order: order, limit: 5, counting: true, snippets: order == .relevance)
                    } catch {
                        XCTFail("\(name) (typing: \(typing), \(order)): \(error); understood as \(query.understood.debugDescription)")
                    }
                }
            }
        }
    }
}
