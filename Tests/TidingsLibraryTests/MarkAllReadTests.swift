import Foundation
import Testing
import TidingsCore
@testable import TidingsLibrary

/// `mark-tab-read` on the library side: one shelf's unread posts become read, no others.
@Suite struct MarkAllReadTests {
    @Test("markAllRead marks a category's unread posts read and counts them (issue 15, 11)")
    func category() throws {
        let folder = try TemporaryFolder()
        let library = try Library(path: folder.path + "/library.sqlite")
        let page = try folder.write("a.txt", """
            Category: Economy

            Grain prices fall

            Posted on May 12, 2019 by Jean Dupré

            Rice was cheaper.

            Ferry service resumes

            Posted on May 10, 2019 by Jane Holloway

            Boats crossed again.

            """)
        let other = try folder.write("b.txt", "Category: Military\n\nParade held\n\nPosted on May 1, 2019 by Min-jun Kim\n\nTrucks rolled past.\n")
        _ = try library.importArchives(at: [page, other])
        let economy = try library.posts(matching: PostFilter(category: "Economy"))
        try library.setRead(true, postID: economy[0].id)
        #expect(try library.markAllRead(on: .category("Economy")) == 1)
        #expect(try library.posts(matching: PostFilter(unread: true)).map(\.title) == ["Parade held"])
        #expect(try library.markAllRead(on: .category("Economy")) == 0)
    }
}
