import Foundation
import XCTest
@testable import TidingsCore

/// Replays every input in `FuzzRegressions/parser/` (found by `tidings-fuzz parser` or kept to
/// guard a past bug) through the parser with the fuzzer's own checks: no crash, and a
/// consistent page. See docs/testing.md.
final class FuzzRegressionTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/parser")

    func testParserRegressionsReplay() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).sorted()
        XCTAssertFalse(names.isEmpty, "no parser regression inputs in \(Self.folder.path)")
        for name in names {
            let bytes = Array(try Data(contentsOf: Self.folder.appendingPathComponent(name)))
            let page = ArchiveParser.parse(bytes: bytes, file: name)
            XCTAssertEqual(page.posts.count, page.postLines.count, name)
            for post in page.posts {
                XCTAssertFalse(post.title.isEmpty, name)
                XCTAssertFalse(post.paragraphs.isEmpty, name)
            }
        }
    }
}
