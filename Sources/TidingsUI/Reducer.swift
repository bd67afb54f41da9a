/// Applies `action` to `state` and returns the work the session loop must do, in order.
///
/// Pure: no I/O, no clock. The loop runs the effects and feeds their answers back as actions.
/// After every action the state is reconciled with what the screen needs (missing headline
/// pages, the article that follows the selection), so those requests come from one place.
public func reduce(_ state: inout AppState, _ action: Action) -> [Effect] {
    state.reduce(action)
}

extension AppState {
    /// See ``reduce(_:_:)``.
    mutating func reduce(_ action: Action) -> [Effect] {
        var effects: [Effect] = []
        switch action {
        case .start:
            effects.append(.loadTabs)
        case .key(let key):
            message = nil
            effects += handle(key)
            if effects.contains(where: { if case .quit = $0 { true } else { false } }) { return effects }
        case .resized(let newSize):
            size = newSize
        case .tabsLoaded(let newTabs):
            applyTabs(newTabs)
        case .headlinesLoaded(let page):
            // A page for a tab no longer shown, or one nobody asked for, is stale.
            guard page.tab == activeTab, lists[activeTab]?.accept(page) == true else { return [] }
        case .articleLoaded(let loaded):
            guard loaded.id == article.id else { return [] }
            article.article = loaded
        case .failed(let text):
            message = text
        case .signal(let number):
            // Clamped: a nonsense signal number must not trap on overflow.
            return [.quit(status: Int32(clamping: 128 + Int(number)))]
        }
        return effects + reconcile()
    }

    /// Brings the state in line with what the screen needs: the selection in view, the pages
    /// for the rows in view (asked for once), and the article of the selected headline.
    mutating func reconcile() -> [Effect] {
        var effects: [Effect] = []
        let height = layout.list.height
        var list = lists[activeTab] ?? HeadlineList()
        list.keepSelectionVisible(height: height)
        for offset in list.missingPages(height: height) {
            list.pending.insert(offset)
            effects.append(.loadHeadlines(tab: activeTab, offset: offset, limit: HeadlineList.pageSize))
        }
        list.evictDistantPages(height: height)
        lists[activeTab] = list

        let wanted = list.selected?.id
        if wanted != article.id {
            // A new post starts at its top; until its row is loaded the pane shows a placeholder.
            article = ArticlePane()
            article.id = wanted
            if let wanted { effects.append(.loadArticle(id: wanted)) }
        }
        if list.isEmpty, focus == .article { focus = .list }
        return effects
    }

    /// Takes a new tab list: `All` first and `Bookmarks` last whatever order it came in;
    /// a tab whose length changed reloads its rows.
    mutating func applyTabs(_ newTabs: [TabInfo]) {
        func rank(_ kind: TabKind) -> Int {
            switch kind {
            case .all: 0
            case .category: 1
            case .bookmarks: 2
            }
        }
        tabs = newTabs.enumerated()
            .sorted { (rank($0.element.kind), $0.offset) < (rank($1.element.kind), $1.offset) }
            .map(\.element)
        for tab in tabs {
            if let total = lists[tab.kind]?.total, total != tab.count { lists[tab.kind]?.invalidate() }
        }
        if let first = tabs.first, !tabs.contains(where: { $0.kind == activeTab }) {
            selectTab(first.kind)
        }
    }

    /// Makes `kind` the active tab; answers still due for the old one become stale.
    mutating func selectTab(_ kind: TabKind) {
        guard kind != activeTab else { return }
        lists[activeTab]?.dropPending()
        activeTab = kind
    }
}
