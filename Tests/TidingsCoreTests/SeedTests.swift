import Foundation
import Testing

@testable import TidingsCore

/// The two real archive pages in ../shared/seeds, when that folder exists beside the repo.
enum Seeds {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seeds")

    static var files: [URL] {
        ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
            .filter { $0.pathExtension == "txt" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    static var available: Bool { !files.isEmpty }
}

@Suite(.enabled(if: Seeds.available, "../shared/seeds is not present"))
struct SeedTests {
    func pages() throws -> [ArchivePage] {
        try Seeds.files.map { url in
            ArchiveParser.parse(bytes: Array(try Data(contentsOf: url)), file: url.lastPathComponent)
        }
    }

    @Test func readsTwentyPostsWithoutProblems() throws {
        let pages = try pages()
        #expect(pages.flatMap(\.posts).count == 20)
        for page in pages {
            #expect(page.diagnostics.isEmpty, "\(page.diagnostics)")
            #expect(page.posts.count == 10)
        }
    }

    @Test func headersBecomeLabels() throws {
        let pages = try pages()
        #expect(pages[0].header == .category("DPRK Government"))
        #expect(pages[0].posts.allSatisfy { $0.categories == ["DPRK Government"] && $0.authors.isEmpty })
        #expect(pages[1].header == .author("Grant Montgomery"))
        #expect(pages[1].posts.allSatisfy { $0.authors == ["Grant Montgomery"] && $0.categories.isEmpty })
    }

    @Test func outletsIncludingDoubledBracket() throws {
        let posts = try pages().flatMap(\.posts)
        #expect(posts.allSatisfy { $0.outlet != nil })
        // 20 outlet lines, 16 distinct as written; `[[Bloomberg]` is Bloomberg, which leaves 15 names.
        let outlets = Set(posts.compactMap(\.outlet))
        #expect(outlets.count == 15)
        #expect(outlets.contains("Bloomberg") && !outlets.contains { $0.contains("[") })
        #expect(posts.filter { $0.outlet == "Bloomberg" }.count == 2)
        #expect(posts.allSatisfy { post in !post.paragraphs.contains { $0.hasPrefix("[") && $0.hasSuffix("]") } })
    }

    @Test func titlesAndOrderAreKept() throws {
        let first = try pages()[0]
        #expect(first.posts[0].title == "Did North Korea execute top negotiator over failed Trump summit?")
        #expect(first.posts[1].title == "UN report says North Korean people ‘trapped in cycle of corruption’")
        #expect(first.posts[0].outlet == "Los Angeles Times")
        #expect(first.posts[0].paragraphs.count == 6)
        #expect(first.posts.allSatisfy { $0.date == nil })
        #expect(Set(first.posts.map(\.id)).count == 10)
    }
}
