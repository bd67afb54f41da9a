import Foundation
import TidingsCore
import TidingsLibrary
import TidingsTestSupport
import XCTest

/// Hostile and broken archive files, imported for real: nothing crashes, what cannot be read
/// is named in a clear diagnostic, and everything readable is imported. These are the short
/// versions; `scripts/reliability.sh --archives` runs the long ones (a 200 MB line, 100,000
/// posts) through the `tidings` binary and checks its peak memory (docs/testing.md).
final class BadArchiveTests: XCTestCase {
    private var folder: TemporaryFolder!
    private var library: Library!

    override func setUpWithError() throws {
        folder = try TemporaryFolder()
        library = try folder.library()
    }

    override func tearDown() {
        library = nil
        folder = nil
    }

    private func importing(_ name: String, bytes: [UInt8]) throws -> ImportSummary {
        let path = try folder.write(name, bytes: bytes)
        return try library.importArchives(at: [path])
    }

    private func messages(_ summary: ImportSummary) -> String {
        summary.diagnostics.map(\.description).joined(separator: "\n")
    }

    func testZeroByteFileIsRejectedByName() throws {
        let summary = try importing("empty.txt", bytes: [])
        XCTAssertEqual(summary.filesRejected, 1)
        XCTAssertEqual(summary.postsNew, 0)
        XCTAssertTrue(messages(summary).contains("empty.txt: error: empty file"), messages(summary))
    }

    /// 20 MB on one line, no line end: not a post, rejected with a reason, quickly.
    func testVeryLongSingleLineIsRejectedWithAReason() throws {
        let line = [UInt8](repeating: UInt8(ascii: "x"), count: 20 << 20)
        let summary = try importing("long-line.txt", bytes: line)
        XCTAssertEqual(summary.filesRejected, 1)
        XCTAssertEqual(summary.postsNew, 0)
        XCTAssertTrue(messages(summary).contains("long-line.txt: error: no posts found"), messages(summary))
    }

    /// A post, then a 2 MB line of words: the post is imported with the long line as its body.
    func testLongLineInsideAPostIsImported() throws {
        var text = "Title\n\nPosted on 2020-01-01 by A\n\n"
        text += String(repeating: "lorem ipsum ", count: 170_000) + "\n"
        let summary = try importing("long-body.txt", bytes: Array(text.utf8))
        XCTAssertEqual(summary.postsNew, 1, messages(summary))
        XCTAssertEqual(summary.filesRejected, 0)
    }

    func testRandomBinaryIsRejectedOrReadWithoutCrashing() throws {
        var generator = SplitMix64(seed: 7)
        let withNul = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let binary = try importing("random.bin.txt", bytes: withNul)
        XCTAssertEqual(binary.filesRejected, 1)
        XCTAssertTrue(
            messages(binary).contains("random.bin.txt: error: binary file (NUL byte at offset"), messages(binary))

        // Random bytes without a NUL are text in some 8-bit encoding: read, never a crash.
        let noNul = (0..<(1 << 20)).map { _ in UInt8(truncatingIfNeeded: generator.next() % 255 + 1) }
        let text = try importing("random.txt", bytes: noNul)
        XCTAssertEqual(text.filesRejected + text.filesRead, 1)
    }

    func testInvalidUTF8IsReadAsLatin1WithAWarning() throws {
        let bytes = Array("Caf".utf8) + [0xE9] + Array(" news\n\nPosted on 2020-01-01 by A\n\nBody \u{1}text.\n".utf8)
        let summary = try importing("latin1.txt", bytes: bytes)
        XCTAssertEqual(summary.postsNew, 1, messages(summary))
        XCTAssertTrue(
            messages(summary).contains("latin1.txt: warning: not valid UTF-8; read as ISO-8859-1"), messages(summary))
        let page = ArchiveParser.parse(bytes: bytes, file: "latin1.txt")
        XCTAssertEqual(page.posts.first?.title, "Café news")
    }

    func testCarriageReturnOnlyLineEnds() throws {
        let text = Page.make(
            header: "Category: World",
            Page.post("First", date: "2020-01-01", author: "A", body: ["One."], outlet: "BBC"),
            Page.post("Second", date: "2020-01-02", author: "B", body: ["Two."]))
        let bytes = Array(text.replacingOccurrences(of: "\n", with: "\r").utf8)
        let summary = try importing("cr.txt", bytes: bytes)
        XCTAssertEqual(summary.postsNew, 2, messages(summary))
        XCTAssertTrue(summary.isClean, messages(summary))
    }

    /// 5,000 posts in one file (the long run uses 100,000): all imported.
    func testManyPostsInOneFile() throws {
        let summary = try importing("many.txt", bytes: Array(Self.manyPosts(5_000).utf8))
        XCTAssertEqual(summary.postsNew, 5_000, messages(summary))
        XCTAssertTrue(summary.isClean, messages(summary))
    }

    static func manyPosts(_ count: Int) -> String {
        var text = "Category: Bulk\n\n"
        text.reserveCapacity(count * 120)
        for n in 0..<count {
            text +=
                "Story number \(n)\n\nPosted on 2020-01-01 by Writer \(n % 17)\n\nBody of story \(n), some words.\n\n[Outlet \(n % 5)]\n\n"
        }
        return text
    }
}
