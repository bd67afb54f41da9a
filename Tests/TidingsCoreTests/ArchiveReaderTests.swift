import Foundation
import Testing
import TidingsTestSupport

@testable import TidingsCore

/// The importer reads large files a slice at a time: whatever the slice size, the slices must
/// add up to exactly the page the whole-file parse gives (posts, lines, diagnostics, header).
@Suite struct ArchiveReaderTests {
    /// The slices of `bytes` at `maxPosts` posts each, joined into one page.
    static func joined(_ bytes: [UInt8], maxPosts: Int) -> (page: ArchivePage, slices: Int) {
        var reader = ArchiveReader(bytes: bytes, file: "f")
        var page = reader.next(maxPosts: maxPosts)
        var slices = 1
        while !reader.isAtEnd {
            let slice = reader.next(maxPosts: maxPosts)
            #expect(slice.posts.count <= maxPosts)
            page.posts += slice.posts
            page.postLines += slice.postLines
            page.diagnostics += slice.diagnostics
            slices += 1
        }
        page.header = reader.header
        return (page, slices)
    }

    static func expectSame(_ bytes: [UInt8], _ name: String) {
        let whole = ArchiveParser.parse(bytes: bytes, file: "f")
        for maxPosts in [1, 2, 3] {
            let (page, _) = joined(bytes, maxPosts: maxPosts)
            #expect(page.posts == whole.posts, "\(name), \(maxPosts) a slice")
            #expect(page.postLines == whole.postLines, "\(name), \(maxPosts) a slice")
            #expect(page.diagnostics == whole.diagnostics, "\(name), \(maxPosts) a slice")
            #expect(page.header == whole.header && page.encoding == whole.encoding, "\(name), \(maxPosts) a slice")
        }
    }

    @Test func slicesOfEveryFixtureAddUpToTheWholePage() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for folder in ["Fixtures", "FuzzRegressions/parser"] {
            let files = try FileManager.default.contentsOfDirectory(
                at: root.appendingPathComponent(folder), includingPropertiesForKeys: nil)
            for file in files {
                ArchiveReaderTests.expectSame(Array(try Data(contentsOf: file)), file.lastPathComponent)
            }
        }
    }

    @Test func slicesOfRandomPagesAddUpToTheWholePage() {
        var random = SplitMix64(seed: 11)
        let pieces = [
            "Posted on ", "by ", "A", "[BBC]", "\n", "\n\n", "\r", "\r\n", " ", "\u{00A0}", "Category: x", "Tag: y",
            "Title words", "Body text.", "← Older posts", "May 10, 2019 ", "Monthly Archives: May 2019",
        ]
        for _ in 0..<2_000 {
            var text = ""
            for _ in 0..<random.next(40) { text += pieces[random.next(pieces.count)] }
            let bytes = Array(text.utf8) + (random.next(10) == 0 ? [0xFF] : [])
            ArchiveReaderTests.expectSame(bytes, text.debugDescription)
        }
    }

    @Test func aLargePageComesInSlicesOfTheSizeAsked() {
        var text = "Category: Bulk\n\n"
        for n in 0..<1_000 { text += "Story \(n)\n\nPosted on 2020-01-01 by W\n\nBody \(n).\n\n[Outlet]\n\n" }
        let (page, slices) = ArchiveReaderTests.joined(Array(text.utf8), maxPosts: 300)
        #expect(slices == 4)
        #expect(page.posts.count == 1_000 && page.header == .category("Bulk"))
        #expect(page.posts.allSatisfy { $0.categories == ["Bulk"] })
    }
}
