/// Key handling: a key becomes a ``Command`` through the key table, then a state change.
extension AppState {
    /// Runs the command bound to `key`; unbound keys do nothing.
    mutating func handle(_ key: Key) -> [Effect] {
        guard let command = keyTable.command(for: key) else { return [] }
        if case .help(let scroll) = overlay { return handleHelp(command, scroll: scroll) }
        switch command {
        case .selectNext, .selectPrev:
            let step = command == .selectNext ? 1 : -1
            if focus == .list { moveSelection(by: step) } else { scrollArticle(by: step) }
        case .pageDown, .pageUp:
            let sign = command == .pageDown ? 1 : -1
            if focus == .list {
                let page = max(1, layout.list.height - 1)
                moveSelection(by: sign * page, scrolling: true)
            } else {
                scrollArticle(by: sign * max(1, articleTextRows - 1))
            }
        case .first, .last:
            let toEnd = command == .last
            if focus == .list {
                moveSelection(to: toEnd ? (list.total ?? 1) - 1 : 0)
            } else {
                scrollArticle(by: toEnd ? Int.max / 2 : Int.min / 2)
            }
        case .open:
            if list.selected != nil { focus = .article }
        case .back:
            focus = .list
        case .switchPane:
            focus = focus == .list && list.selected != nil ? .article : .list
        case .nextPost, .prevPost:
            moveSelection(by: command == .nextPost ? 1 : -1)
        case .nextTab, .prevTab:
            guard !tabs.isEmpty else { break }
            let step = command == .nextTab ? 1 : tabs.count - 1
            selectTab(tabs[(activeTabIndex + step) % tabs.count].kind)
        case .jumpTab:
            if case .character(let digit) = key, let number = digit.wholeNumberValue,
                tabs.indices.contains(number - 1)
            {
                selectTab(tabs[number - 1].kind)
            }
        case .toggleLayout:
            let flipped: Arrangement = layout.arrangement == .sideBySide ? .stacked : .sideBySide
            // Back to following the width when the flip lands on what the width would pick.
            arrangementOverride = flipped == PaneLayout(size: size).arrangement ? nil : flipped
        case .zoom:
            isZoomed.toggle()
        case .help:
            overlay = .help(scroll: 0)
        case .redraw:
            return [.redraw]
        case .quit:
            if isZoomed { isZoomed = false } else { return [.quit(status: 0)] }
        }
        return []
    }

    /// While the help is open, movement scrolls it and `q`, Esc or `?` close it.
    private mutating func handleHelp(_ command: Command, scroll: Int) -> [Effect] {
        let help = HelpLayout(keyTable: keyTable, size: size)
        let page = max(1, help.visibleRows - 1)
        var scroll = scroll
        switch command {
        case .selectNext: scroll += 1
        case .selectPrev: scroll -= 1
        case .pageDown: scroll += page
        case .pageUp: scroll -= page
        case .first: scroll = 0
        case .last: scroll = help.maxScroll
        case .quit, .back, .help:
            overlay = nil
            return []
        case .redraw: return [.redraw]
        default: return []
        }
        overlay = .help(scroll: min(max(0, scroll), help.maxScroll))
        return []
    }

    /// Moves the list selection by `delta` rows (clamped); with `scrolling`, the view moves
    /// by as much, as paging does.
    private mutating func moveSelection(by delta: Int, scrolling: Bool = false) {
        guard let total = list.total, total > 0 else { return }
        let target = min(max(0, list.selection + delta), total - 1)
        if scrolling { lists[activeTab, default: HeadlineList()].top += target - list.selection }
        moveSelection(to: target)
    }

    private mutating func moveSelection(to index: Int) {
        guard let total = list.total, total > 0 else { return }
        lists[activeTab, default: HeadlineList()].selection = min(max(0, index), total - 1)
    }

    /// Text rows of the article pane (one fewer than its height when the scroll indicator
    /// takes the last row).
    private var articleTextRows: Int {
        articleLayout.textRows(paneHeight: layout.article.height)
    }

    /// Scrolls the loaded article by `delta` lines, never past its top or its end.
    private mutating func scrollArticle(by delta: Int) {
        guard article.current != nil else { return }
        let lines = articleLayout
        let height = layout.article.height
        let top = lines.topLine(for: article.anchor, paneHeight: height)
        article.anchor = lines.anchor(ofLine: min(max(0, top + delta), lines.maxTopLine(paneHeight: height)))
    }
}
