import TidingsCore
import TidingsUI

/// An in-memory stand-in for the session loop and its database: answers effects with actions,
/// and keeps bookmarks, read marks and reading positions as the library would.
struct FakeLibrary {
    var posts: [Shelf: [Headline]]
    var categories: [String]
    var articles: [String: Article]
    /// When set, every write fails with this message, as on a read-only library.
    var writeFailure: String?
    /// Each post's title and paragraphs lower-cased, made once: the toy search runs over
    /// every post on every keystroke of the tests.
    var lowered = LoweredTexts()
    /// When set, searches count as the browser's first stage does, up to this bound: a query
    /// with more matches answers with the bound and `totalIsExact == false`, and its exact
    /// count comes with `.countMatches`.
    var countBound: Int?

    /// The tab list as the loop would report it.
    var tabs: [TabInfo] {
        func unread(_ shelf: Shelf) -> Int { posts[shelf]?.filter(\.isUnread).count ?? 0 }
        return [TabInfo(kind: .all, title: "All", count: posts[.all]?.count ?? 0, unread: unread(.all))]
            + categories.map {
                TabInfo(
                    kind: .category($0), title: $0, count: posts[.category($0)]?.count ?? 0,
                    unread: unread(.category($0)))
            }
            + [TabInfo(kind: .bookmarks, title: "Bookmarks", count: posts[.bookmarks]?.count ?? 0)]
    }

    /// The answer to `effect`, or nil for effects that need none (quit, redraw, timers).
    mutating func answer(_ effect: Effect) -> Action? {
        switch effect {
        case .loadTabs:
            return .tabsLoaded(tabs)
        case .loadPicks:
            return .picksLoaded(picks)
        case .countShelf(let shelf):
            let rows = shelfRows(shelf)
            return .shelfCounted(TabInfo(picked: shelf, count: rows.count, unread: rows.filter(\.isUnread).count))
        case .loadHeadlines(let tab, let query, let order, let offset, let limit, let generation, let unreadOnly):
            if unreadOnly {
                // As the library does: a filter in the query, counted with the page.
                let rows = shelfRows(tab).filter(\.isUnread)
                let slice = offset < rows.count ? Array(rows[offset..<min(rows.count, offset + limit)]) : []
                return .headlinesLoaded(
                    HeadlinePage(
                        tab: tab, offset: offset, total: rows.count, rows: slice, generation: generation,
                        unreadOnly: true))
            }
            return .headlinesLoaded(
                page(tab, query: query, order: order, offset: offset, limit: limit, generation: generation))
        case .loadArticle(let id):
            guard let article = articles[id] else { return .failed("Post \(id) not found") }
            return .articleLoaded(article)
        case .toggleBookmark(let id):
            if let writeFailure { return .failed(writeFailure) }
            let on = !(posts[.all]?.first { $0.id == id }?.isBookmarked ?? false)
            setBookmark(id, on)
            return .bookmarkChanged(id: id, isBookmarked: on)
        case .locatePost(let tab, let id, let unreadOnly):
            let rows = shelfRows(tab)
            guard let index = rows.firstIndex(where: { $0.id == id }) else {
                return .postLocated(tab: tab, id: id, index: nil, unreadOnly: unreadOnly)
            }
            let position = unreadOnly ? rows[..<index].filter(\.isUnread).count : index
            return .postLocated(tab: tab, id: id, index: position, unreadOnly: unreadOnly)
        case .markTabRead(let tab):
            if let writeFailure { return .failed(writeFailure) }
            let ids = shelfRows(tab).filter(\.isUnread).map(\.id)
            for id in ids {
                update(id) { $0.isUnread = false }
                articles[id]?.isUnread = false
            }
            return .tabMarkedRead(tab: tab, count: ids.count)
        case .setRead(let id, let isRead):
            if let writeFailure { return .failed(writeFailure) }
            update(id) { $0.isUnread = !isRead }
            articles[id]?.isUnread = !isRead
            return .readChanged(id: id, isRead: isRead)
        case .countMatches(let tab, let query, let generation):
            let total = rows(tab, query: query, order: .archive)?.count ?? 0
            return .matchesCounted(tab: tab, query: query, generation: generation, total: total)
        case .findNextUnread(let tab, let query, let order, let after):
            let list = rows(tab, query: query, order: order) ?? []
            return .nextUnreadFound(index: list.indices.first { $0 > after && list[$0].isUnread })
        case .saveReadingPosition(let id, let anchor, _):
            if let writeFailure { return .failed(writeFailure) }
            articles[id]?.savedPosition = anchor == .top ? nil : anchor
            return nil
        case .startReadTimer, .cancelSearch, .redraw, .quit, .updateSources, .openLink, .copyLink:
            return nil
        }
    }

    /// A page of the tab's whole list (`query == nil`) or of its search results.
    func page(
        _ tab: Shelf, query: SearchQuery? = nil, order: SearchOrder = .archive, offset: Int, limit: Int,
        generation: Int = 0
    ) -> HeadlinePage {
        guard let rows = rows(tab, query: query, order: order) else {
            return HeadlinePage(
                tab: tab, offset: offset, total: 0, rows: [], query: query, order: order, generation: generation,
                hint: "nothing understood yet", failed: true)
        }
        let slice = offset < rows.count ? Array(rows[offset..<min(rows.count, offset + limit)]) : []
        let hint = query.flatMap { FakeQuery($0.text).hint }
        if query != nil, let countBound, rows.count > countBound {
            return HeadlinePage(
                tab: tab, offset: offset, total: countBound, rows: slice, query: query, order: order,
                generation: generation, hint: hint, totalIsExact: false)
        }
        let summary = query == nil ? nil : rows.count == 1 ? "1 match" : "\(rows.count) matches"
        return HeadlinePage(
            tab: tab, offset: offset, total: rows.count, rows: slice, query: query, order: order,
            generation: generation, summary: summary, hint: hint)
    }

    /// The rows of a list: the tab's, or its matches (best first in relevance order: most
    /// title matches); nil for a query with nothing to search for.
    func rows(_ tab: Shelf, query: SearchQuery?, order: SearchOrder) -> [Headline]? {
        let all = shelfRows(tab)
        guard let query else { return all }
        let reading = FakeQuery(query.text)
        guard !reading.isEmpty else { return nil }
        let found = all.filter { row in
            reading.matches(lowered: lowered.texts(of: row.id) { [row.title] + (articles[row.id]?.paragraphs ?? []) })
        }
        guard order == .relevance else { return found }
        let titleMatches = found.map { reading.ranges(in: $0.title).count }
        return found.enumerated()
            .sorted { (titleMatches[$1.offset], $0.offset) < (titleMatches[$0.offset], $1.offset) }
            .map(\.element)
    }

    /// The picker's entries: every author and outlet of the `All` tab's posts, as the library
    /// lists them (authors, then outlets, each by name).
    var picks: [TabInfo] {
        let all = posts[.all] ?? []
        let authors = Set(all.flatMap { articles[$0.id]?.authors ?? [] }).sorted().map(Shelf.author)
        let outlets = Set(all.compactMap(\.outlet)).sorted().map(Shelf.outlet)
        return (authors + outlets).map { shelf in
            let rows = shelfRows(shelf)
            return TabInfo(picked: shelf, count: rows.count, unread: rows.filter(\.isUnread).count)
        }
    }

    /// A shelf's rows: a tab's own, else (tags, authors, outlets) the `All` posts carrying it.
    func shelfRows(_ shelf: Shelf) -> [Headline] {
        if let rows = posts[shelf] { return rows }
        let all = posts[.all] ?? []
        switch shelf {
        case .outlet(let name): return all.filter { $0.outlet == name }
        case .author(let name): return all.filter { articles[$0.id]?.authors.contains(name) == true }
        case .tag(let name): return all.filter { articles[$0.id]?.tags.contains(name) == true }
        case .all, .category, .bookmarks: return []
        }
    }

    /// Bookmarks or un-bookmarks a post everywhere; the Bookmarks tab lists the newest first.
    mutating func setBookmark(_ id: String, _ on: Bool) {
        update(id) { $0.isBookmarked = on }
        articles[id]?.isBookmarked = on
        var bookmarks = (posts[.bookmarks] ?? []).filter { $0.id != id }
        if on, let row = posts[.all]?.first(where: { $0.id == id }) { bookmarks.insert(row, at: 0) }
        posts[.bookmarks] = bookmarks
    }

    /// Applies `change` to the post's row in every tab.
    mutating func update(_ id: String, _ change: (inout Headline) -> Void) {
        for (tab, rows) in posts {
            posts[tab] = rows.map { row in
                guard row.id == id else { return row }
                var row = row
                change(&row)
                return row
            }
        }
    }

    /// Puts `headline` in place of the post with its id, in every tab, with a matching article.
    mutating func replace(_ headline: Headline, paragraphs: [String]) {
        lowered = LoweredTexts()
        for (tab, rows) in posts {
            posts[tab] = rows.map { $0.id == headline.id ? headline : $0 }
        }
        articles[headline.id] = Article(
            id: headline.id, title: headline.title, categories: ["Society"], authors: ["Hana Seo"],
            outlet: headline.outlet, date: "2019-07-04", paragraphs: paragraphs,
            isBookmarked: headline.isBookmarked, isUnread: headline.isUnread)
    }
}

/// The texts of each post lower-cased, by id; a class so that copies of a library share it.
final class LoweredTexts {
    private var byID: [String: [[Character]]] = [:]

    func texts(of id: String, _ make: () -> [String]) -> [[Character]] {
        if let known = byID[id] { return known }
        let texts = make().map(FakeQuery.lowered)
        byID[id] = texts
        return texts
    }
}
