import Foundation
import GRDB
import Testing
import TidingsCore

@testable import TidingsLibrary

@Suite struct ImportTests {
    let ferry = Page.post(
        "Ferry service resumes across the Yalu", date: "May 10, 2019", author: "Jane Holloway",
        body: ["Boats crossed again on Monday.", "Traders welcomed the news."], outlet: "Reuters")
    let grain = Page.post(
        "Grain prices fall after early harvest", body: ["Rice was cheaper in Sinuiju markets."], outlet: "Daily NK")
    let envoy = Page.post("Envoys meet in Geneva", body: ["Talks lasted three hours."], outlet: "BBC")

    @Test func importsPagesWithLabelsAndSummary() throws {
        let folder = try TemporaryFolder()
        try folder.write("pages/economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        let library = try folder.library()
        let summary = try library.importArchives(at: [folder.path + "/pages"])
        #expect(summary.filesRead == 1)
        #expect(summary.postsNew == 2)
        #expect(summary.isClean)
        let posts = try library.posts()
        #expect(
            posts.map(\.title) == ["Ferry service resumes across the Yalu", "Grain prices fall after early harvest"])
        #expect(posts[0].categories == ["Economy"])
        #expect(posts[0].authors == ["Jane Holloway"])
        #expect(posts[0].date == PostDate(year: 2019, month: 5, day: 10))
        #expect(posts[0].paragraphs == ["Boats crossed again on Monday.", "Traders welcomed the news."])
        #expect(posts[1].outlet == "Daily NK")
    }

    @Test func sameStoryOnTwoPagesIsOnePostWithBothLabels() throws {
        let folder = try TemporaryFolder()
        try folder.write("economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        try folder.write(
            "holloway.txt",
            Page.make(
                header: "Author Archives for Jane Holloway", ferry.replacingOccurrences(of: "Yalu", with: "Yalu ")))
        try folder.write("border.txt", Page.make(header: "Category: Border", ferry))
        let library = try folder.library()
        let summary = try library.importArchives(at: [folder.path])
        #expect(summary.postsNew == 2)
        #expect(try library.count() == 2)
        let ferryPost = try library.posts(matching: PostFilter(category: "border"))
        #expect(ferryPost.count == 1)
        #expect(ferryPost[0].categories == ["Border", "Economy"])
        #expect(ferryPost[0].authors == ["Jane Holloway"])
    }

    @Test func reimportingUnchangedFilesChangesNothing() throws {
        let folder = try TemporaryFolder()
        try folder.write("economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path])
        let before = try library.posts()
        let again = try library.importArchives(at: [folder.path])
        #expect(again.filesUnchanged == 1)
        #expect(again.postsNew == 0 && again.postsUpdated == 0)
        #expect(again.postsUnchanged == 2)
        #expect(try library.posts() == before)
        // Touching the file without changing its bytes is still "unchanged".
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSinceNow: 60)],
            ofItemAtPath: folder.path + "/economy.txt")
        let touched = try library.importArchives(at: [folder.path])
        #expect(touched.filesUnchanged == 1 && touched.postsUnchanged == 2 && touched.postsNew == 0)
    }

    @Test func changedFileUpdatesItsPosts() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("page.txt", Page.make(header: "Category: Economy", ferry, grain))
        let library = try folder.library()
        _ = try library.importArchives(at: [file])
        // The page is renamed to another category, loses a post and gains one.
        try folder.write("page.txt", Page.make(header: "Category: Trade", ferry, envoy))
        let summary = try library.importArchives(at: [file])
        #expect(summary.postsNew == 1)
        #expect(summary.postsUpdated == 1)
        #expect(summary.postsRemoved == 1)
        let posts = try library.posts()
        #expect(posts.map(\.title) == ["Ferry service resumes across the Yalu", "Envoys meet in Geneva"])
        #expect(posts.allSatisfy { $0.categories == ["Trade"] })
        #expect(try library.counts(by: .category) == [FacetCount(name: "Trade", count: 2)])
    }

    @Test func idsSurviveReimportIntoAnotherLibrary() throws {
        let folder = try TemporaryFolder()
        try folder.write("economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        let first = try folder.library("one.sqlite")
        let second = try folder.library("two.sqlite")
        _ = try first.importArchives(at: [folder.path + "/economy.txt"])
        _ = try second.importArchives(at: [folder.path + "/economy.txt"])
        #expect(try first.posts().map(\.id) == second.posts().map(\.id))
    }

    @Test func badFilesAreReportedAndGoodPostsKept() throws {
        let folder = try TemporaryFolder()
        try folder.write("good.txt", Page.make(header: "Category: Economy", ferry))
        try folder.write("empty.txt", "")
        try folder.write("binary.txt", bytes: [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0xFF])
        try folder.write("prose.txt", "Just some words.\n\nNo posts here.\n")
        let titleOnly = "Lonely title\n\nPosted on by\n\n" + grain
        try folder.write("partial.txt", titleOnly)
        let library = try folder.library()
        let summary = try library.importArchives(at: [folder.path, folder.path + "/missing.txt"])
        #expect(!summary.isClean)
        #expect(summary.postsNew == 2)
        let messages = summary.diagnostics.map(\.description)
        #expect(messages.contains { $0.hasSuffix("missing.txt: error: no such file or folder") })
        #expect(messages.contains { $0.hasSuffix("empty.txt: error: empty file") })
        #expect(messages.contains { $0.contains("binary.txt: error: binary file") })
        #expect(messages.contains { $0.contains("prose.txt: error: no posts found") })
        #expect(messages.contains { $0.contains("partial.txt:1: error: post “Lonely title” has a title but no body") })
        #expect(summary.filesRejected == 4)
    }

    @Test func databaseIsInWALModeWithFullTextIndexInStep() throws {
        let folder = try TemporaryFolder()
        try folder.write("economy.txt", Page.make(header: "Category: Economy", ferry, grain))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path])
        let (mode, matches) = try library.pool.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH 'sinuiju'")
            )
        }
        #expect(mode == "wal")
        #expect(matches == 1)
        // FTS5's own check that the index matches the posts table (it writes, so in a write).
        try library.pool.write { db in
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES('integrity-check', 1)")
        }
    }
}

@Suite struct TallyTests {
    @Test func countsFollowImportsChangesAndRemovals() throws {
        let folder = try TemporaryFolder()
        let a = Page.post("Alpha story", body: ["One."], outlet: "BBC")
        let b = Page.post("Beta story", author: "Jane Holloway", body: ["Two."], outlet: "AP")
        let c = Page.post("Gamma story", body: ["Three."])
        let file = try folder.write("page.txt", Page.make(header: "Category: Economy", a, b))
        try folder.write("other.txt", Page.make(header: "Category: Border", b, c))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path])
        func counts() throws -> [String] {
            let shelves = try library.shelfCounts()
            return ["all \(shelves.all)"] + shelves.categories.map { "\($0.name) \($0.count)" }
        }
        #expect(try counts() == ["all 3", "Border 2", "Economy 2"])
        #expect(try library.counts(by: .author) == [FacetCount(name: "Jane Holloway", count: 1)])
        // The page moves to another category and loses a post that no other file has.
        try folder.write("page.txt", Page.make(header: "Category: Trade", b))
        _ = try library.importArchives(at: [file])
        #expect(try counts() == ["all 2", "Border 2", "Trade 1"])
        // The counts equal a full recount.
        let recount = try library.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post")
        }
        #expect(recount == 2)
    }
}

@Suite struct IndexInStepTests {
    @Test func aPostReplacingTheNewestOneIsIndexed() throws {
        let folder = try TemporaryFolder()
        let fresh = Page.post("Fresh orchard story", body: ["Apple trees blossom early."], outlet: "AP")
        let old = Page.post("Old harbour story", body: ["Cranes idle at the quay."], outlet: "BBC")
        let other = try folder.write("a-other.txt", Page.make(header: "Category: Farming", fresh))
        let page = try folder.write("b-page.txt", Page.make(header: "Category: Economy", old))
        let library = try folder.library()
        _ = try library.importArchives(at: [other, page])
        // One import removes the newest post (page now holds only an older one), then a later
        // file adds a new post in the same transaction: it must not take the freed seq unindexed.
        try folder.write("b-page.txt", Page.make(header: "Category: Economy", fresh))
        let later = try folder.write(
            "c-later.txt", Page.make(header: "Category: Border", Page.post("Border story", body: ["Gates open."])))
        _ = try library.importArchives(at: [page, later])
        let hits = try library.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post_fts WHERE post_fts MATCH 'gates'")
        }
        #expect(hits == 1)
        try library.pool.write { db in
            try db.execute(sql: "INSERT INTO post_fts(post_fts, rank) VALUES('integrity-check', 1)")
        }
    }
}
