import TidingsCore

/// Applies `action` to `state` and returns the work the session loop must do, in order.
///
/// Pure: no I/O, no clock. The loop runs the effects and feeds their answers back as actions.
/// After every action the state is reconciled with what the screen needs (the search query
/// asked for, missing headline pages, the article that follows the selection, the read
/// timer), so those requests come from one place.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    state.reduce(action)
}

extension AppState {
    /// See ``reduce(_:_:)``.
    mutating func reduce(_ action: Action) -> [Effect] {
        var effects: [Effect] = []
        let before = (focus: focus, tab: activeTab)
        switch action {
        case .start:
            effects.append(.loadTabs)
        case .key(let key):
            message = nil
            effects += handle(key)
            if effects.contains(where: { if case .quit = $0 { true } else { false } }) { return effects }
        case .mouse(let event):
            message = nil
            effects += handle(mouse: event)
        case .typed(let text):
            message = nil
            var rest = Substring(text)
            // Keys until the search line has them (a `/` in the burst opens it), then the
            // rest goes in as one edit.
            while let character = rest.first, !isEditingSearch {
                rest = rest.dropFirst()
                effects += reduce(.key(.character(character)))
                if effects.contains(where: { if case .quit = $0 { true } else { false } }) { return effects }
            }
            if !rest.isEmpty { typeIntoSearchLine(String(rest)) }
        case .pasted(let text):
            message = nil
            paste(text)
        case .resized(let newSize):
            size = newSize
        case .tabsLoaded(let newTabs):
            effects += applyTabs(newTabs)
        case .picksLoaded(let entries):
            picks = entries
            if case .picker(var picker) = overlay {
                picker.selection = min(picker.selection, max(0, picker.matches(in: entries).count - 1))
                overlay = .picker(picker)
            }
        case .shelfCounted(let info):
            applyPickedCount(info)
        case .headlinesLoaded(let page):
            // A page nobody waits for (superseded query, tab left, list reloaded) is stale.
            guard accept(page) else { return [] }
        case .articleLoaded(let loaded):
            guard loaded.id == article.id else { return [] }
            // A first arrival opens at its first search match, else where the reader left off.
            let isFirstArrival = article.article == nil
            article.article = loaded
            article.match = nil
            if isFirstArrival { openArticle(firstArrival: true) }
        case .bookmarkChanged(let id, let isBookmarked):
            effects += applyBookmark(id: id, isBookmarked: isBookmarked)
        case .readChanged(let id, let isRead):
            applyRead(id: id, isRead: isRead)
            // The tab bar's unread counts follow.
            effects.append(.loadTabs)
        case .postLocated(let tab, let id, let index, let unreadOnly):
            applyLocated(tab: tab, id: id, index: index, unreadOnly: unreadOnly)
        case .tabMarkedRead(let tab, let count):
            applyTabMarkedRead(tab: tab, count: count)
            effects.append(.loadTabs)
        case .readTimerFired(let id):
            effects += readTimerFired(id: id)
        case .nextUnreadFound(let index):
            applyNextUnread(index)
        case .matchesCounted(let tab, let query, let generation, let total):
            applyCount(tab: tab, query: query, generation: generation, total: total)
        case .countFailed(let tab, let generation, let reason):
            applyCountFailure(tab: tab, generation: generation, reason: reason)
        case .sourcesUpdating(let done, let total):
            message = "Updating web sources: \(done) of \(total) done…"
        case .sourcesUpdated(let newPosts, let sources, let failures):
            effects += finishUpdate(newPosts: newPosts, sources: sources, failures: failures)
        case .outputSlow(let slow):
            isOutputSlow = slow
        case .failed(let text):
            message = text
        case .signal(let number):
            // Clamped: a nonsense signal number must not trap on overflow.
            return leaveArticle() + [.quit(status: Int32(clamping: 128 + Int(number)))]
        }
        if effects.contains(.cancelSearch) { forgetCountsUnderWay() }
        if focus != before.focus || activeTab != before.tab {
            // The reader turned to the story or another tab: a row waited for (End before the
            // count came) must not move the selection, and the story with it, later.
            searches[before.tab]?.wantedRow = nil
        }
        return effects + reconcile()
    }

    /// `.cancelSearch` stops every job of the worker, an exact count under way too: the
    /// results that still need it ask again (``reconcile()``) rather than wait for nothing.
    private mutating func forgetCountsUnderWay() {
        for (tab, search) in searches where search.countAsked != nil {
            searches[tab]?.countAsked = nil
        }
    }

    /// Stores a page in the list that asked for it; false when no list waits for it.
    private mutating func accept(_ page: HeadlinePage) -> Bool {
        if page.query == nil, !page.unreadOnly {
            // A whole tab is as long as its tab says: the one count, read with the tabs (the
            // loop answers `.loadTabs` before the pages asked for with it).
            var page = page
            if let count = tabs.first(where: { $0.kind == page.tab })?.count { page.total = count }
            return lists[page.tab]?.accept(page) == true
        }
        // The unread posts are counted by the library with the page.
        if page.query == nil { return lists[page.tab]?.accept(page) == true }
        return searches[page.tab]?.accept(page) == true
    }

    /// Brings the state in line with what the screen needs: the search query asked for, the
    /// selection in view, the pages for the rows in view (asked for once), the article of
    /// the selected headline and its read timer.
    mutating func reconcile() -> [Effect] {
        var effects: [Effect] = []
        if var search = searches[activeTab] {
            effects += search.ask(for: search.wantedKey(tab: activeTab)) { nextGeneration() }
            searches[activeTab] = search
            if effects.contains(.cancelSearch) { forgetCountsUnderWay() }
        }
        let height = layout.list.height
        var list = self.list
        list.keepSelectionVisible(height: height)
        for offset in list.missingPages(height: height) {
            list.pending.insert(offset)
            effects.append(list.request(offset: offset))
        }
        list.evictDistantPages(height: height)
        self.list = list
        if let search = searches[activeTab], search.needsExactCount, let results = search.results,
            let query = results.key.query
        {
            searches[activeTab]?.countAsked = results.generation
            effects.append(.countMatches(tab: activeTab, query: query, generation: results.generation))
        }

        // With the preview on Enter, the pane keeps the post last opened while the list has
        // the keys: a Down then redraws two rows of the list and nothing else.
        if options.preview == .follow || focus == .article { effects += followSelection(list) }
        if focus == .article, searches[activeTab]?.results != nil, let id = list.selected?.id {
            searches[activeTab]?.opened = id
        }
        effects += reconcileReadTimer()
        if list.isEmpty, focus == .article { focus = .list }
        return effects
    }

    /// Points the article pane at the selected headline, asking for it when it is another
    /// post; when only the search query changed, the renderer marks the new matches itself.
    private mutating func followSelection(_ list: HeadlineList) -> [Effect] {
        let wanted = list.selected?.id
        let query = list.key.query
        if wanted != article.id {
            // A new post starts at its top (or its saved place once it arrives); until its row
            // is loaded the pane shows a placeholder.
            var effects = leaveArticle()
            article = ArticlePane()
            article.id = wanted
            article.query = query
            if let wanted { effects.append(.loadArticle(id: wanted)) }
            return effects
        }
        if wanted != nil, query != article.query {
            article.query = query
            article.match = nil
            // A new query moves the preview to its first match; the story pane the reader is
            // scrolling keeps its place.
            if focus == .list { openArticle(firstArrival: false) }
        }
        return []
    }

    /// Takes a new tab list: `All` first and `Bookmarks` last whatever order it came in;
    /// a tab whose length changed reloads its rows, and a tab that is gone takes its search.
    mutating func applyTabs(_ newTabs: [TabInfo]) -> [Effect] {
        func rank(_ kind: Shelf) -> Int {
            switch kind {
            case .all: 0
            case .category: 1
            case .tag, .author, .outlet: 2
            case .bookmarks: 3
            }
        }
        // The loop knows only the fixed tabs: the picked one stays, and its counts are asked for.
        var newTabs = newTabs
        var effects: [Effect] = []
        if let pickedTab, !newTabs.contains(where: { $0.kind == pickedTab.kind }) {
            newTabs.append(pickedTab)
            effects.append(.countShelf(pickedTab.kind))
        }
        tabs = newTabs.enumerated()
            .sorted { (rank($0.element.kind), $0.offset) < (rank($1.element.kind), $1.offset) }
            .map(\.element)
        for tab in tabs {
            // A reload already under way was asked after the change and brings the new length.
            // An unread-only list is not as long as its tab, and a post read there keeps its
            // row (losing its `•`) until the list is reloaded: Ctrl-L, a tab switch or `U`.
            guard let list = lists[tab.kind], !list.key.unreadOnly, let total = list.total, total != tab.count,
                list.stale.isEmpty
            else {
                continue
            }
            // The Bookmarks tab on screen keeps its rows (a removal can be undone) until left.
            if tab.kind == .bookmarks, !removedBookmarks.isEmpty { continue }
            let generation = nextGeneration()
            lists[tab.kind]?.refresh(generation: generation)
        }
        guard let first = tabs.first else { return effects }
        searches = searches.filter { entry in tabs.contains { $0.kind == entry.key } }
        return effects + (tabs.contains(where: { $0.kind == activeTab }) ? [] : selectTab(first.kind))
    }

    /// Makes `kind` the active tab and reloads its list on screen (another browser may have
    /// changed it); answers still due for the old one become stale.
    mutating func selectTab(_ kind: Shelf) -> [Effect] {
        guard kind != activeTab else { return [] }
        lists[activeTab]?.dropPending()
        let cancelled = searches[activeTab]?.dropPending() == true
        activeTab = kind
        hasNavigated = false
        removedBookmarks = []
        refreshList()
        return cancelled ? [.cancelSearch] : []
    }

    /// Reloads the list on screen; its rows stay up until fresh ones arrive.
    mutating func refreshList() {
        var list = self.list
        list.refresh(generation: nextGeneration())
        self.list = list
    }
}
