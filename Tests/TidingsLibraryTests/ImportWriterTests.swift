import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A copy of a post the writer finds by its id (``ImportTransaction``) completes the stored
/// post and takes no new ordinal, in a first import and in an import into a library.
@Suite struct ImportWriterTests {
    let undated = Page.post("Rail link opens", author: "Min Park", body: ["Trains ran at noon."], outlet: "Yonhap")
    let dated = Page.post(
        "Rail link opens", date: "June 2, 2020", author: "Min Park", body: ["Trains ran at noon."], outlet: "Yonhap")
    let bridge = Page.post("Bridge reopens", date: "June 3, 2020", body: ["Cars crossed again."], outlet: "BBC")

    private func ordinals(_ library: Library) throws -> [Int] {
        try library.pool.read { try Int.fetchAll($0, sql: "SELECT ordinal FROM post ORDER BY ordinal") }
    }

    @Test func aCopyWithADateCompletesThePostInAFirstImport() throws {
        let folder = try TemporaryFolder()
        try folder.write("pages/a.txt", Page.make(header: "Category: Transport", undated))
        try folder.write("pages/b.txt", Page.make(header: "Category: Economy", dated, bridge))
        let ordinary = try Library(path: folder.path + "/ordinary.sqlite")
        let expected = try ordinary.importArchives(at: [folder.path + "/pages"])
        let (library, summary) = try Library.importArchives(
            at: [folder.path + "/pages"], intoLibraryAt: folder.path + "/fresh.sqlite")
        #expect(summary == expected)
        #expect(summary.postsNew == 2)
        for library in [library, ordinary] {
            let posts = try library.posts()
            #expect(posts.map(\.title) == ["Rail link opens", "Bridge reopens"])
            #expect(posts[0].date == PostDate(year: 2020, month: 6, day: 2))
            #expect(posts[0].categories == ["Economy", "Transport"])
            #expect(try ordinals(library) == [1, 2])
        }
    }

    @Test func aCopyWithADateCompletesThePostInALaterImport() throws {
        let folder = try TemporaryFolder()
        try folder.write("pages/a.txt", Page.make(header: "Category: Transport", undated))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path + "/pages"])
        #expect(try library.posts()[0].date == nil)
        try folder.write("pages/b.txt", Page.make(header: "Category: Economy", dated, bridge))
        let summary = try library.importArchives(at: [folder.path + "/pages"])
        #expect(summary.postsNew == 1 && summary.postsUpdated == 1)
        let posts = try library.posts()
        #expect(posts.map(\.title) == ["Rail link opens", "Bridge reopens"])
        #expect(posts[0].date == PostDate(year: 2020, month: 6, day: 2))
        #expect(try ordinals(library) == [1, 2])
        // Once more, unchanged: nothing new, nothing updated.
        let again = try library.importArchives(at: [folder.path + "/pages"])
        #expect(again.postsNew == 0 && again.postsUpdated == 0 && again.postsUnchanged == 2)
    }
}
