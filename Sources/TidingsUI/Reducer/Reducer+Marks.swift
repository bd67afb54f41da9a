import TidingsCore

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

    /// `u`: asks the loop for the next unread post of the list on screen.
    mutating func findNextUnread() -> [Effect] {
        guard let total = list.total, total > 0 else { return [] }
        let key = list.key
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
        moveSelection(to: index)
    }

    /// A bookmark changed: the mark changes in every loaded row and in the article, the tab
    /// counts are asked for again, and the Bookmarks tab reloads (its order changed too).
    mutating func applyBookmark(id: String, isBookmarked: Bool) -> [Effect] {
        updateRows(id: id) { $0.isBookmarked = isBookmarked }
        if article.article?.id == id { article.article?.isBookmarked = isBookmarked }
        let generation = nextGeneration()
        lists[.bookmarks]?.refresh(generation: generation)
        searches[.bookmarks]?.results?.refresh(generation: generation)
        message = isBookmarked ? "Bookmarked" : "Bookmark removed"
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

    /// Starts the read timer when an unread article is on screen, and stops counting when it
    /// goes off screen (zoomed away, help opened) so the dwell starts again on return.
    mutating func reconcileReadTimer() -> [Effect] {
        guard let current = article.current else { return [] }
        switch article.readTimer {
        case .idle:
            guard current.isUnread, isArticleReadable else { return [] }
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
