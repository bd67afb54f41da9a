import TidingsCore
import TidingsLibrary
import TidingsScreen
import TidingsUI

extension BrowserSession {
    /// Runs one effect against the library or the terminal.
    func perform(_ effect: Effect) -> EffectOutcome {
        do {
            switch effect {
            case .loadTabs:
                return .next([.tabsLoaded(try loadTabs())])
            case .loadPicks:
                let entries = try library.pickableShelves().map {
                    TabInfo(picked: $0.shelf, count: $0.count, unread: $0.unread)
                }
                return .next([.picksLoaded(entries)])
            case .countShelf(let shelf):
                let counted = try library.shelfCount(shelf)
                return .next([.shelfCounted(TabInfo(picked: shelf, count: counted.count, unread: counted.unread))])
            case .loadHeadlines(let tab, let query, let order, let offset, let limit, let generation, let unreadOnly):
                if let query {
                    searches.submit(
                        SearchRequest(
                            tab: tab, query: query, order: order, offset: offset, limit: limit,
                            generation: generation))
                    return .next([])
                }
                if unreadOnly {
                    // Not the tab's count: how many of its posts are unread now, with the page.
                    let rows = try library.headlines(on: tab, offset: offset, limit: limit, unreadOnly: true)
                    return .next([
                        .headlinesLoaded(
                            HeadlinePage(
                                tab: tab, offset: offset, total: try library.unreadCount(on: tab), rows: rows,
                                generation: generation, unreadOnly: true))
                    ])
                }
                // No COUNT(*) per page: the reducer takes a whole tab's length from its tab.
                let rows = try library.headlines(on: tab, offset: offset, limit: limit)
                return .next([
                    .headlinesLoaded(
                        HeadlinePage(
                            tab: tab, offset: offset, total: offset + rows.count, rows: rows, generation: generation))
                ])
            case .countMatches(let tab, let query, let generation):
                searches.submit(CountRequest(tab: tab, query: query, generation: generation))
                return .next([])
            case .cancelSearch:
                searches.cancelAll()
                return .next([])
            case .loadArticle(let id):
                // Inside a run of keys the pane shows the headline until the run ends, and the
                // post is loaded and drawn once then (``KeyPacing``). Not while a query is typed:
                // each key's screen, its results' first post included, is final at once (issue 13).
                if pacing.isInRun, !state.isEditingSearch {
                    deferredArticle = id
                    return .next([])
                }
                return .next([.articleLoaded(try article(id: id))])
            case .toggleBookmark(let id):
                return .next([.bookmarkChanged(id: id, isBookmarked: try library.toggleBookmark(postID: id))])
            case .locatePost(let tab, let id, let unreadOnly):
                let index = try library.position(ofPost: id, on: tab, unreadOnly: unreadOnly)
                return .next([.postLocated(tab: tab, id: id, index: index, unreadOnly: unreadOnly)])
            case .markTabRead(let tab):
                return .next([.tabMarkedRead(tab: tab, count: try library.markAllRead(on: tab))])
            case .setRead(let id, let isRead):
                try library.setRead(isRead, postID: id)
                return .next([.readChanged(id: id, isRead: isRead)])
            case .startReadTimer(let id, let milliseconds):
                timers.append(ReadTimer(id: id, due: clock() + .milliseconds(milliseconds)))
                return .next([])
            case .findNextUnread(let tab, let query, let order, let after):
                if let query {
                    // Paging through search results takes too long for the loop: the worker
                    // answers, off this thread.
                    searches.findNextUnread(NextUnreadRequest(tab: tab, query: query, order: order, after: after))
                    return .next([])
                }
                // A tab walks its own index, a few rows at most: quick enough to answer here.
                let found = try library.nextUnread(on: tab, after: after)
                return .next([.nextUnreadFound(index: found?.offset)])
            case .saveReadingPosition(let id, let anchor, let paragraph):
                let position =
                    paragraph.map { ReadingPosition(paragraph: $0, characterOffset: anchor.character) } ?? .top
                try library.setReadingPosition(position, postID: id)
                return .next([])
            case .updateSources:
                updates.start()
                return .next([])
            case .openLink(let url):
                return .next([.failed(open(url))])
            case .copyLink(let url):
                return .next([.failed(copy(url, because: nil))])
            case .redraw:
                terminal.invalidate()
                return .next([])
            case .quit(let status):
                return .quit(status)
            }
        } catch {
            // Only library errors come here (searches answer through the worker); they read
            // as a sentence, never as SQL.
            return .next([.failed(error.description)])
        }
    }

    private func loadTabs() throws(LibraryError) -> [TabInfo] {
        let counts = try library.shelfCounts()
        let read = try library.readCounts()
        var tabs = [TabInfo(kind: .all, title: "All", count: counts.all, unread: max(0, counts.all - read.all))]
        tabs += counts.categories.map {
            TabInfo(
                kind: .category($0.name), title: $0.name, count: $0.count,
                unread: max(0, $0.count - (read.categories[$0.name] ?? 0)))
        }
        tabs.append(TabInfo(kind: .bookmarks, title: "Bookmarks", count: counts.bookmarks))
        return tabs
    }

    /// The post as the article pane shows it: with its marks and saved position.
    private func article(id: String) throws(LibraryError) -> Article {
        let post = try library.post(id: id)
        let marks = try library.marks(postID: id)
        var article = Article(
            id: post.id, title: post.title, categories: post.categories, authors: post.authors, tags: post.tags,
            outlet: post.outlet, date: post.date?.iso, paragraphs: post.paragraphs, url: post.url,
            isBookmarked: marks.isBookmarked, isUnread: marks.isUnread)
        if marks.position != .top {
            article.savedPosition = article.anchor(
                paragraph: marks.position.paragraph, character: marks.position.characterOffset)
        }
        return article
    }

    /// Opens `url` as ``LinkOpener`` plans; returns what happened, for the status line.
    private func open(_ url: String) -> String {
        switch opener.plan(for: url) {
        case .refuse(let reason):
            return "The link \(Sanitizer.clean(url)) is \(reason)"
        case .copy(let reason):
            return copy(url, because: reason)
        case .run(let arguments):
            guard let status = terminal.runExternalProgram(arguments) else {
                return copy(url, because: "\(arguments[0]) could not be started")
            }
            return status == 0 ? "Opened \(Sanitizer.clean(url))" : "\(arguments[0]) ended with status \(status)"
        }
    }

    /// Copies `url` with OSC 52; returns what happened, `reason` saying why it was not opened.
    private func copy(_ url: String, because reason: String?) -> String {
        let copied = terminal.copyToClipboard(url)
        guard let reason else { return copied ? "Link copied to the clipboard" : "The link could not be copied" }
        return "Not opened (\(reason)): "
            + (copied ? "link copied to the clipboard" : "the link could not be copied either")
    }
}
