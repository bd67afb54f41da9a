import TidingsUI

/// An in-memory stand-in for the session loop and its database: answers effects with actions.
struct FakeLibrary {
    var posts: [TabKind: [Headline]]
    var categories: [String]
    var articles: [String: Article]

    /// The tab list as the loop would report it.
    var tabs: [TabInfo] {
        [TabInfo(kind: .all, title: "All", count: posts[.all]?.count ?? 0)]
            + categories.map { TabInfo(kind: .category($0), title: $0, count: posts[.category($0)]?.count ?? 0) }
            + [TabInfo(kind: .bookmarks, title: "Bookmarks", count: posts[.bookmarks]?.count ?? 0)]
    }

    /// The answer to `effect`, or nil for effects that need none (quit, redraw).
    func answer(_ effect: Effect) -> Action? {
        switch effect {
        case .loadTabs:
            return .tabsLoaded(tabs)
        case .loadHeadlines(let tab, let offset, let limit):
            return .headlinesLoaded(page(tab, offset: offset, limit: limit))
        case .loadArticle(let id):
            return articles[id].map(Action.articleLoaded) ?? .failed("Post \(id) not found")
        case .redraw, .quit:
            return nil
        }
    }

    func page(_ tab: TabKind, offset: Int, limit: Int) -> HeadlinePage {
        let rows = posts[tab] ?? []
        let slice = offset < rows.count ? Array(rows[offset..<min(rows.count, offset + limit)]) : []
        return HeadlinePage(tab: tab, offset: offset, total: rows.count, rows: slice)
    }

    /// Puts `headline` in place of the post with its id, in every tab, with a matching article.
    mutating func replace(_ headline: Headline, paragraphs: [String]) {
        for (tab, rows) in posts {
            posts[tab] = rows.map { $0.id == headline.id ? headline : $0 }
        }
        articles[headline.id] = Article(
            id: headline.id, title: headline.title, categories: ["Society"], authors: ["Hana Seo"],
            outlet: headline.outlet, date: "2019-07-04", paragraphs: paragraphs,
            isBookmarked: headline.isBookmarked, isUnread: headline.isUnread)
    }
}

/// A browser session driven like the real loop: every effect is answered at once.
struct Harness {
    var state: AppState
    var library: FakeLibrary
    /// Every effect returned so far, in order.
    var effects: [Effect] = []

    init(_ library: FakeLibrary, columns: Int = 80, rows: Int = 24, colors: Bool = false) {
        self.library = library
        state = AppState(size: Size(columns: columns, rows: rows), colors: colors)
        send(.start)
    }

    /// Reduces `action`, then the answers to its effects, until nothing is left to answer.
    mutating func send(_ action: Action) {
        var queue = [action]
        while !queue.isEmpty {
            let produced = reduce(&state, queue.removeFirst())
            effects += produced
            queue += produced.compactMap(library.answer)
        }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    /// Types printable characters as key presses: `type("jjJ")`.
    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    mutating func resize(_ columns: Int, _ rows: Int) {
        send(.resized(Size(columns: columns, rows: rows)))
    }

    var screen: ScreenBuffer { render(state) }

    /// The screen's text rows, for quick assertions.
    var lines: [String] {
        screen.snapshot().split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(state.size.rows).map(String.init)
    }
}
