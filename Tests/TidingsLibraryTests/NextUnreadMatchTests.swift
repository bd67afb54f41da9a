import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// `u` inside search results: the next unread match, found by paging through the matches off
/// the browser's loop, cancellable.
@Suite struct NextUnreadMatchTests {
    /// Ten posts, all saying "harbour" except the fifth; ids in archive order.
    private static func library(_ folder: TemporaryFolder) throws -> (Library, [String]) {
        let posts = (0..<10).map { index in
            Page.post(
                "Story \(index)", body: [index == 4 ? "Nothing to see." : "The harbour was busy."], outlet: "Wire")
        }
        try folder.write("page.txt", posts.joined())
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/page.txt"])
        return (library, try library.posts().map(\.id))
    }

    @Test func findsTheNextUnreadMatchAcrossPages() async throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try Self.library(folder)
        // Matches in archive order: posts 0 1 2 3 5 6 7 8 9 (offsets 0…8). Read all but 3 and 8.
        for (index, id) in ids.enumerated() where ![3, 8].contains(index) { try library.markRead(postID: id) }
        let query = SearchQuery("harbour", typing: true)
        // Page size 2 makes the walk cross pages.
        #expect(try await library.nextUnread(matching: query, after: -1, pageSize: 2) == 3)
        #expect(try await library.nextUnread(matching: query, after: 3, pageSize: 2) == 7)  // post 8
        #expect(try await library.nextUnread(matching: query, after: 7, pageSize: 2) == nil)
        // Only `distance` matches are looked at.
        #expect(try await library.nextUnread(matching: query, after: 3, within: 3, pageSize: 2) == nil)
        #expect(try await library.nextUnread(matching: query, after: 3, within: 4, pageSize: 2) == 7)
        // A shelf with nothing to match.
        #expect(try await library.nextUnread(matching: query, on: .category("None"), after: -1) == nil)
        // The same answer as the list itself shows: the row at that offset is post 8.
        let page = try await library.search(query, offset: 7, limit: 1)
        #expect(page.rows.first?.id == ids[8])
    }

    @Test func relevanceOrderIsWalkedInItsOwnOrder() async throws {
        let folder = try TemporaryFolder()
        let (library, ids) = try Self.library(folder)
        for id in ids where id != ids[6] { try library.markRead(postID: id) }
        let query = SearchQuery("harbour", typing: true)
        let ranked = try await library.search(query, order: .relevance, limit: 20).rows.map(\.id)
        let found = try #require(
            try await library.nextUnread(matching: query, order: .relevance, after: -1, pageSize: 3))
        #expect(ranked[found] == ids[6])
    }

    @Test func aCancelledLookUpSaysSo() async throws {
        let folder = try TemporaryFolder()
        let (library, _) = try Self.library(folder)
        let task = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return try await library.nextUnread(matching: SearchQuery("harbour", typing: true), after: -1)
        }
        do {
            _ = try await task.value
            Issue.record("a cancelled look-up answered")
        } catch {
            #expect(error as? SearchError == .cancelled)
        }
    }
}
