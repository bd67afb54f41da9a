import TidingsCore
import TidingsUI

/// A small invented library for search, bookmark and read-state tests: a few posts about a
/// launcher, one mentioning it only in its body, one naming it twice in its title.
enum SearchFixtures {
    static let posts: [(title: String, outlet: String, body: [String])] = [
        (
            "Parade footage shows a new short-range launcher truck", "NPR",
            [
                "State television showed the six-axle launcher truck on Sunday, rolling past the reviewing stand behind rows of marching students.",
                "Analysts said the vehicle appeared larger than earlier models, though its range could not be judged from the footage.",
                "The broadcast lasted two hours and included a flypast, a choir and a speech that touched on the harvest.",
                "Foreign journalists were not invited this year, and the pictures reached agencies abroad several hours later.",
                "Residents interviewed on the street said the parade had been rehearsed for weeks in the square at night.",
                "Officials did not say when the launcher would enter service, or how many had been built.",
            ]
        ),
        ("Port city reopens fish market after long closure", "Reuters", [Fixtures.prose[0], Fixtures.prose[1]]),
        (
            "Analysts compare launcher to designs seen abroad", "CNN",
            [
                "Two research groups published comparisons of the launcher with vehicles shown at exhibitions elsewhere.",
                Fixtures.prose[3],
            ]
        ),
        ("Envoys trade letters ahead of possible border talks", "Yonhap", [Fixtures.prose[6]]),
        ("Satellite photos show new greenhouses near the capital", "AP", [Fixtures.prose[2]]),
        ("Railway test run delayed by flooding", "NK News", [Fixtures.prose[7]]),
        ("Students return to Seoul after exchange programme", "Le Monde", [Fixtures.prose[4]]),
        ("Aid group says winter fuel shortage is worst in a decade", "BBC", [Fixtures.prose[5]]),
        (
            "Launch window for rocket launch announced to shipping", "Kyodo",
            [
                "Coastal authorities told ships to keep clear of an area off the east coast for three days."
            ]
        ),
        ("Fishing crews count losses after storm season", "Daily NK", [Fixtures.prose[1]]),
        (
            "Museum opens exhibition of wartime posters", "38 North",
            [
                "The museum timed the launch of the exhibition to the anniversary, curators said."
            ]
        ),
        ("Border markets quiet as traders wait for new rules", "NK News", [Fixtures.prose[5]]),
    ]

    /// Posts `s-0` … `s-11`; `s-2` and `s-7` are bookmarked, every third post is read. Two
    /// categories split them by parity.
    static func library() -> FakeLibrary {
        var headlines: [Headline] = []
        var articles: [String: Article] = [:]
        for (index, post) in posts.enumerated() {
            let headline = Headline(
                id: "s-\(index)", title: post.title, outlet: post.outlet, isBookmarked: [2, 7].contains(index),
                isUnread: index % 3 != 1)
            headlines.append(headline)
            articles[headline.id] = Article(
                id: headline.id, title: post.title, categories: [index % 2 == 0 ? "Military" : "Society"],
                authors: ["Hana Seo"], outlet: post.outlet, date: "2021-04-\(10 + index)", paragraphs: post.body,
                isBookmarked: headline.isBookmarked, isUnread: headline.isUnread)
        }
        return FakeLibrary(
            posts: [
                .all: headlines,
                .category("Military"): headlines.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                .category("Society"): headlines.enumerated().filter { $0.offset % 2 == 1 }.map(\.element),
                .bookmarks: [headlines[7], headlines[2]],
            ],
            categories: ["Military", "Society"], articles: articles)
    }
}
