import Foundation
import Testing
import TidingsCore

@testable import TidingsLibrary

/// A query of one filter alone is counted off the filter's own index, not by probing every
/// post: the count must be the number of posts the pages list, a post with two of the names
/// counted once.
@Suite struct FilterCountTests {
    @Test func aFilterAloneCountsEachPostOnce() throws {
        let folder = try TemporaryFolder()
        let shared = Page.post(
            "Port reopens", date: "2020-02-02", author: "Jane Holloway", body: ["Ships."], outlet: "Reuters")
        try folder.write(
            "economy.txt",
            Page.make(
                header: "Category: Economy", shared,
                Page.post("Prices rise", date: "2020-02-03", author: "Min-jun Park", body: ["Rice."], outlet: "NK News")
            ))
        try folder.write(
            "policy.txt",
            Page.make(
                header: "Category: Economic Policy", shared,
                Page.post("Tariffs", date: "2020-02-04", author: "Jane Holloway", body: ["Duties."], outlet: "Reuters"),
                Page.post("Border", date: "2020-02-05", author: "Lars Eriksen", body: ["Guards."], outlet: "Daily NK")))
        let library = try folder.library()
        _ = try library.importArchives(at: [folder.path])

        let expected = [
            "category:econ": 4, "category:economy": 2, "category:policy": 3, "outlet:reuters": 2, "outlet:nk": 2,
            "author:holloway": 2, "author:park": 1, "-outlet:reuters": 2, "outlet:nobody": 0,
        ]
        for (text, count) in expected {
            let page = try library.search(SearchQuery(text), order: .archive, limit: 100)
            #expect(page.total == count, "\(text)")
            #expect(page.rows.count == count, "\(text)")
        }
        // On a shelf, with two sets, the count probes and agrees.
        let shelf = try library.search(SearchQuery("outlet:reuters"), on: .category("Economy"), limit: 100)
        #expect(shelf.total == 1 && shelf.rows.count == 1)
    }
}
