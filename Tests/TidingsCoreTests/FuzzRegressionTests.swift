import Foundation
import TidingsTestSupport
import XCTest

@testable import TidingsCore

/// Replays every input in `FuzzRegressions/parser/` (found by `tidings-fuzz parser` or kept to
/// guard a past bug) through the fuzzer's own check, ``ParserSelfCheck``: no crash, and a
/// consistent page. See docs/testing.md.
final class FuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/parser")

    func testParserRegressionsReplay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(names.isEmpty, "no parser regression inputs in \(Self.folder.path)")
        for name in names {
            let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            XCTAssertNil(ParserSelfCheck.failure(parsing: bytes, file: name), name)
        }
    }

    /// A well-formed page passes the check, and the check parses what it is given: a page with
    /// two posts is read as two posts.
    func testWellFormedPagePasses() {
        let page =
            "One\n\nPosted on 2020-01-02 by A\n\nBody one.\n\n[Outlet]\n\nTwo\n\nPosted on 2020-01-03 by B\n\nBody two.\n\n[Outlet]\n"
        XCTAssertNil(ParserSelfCheck.failure(parsing: Array(page.utf8)))
        XCTAssertEqual(ArchiveParser.parse(bytes: Array(page.utf8), file: "x").posts.count, 2)
    }
}
