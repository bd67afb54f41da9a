import TidingsCore
import TidingsUI

/// Fictional posts for browser tests: invented headlines and prose, not archive text.
enum Fixtures {
    static let titles = [
        "Ferry service across the Yalu resumes for the spring trading season",
        "Pyongyang unveils plan for three vegetable greenhouse farms",
        "Defectors describe rising rice prices in border markets",
        "UN panel report details ship-to-ship fuel transfers at sea",
        "New apartment towers rise along the Taedong river embankment",
        "Railway line to Rason closed after landslide near Chongjin",
        "Envoys meet in Geneva to discuss separated family reunions",
        "Satellite images suggest work on a new dry dock at Nampho",
        "State media praises record potato harvest in Ryanggang",
        "University students travel to Vladivostok for language exchange",
        "Commission hears testimony on conditions in labour camps",
        "Wooden fishing boats wash ashore on Japan's western coast",
        "Table tennis team qualifies for the Asian championships",
        "Currency traders report a stable won rate for third month",
        "Aid group delivers medicine and blankets to clinics in Wonsan",
        "Border guards put up new fences at river crossing points",
    ]
    static let outlets = ["Reuters", "AP", "Yonhap", "BBC", "NK News", "Daily NK", "Le Monde", "38 North"]
    static let categories = ["Diplomacy", "Economy", "Human Rights", "Military", "Society"]
    static let authors = ["Mina Carver", "Tomas Reyes", "Hana Seo", "Oliver Brandt"]
    static let prose = [
        "Officials in the provincial capital said on Tuesday that the first vessels had already crossed, carrying seed, fertiliser and spare parts for tractors that had stood idle since the autumn.",
        "Traders reached by telephone described queues at the customs post from before dawn. “Everyone wants to be first, because nobody knows how long it will stay open,” one said.",
        "The announcement was carried by state television in its evening bulletin, which showed workers in padded jackets unloading sacks under floodlights.",
        "Analysts cautioned that similar openings in past years had been reversed within weeks, often without explanation, and that official figures could not be checked independently.",
        "A diplomat based in Beijing, who asked not to be named, said the decision reflected pressure from local authorities who depend on the trade for food and fuel.",
        "Prices for maize and rice in the markets of nearby towns fell slightly after the news, according to sources who track them each week.",
        "No date has been given for the next round of talks, and neither side commented on reports that an earlier meeting had ended abruptly.",
        "Residents said electricity supply had improved in the city centre but remained limited to a few hours a day in outlying districts.",
    ]

    /// Headline `index` of the `All` tab; ids are `post-N`.
    static func headline(_ index: Int) -> Headline {
        let base = titles[index % titles.count]
        let round = index / titles.count
        return Headline(
            id: "post-\(index)", title: round == 0 ? base : "\(base), part \(round + 1)",
            outlet: outlets[index % outlets.count], isBookmarked: index % 80 == 1, isUnread: index % 3 != 2,
            date: date(index))
    }

    /// Post `index`'s day; every seventh post has none, as undated archive posts do.
    static func date(_ index: Int) -> String? {
        index % 7 == 6 ? nil : "2019-\(pad2(1 + index % 12))-\(pad2(1 + index % 28))"
    }

    /// The whole post behind ``headline(_:)``: `paragraphs` paragraphs of invented prose.
    static func article(_ index: Int, paragraphs: Int = 6) -> Article {
        let headline = headline(index)
        return Article(
            id: headline.id, title: headline.title, categories: [categories[index % categories.count]],
            authors: [authors[index % authors.count]], outlet: headline.outlet,
            date: date(index),
            paragraphs: (0..<paragraphs).map { prose[(index + $0) % prose.count] },
            isBookmarked: headline.isBookmarked, isUnread: headline.isUnread)
    }

    private static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// A library of `count` posts with five category tabs and a bookmarks tab.
    static func library(count: Int = 240) -> FakeLibrary {
        var posts: [Shelf: [Headline]] = [.all: (0..<count).map(headline)]
        for (c, name) in categories.enumerated() {
            posts[.category(name)] = (0..<count).filter { $0 % categories.count == c }.map(headline)
        }
        posts[.bookmarks] = (0..<count).filter { $0 % 80 == 1 }.map(headline)
        var articles: [String: Article] = [:]
        // Every 25th post is long, so that scrolling and resizing have something to move.
        for index in 0..<count { articles["post-\(index)"] = article(index, paragraphs: index % 25 == 0 ? 16 : 6) }
        return FakeLibrary(posts: posts, categories: categories, articles: articles)
    }

    /// A library whose first post has a title far wider than any pane and a long outlet name.
    static func longTitleLibrary() -> FakeLibrary {
        var library = library(count: 40)
        let long = Headline(
            id: "post-0",
            title:
                "Inspectors say the reservoir upstream of the new hydroelectric dam was filled far faster than the engineers had planned, raising fears for villages below",
            outlet: "Korea JoongAng Daily", isBookmarked: true, isUnread: true)
        library.replace(long, paragraphs: [prose[0], prose[3]])
        return library
    }

    /// A library in Korean: Hangul titles (two columns per syllable) and body text.
    static func hangulLibrary() -> FakeLibrary {
        let korean = [
            ("평양 대동강변에 새 살림집 구역 완공", "연합뉴스"),
            ("국경 장마당 쌀값 석 달 만에 다시 올라", "데일리NK"),
            ("Ferry service across the Yalu resumes", "Reuters"),
            ("이산가족 상봉 논의 위한 적십자 실무회담 제안", "KBS"),
            ("북부 지역 폭우로 철길 일부 끊겨 복구 중", "NK News"),
        ]
        let headlines = korean.enumerated().map { index, pair in
            Headline(id: "ko-\(index)", title: pair.0, outlet: pair.1, isBookmarked: index == 1, isUnread: index != 2)
        }
        let body = [
            "당국은 화요일 저녁 방송을 통해 새 구역의 입주가 다음 달부터 시작된다고 밝혔다. 화면에는 불을 밝힌 고층 건물과 꽃을 든 주민들이 나왔다.",
            "현지 소식통은 전기 사정이 나아졌지만 변두리 지역에서는 여전히 하루 몇 시간만 공급된다고 전했다.",
            "전문가들은 비슷한 발표가 과거에도 여러 차례 있었다며 실제 입주 규모는 확인하기 어렵다고 지적했다.",
        ]
        var articles: [String: Article] = [:]
        for (index, headline) in headlines.enumerated() {
            articles[headline.id] = Article(
                id: headline.id, title: headline.title, categories: ["사회"], authors: ["김하나"],
                outlet: headline.outlet, date: "2020-03-1\(index)", paragraphs: body,
                isBookmarked: headline.isBookmarked, isUnread: headline.isUnread)
        }
        return FakeLibrary(
            posts: [.all: headlines, .category("사회"): headlines, .bookmarks: [headlines[1]]],
            categories: ["사회"], articles: articles)
    }

    /// No posts at all: what a new user sees before importing.
    static func emptyLibrary() -> FakeLibrary {
        FakeLibrary(posts: [.all: [], .bookmarks: []], categories: [], articles: [:])
    }
}
