import Foundation
import GRDB
import TidingsCore
import TidingsTestSupport
import XCTest

@testable import TidingsLibrary

/// Replays every input in `FuzzRegressions/query/` (found by `tidings-fuzz query` or kept to
/// guard a past bug) through the fuzzer's own check, ``SearchSelfCheck`` in its thorough
/// depth: typed and submitted, in archive and relevance order, against the fuzzer's seed
/// library. Any error is a failure. See docs/testing.md.
final class QueryFuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/query")

    func testQueryRegressionsReplay() throws {
        let folder = try TemporaryFolder()
        let library = try SearchSelfCheck.seededLibrary(at: folder.path + "/library.sqlite")
        XCTAssertEqual(try library.shelfCounts().all, 3, "the seed page should give three posts")
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(names.isEmpty, "no query regression inputs in \(Self.folder.path)")
        for name in names {
            let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent(name)), as: UTF8.self)
            if let failure = SearchSelfCheck.failure(searching: text, in: library) {
                XCTFail("\(name): \(failure)")
            }
        }
    }

    /// The check reports an error rather than swallowing it: a library whose index is gone
    /// fails every full-text search, and the check says which query and order failed.
    func testCheckReportsAFailingSearch() throws {
        let folder = try TemporaryFolder()
        let library = try SearchSelfCheck.seededLibrary(at: folder.path + "/library.sqlite")
        XCTAssertNil(SearchSelfCheck.failure(searching: "summit", in: library))
        try library.pool.write { try $0.execute(sql: "DROP TABLE post_fts") }
        let failure = try XCTUnwrap(SearchSelfCheck.failure(searching: "summit", in: library))
        XCTAssertTrue(failure.hasPrefix("query \"summit\" (typing: false, archive)"), failure)
        XCTAssertNotNil(SearchSelfCheck.failure(searching: "summit", in: library, depth: .quick))
    }

    /// Each depth finds the posts of the seed page (the searches really run).
    func testSeedLibraryAnswersBothScripts() throws {
        let folder = try TemporaryFolder()
        let library = try SearchSelfCheck.seededLibrary(at: folder.path + "/library.sqlite")
        XCTAssertEqual(try library.search(SearchQuery("평양", typing: false)).total, 1)
        XCTAssertEqual(try library.search(SearchQuery("cafe", typing: false)).total, 1)
    }
}
