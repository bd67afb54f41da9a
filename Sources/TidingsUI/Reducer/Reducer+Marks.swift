import TidingsCore
import TidingsScreen

/// Bookmarks and read state: asking the loop to change them, and showing its answers.
///
/// Nothing is flipped before the answer: the loop answers after the durable write, so a mark
/// on screen is always one the library holds (a read-only library answers `.failed`).
extension AppState {
    /// `m`: the selected post becomes read if it is unread, else unread.
    mutating func toggleRead() -> [Effect] {
        guard let selected = list.selected else { return [] }
        // The article, when loaded, is the fresher copy of the mark.
        let isUnread = article.current?.id == selected.id ? article.current!.isUnread : selected.isUnread
        awaitingRead = selected.id
        return [.setRead(id: selected.id, isRead: isUnread)]
    }

    /// `A`: asks whether to mark every post of the tab read; the next key answers.
    mutating func askToMarkTabRead() {
        guard let info = activeTabInfo, info.count > 0 else {
            message = "No posts to mark in this tab"
            return
        }
        confirmingMarkRead = activeTab
        let posts = info.count == 1 ? "the 1 post" : "all \(NumberText.grouped(info.count)) posts"
        message = "Mark \(posts) of \(Sanitizer.clean(info.title)) read? y: yes, any other key: no"
    }

    /// Every post of `tab` became read: every list reloads its rows (the marks show in other
    /// tabs too), and the article shown loses its unread mark if it is in that tab.
    mutating func applyTabMarkedRead(tab: Shelf, count: Int) {
        for key in lists.keys {
            let generation = nextGeneration()
            lists[key]?.refresh(generation: generation)
        }
        for key in searches.keys {
            let generation = nextGeneration()
            searches[key]?.results?.refresh(generation: generation)
        }
        if tab == activeTab || tab == .all { article.article?.isUnread = false }
        article.readTimer = .done
        message = count == 1 ? "Marked 1 post read" : "Marked \(NumberText.grouped(count)) posts read"
    }

    /// `u`: asks the loop for the next unread post of the list on screen.
    mutating func findNextUnread() -> [Effect] {
        guard let total = list.total, total > 0 else { return [] }
        let key = list.key
        if key.unreadOnly, key.query == nil {
            // Every row was unread when listed: the next one still unread (or not loaded yet,
            // so unread as of its query) is the one, and no library walk is needed.
            let next = (list.selection + 1..<total).first { list.headline(at: $0)?.isUnread ?? true }
            if let next { moveSelection(to: next) } else { message = "No more unread posts" }
            return []
        }
        awaitingUnread = key
        return [.findNextUnread(tab: key.tab, query: key.query, order: key.order, after: list.selection)]
    }

    /// Moves to the unread post found, if the list it was found in is still on screen.
    mutating func applyNextUnread(_ index: Int?) {
        guard let key = awaitingUnread, key == list.key else { return }
        awaitingUnread = nil
        guard let index else {
            message = "No more unread posts"
            return
        }
        // Found past the rows known while the count is a bound: go there once it is counted.
        if search?.results != nil, let total = list.total, !list.endIsKnown, index >= total {
            waitForRow(index)
            return
        }
        moveSelection(to: index)
    }

    /// A bookmark changed: the mark changes in every loaded row and in the article, the tab
    /// counts are asked for again, and the Bookmarks tab reloads (its order changed too).
    /// In the Bookmarks tab itself the rows stay put (a removed one just loses its `★`) until
    /// the reader leaves the tab, so that `b` again can take a removal back.
    mutating func applyBookmark(id: String, isBookmarked: Bool) -> [Effect] {
        updateRows(id: id) { $0.isBookmarked = isBookmarked }
        if article.article?.id == id { article.article?.isBookmarked = isBookmarked }
        if activeTab == .bookmarks {
            if isBookmarked { removedBookmarks.remove(id) } else { removedBookmarks.insert(id) }
        }
        if removedBookmarks.isEmpty {
            let generation = nextGeneration()
            lists[.bookmarks]?.refresh(generation: generation)
            searches[.bookmarks]?.results?.refresh(generation: generation)
        }
        if activeTab != .bookmarks {
            message = isBookmarked ? "Bookmarked" : "Bookmark removed"
        } else {
            let key = keyTable.label(of: .toggleBookmark) ?? Command.toggleBookmark.name
            message = isBookmarked ? "Bookmark restored" : "Bookmark removed: \(key) again restores it"
        }
        return [.loadTabs]
    }

    /// A post became read or unread: the mark changes everywhere; a post marked unread by
    /// hand while shown is not marked read again by the timer.
    mutating func applyRead(id: String, isRead: Bool) {
        updateRows(id: id) { $0.isUnread = !isRead }
        if article.article?.id == id {
            article.article?.isUnread = !isRead
            article.readTimer = .done
        }
        if awaitingRead == id {
            awaitingRead = nil
            message = isRead ? "Marked as read" : "Marked as unread"
        }
    }

    /// Applies `change` to every loaded row of post `id`, in every list and search.
    private mutating func updateRows(id: String, _ change: (inout Headline) -> Void) {
        for tab in lists.keys { lists[tab]?.updateRows(id: id, change) }
        for tab in searches.keys { searches[tab]?.updateRows(id: id, change) }
    }

    /// Whether the article is where the reader can see it: its pane on screen, no help over it.
    private var isArticleReadable: Bool { isArticleVisible && overlay == nil }

    /// The read rule: a post becomes read when the reader opens it (the story pane has the
    /// keys: Enter, Tab, `J`/`K` there), or when it stays in the preview for the dwell time
    /// after the reader moved to it. A post the start or a tab switch put in the preview is
    /// not marked. The timer stops counting when the article goes off screen (zoomed away,
    /// help opened), so the dwell starts again on return.
    mutating func reconcileReadTimer() -> [Effect] {
        guard let current = article.current else { return [] }
        if focus == .article, article.readTimer != .done, current.isUnread, isArticleReadable {
            article.readTimer = .done
            return [.setRead(id: current.id, isRead: true)]
        }
        switch article.readTimer {
        case .idle:
            guard current.isUnread, isArticleReadable, hasNavigated else { return [] }
            article.readTimer = .running
            return [.startReadTimer(id: current.id, milliseconds: Self.readDwellMilliseconds)]
        case .running:
            if !isArticleReadable { article.readTimer = .idle }
        case .done:
            break
        }
        return []
    }

    /// The dwell time passed: the post becomes read if it is still the one on screen.
    mutating func readTimerFired(id: String) -> [Effect] {
        guard article.readTimer == .running, let current = article.current, current.id == id,
            current.isUnread, isArticleReadable
        else { return [] }
        article.readTimer = .done
        return [.setRead(id: id, isRead: true)]
    }
}

extension AppState {
    /// `U`: the tab lists only its unread posts, or all of them again. The list is asked for
    /// afresh (a library query, so its length and pages are the library's), and the post that
    /// was selected is located in it: selected again, or, if it was read and so left out, the
    /// first unread post after it.
    mutating func toggleUnreadOnly() -> [Effect] {
        let on = !unreadOnly.contains(activeTab)
        if on { unreadOnly.insert(activeTab) } else { unreadOnly.remove(activeTab) }
        let selected = lists[activeTab]?.selected?.id
        lists[activeTab]?.dropPending()
        lists[activeTab] = HeadlineList(key: ListKey(tab: activeTab, unreadOnly: on), generation: nextGeneration())
        message = on ? "Only unread stories: U shows them all" : "All stories again"
        guard let selected else { return [] }
        awaitingLocate = selected
        return [.locatePost(tab: activeTab, id: selected, unreadOnly: on)]
    }
}
