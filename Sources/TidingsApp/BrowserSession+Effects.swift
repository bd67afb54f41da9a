import TidingsCore
import TidingsLibrary
import TidingsUI

extension BrowserSession {
    /// What running an effect leads to.
    enum Outcome {
        case next([Action])
        case quit(Int32)
    }

    /// Runs one effect against the library or the terminal.
    func perform(_ effect: Effect) -> Outcome {
        do {
            switch effect {
            case .loadTabs:
                return .next([.tabsLoaded(try loadTabs())])
            case .loadHeadlines(let tab, let query, let order, let offset, let limit, let generation):
                guard query == nil else {
                    // lead: wire to Library.search on a background worker (cancel superseded
                    // generations; fill titleHighlights, summary, hint). Until then the search
                    // line says so and the list keeps what it shows.
                    return .next([.headlinesLoaded(HeadlinePage(
                        tab: tab, offset: offset, total: 0, rows: [], query: query, order: order,
                        generation: generation, hint: "search not available yet", failed: true))])
                }
                let rows = try library.headlines(on: BrowserSession.shelf(tab), offset: offset, limit: limit)
                let page = HeadlinePage(
                    tab: tab, offset: offset, total: totals[tab] ?? offset + rows.count,
                    rows: rows.map { Headline(id: $0.id, title: $0.title, outlet: $0.outlet, isBookmarked: false, isUnread: false) },
                    generation: generation)
                return .next([.headlinesLoaded(page)])
            case .cancelSearch:
                // lead: cancel the background search worker's query once there is one.
                return .next([])
            case .loadArticle(let id, _):
                // lead: fill titleHighlights/paragraphHighlights for the query, the marks and
                // savedPosition from Library.
                return .next([.articleLoaded(BrowserSession.article(try library.post(id: id)))])
            case .toggleBookmark:
                // lead: wire to Library.toggleBookmark, answer .bookmarkChanged after the write.
                return .next([.failed("Bookmarks are not available yet")])
            case .setRead:
                // lead: wire to Library.setRead, answer .readChanged.
                return .next([.failed("Read marks are not available yet")])
            case .startReadTimer:
                // lead: dispatch .readTimerFired(id:) after the delay (poll in the event loop).
                // No timer yet means no automatic mark, and nothing claims one was made.
                return .next([])
            case .findNextUnread:
                // lead: wire to Library.nextUnread (and the search's list), answer .nextUnreadFound.
                return .next([.failed("Next unread is not available yet")])
            case .saveReadingPosition:
                // lead: wire to Library.setReadingPosition (ArticleAnchor block 0 = heading).
                return .next([.failed("Reading positions are not saved yet")])
            case .redraw:
                terminal.invalidate()
                return .next([])
            case .quit(let status):
                return .quit(status)
            }
        } catch {
            return .next([.failed(error.description)])
        }
    }

    private func loadTabs() throws(LibraryError) -> [TabInfo] {
        let counts = try library.shelfCounts()
        var tabs = [TabInfo(kind: .all, title: "All", count: counts.all)]
        tabs += counts.categories.map { TabInfo(kind: .category($0.name), title: $0.name, count: $0.count) }
        tabs.append(TabInfo(kind: .bookmarks, title: "Bookmarks", count: 0))
        totals = Dictionary(tabs.map { ($0.kind, $0.count) }, uniquingKeysWith: { first, _ in first })
        return tabs
    }

    static func shelf(_ tab: TabKind) -> Shelf {
        switch tab {
        case .all: return .all
        case .category(let name): return .category(name)
        case .bookmarks: return .bookmarks
        }
    }

    static func article(_ post: Post) -> Article {
        Article(id: post.id, title: post.title, categories: post.categories, authors: post.authors,
                outlet: post.outlet, date: post.date?.iso, paragraphs: post.paragraphs,
                isBookmarked: false, isUnread: false)
    }
}
