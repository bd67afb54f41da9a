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
            case .loadHeadlines(let tab, let offset, let limit):
                let rows = try library.headlines(on: BrowserSession.shelf(tab), offset: offset, limit: limit)
                let page = HeadlinePage(
                    tab: tab, offset: offset, total: totals[tab] ?? offset + rows.count,
                    rows: rows.map { Headline(id: $0.id, title: $0.title, outlet: $0.outlet, isBookmarked: false, isUnread: false) })
                return .next([.headlinesLoaded(page)])
            case .loadArticle(let id):
                return .next([.articleLoaded(BrowserSession.article(try library.post(id: id)))])
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
