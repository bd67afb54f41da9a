import TidingsCore
import TidingsScreen

/// Key handling: a key becomes a ``Command`` through the key table, then a state change.
extension AppState {
    /// Runs the command bound to `key`; unbound keys do nothing. The help overlay, then the
    /// search line, take the keys first while open.
    mutating func handle(_ key: Key) -> [Effect] {
        if case .help(let scroll) = overlay {
            guard let command = keyTable.command(for: key) else { return [] }
            return handleHelp(command, scroll: scroll)
        }
        if case .picker(let picker) = overlay { return handlePicker(key, picker) }
        if let tab = confirmingMarkRead {
            // The question takes the next key: `y` goes ahead, anything else leaves it.
            confirmingMarkRead = nil
            guard key == .character("y"), tab == activeTab else {
                message = "Nothing marked"
                return []
            }
            return [.markTabRead(tab: tab)]
        }
        if let prompt { return handlePrompt(key, prompt) }
        if isEditingSearch { return handleSearchLine(key) }
        guard let command = keyTable.command(for: key) else {
            // Never silent: a key that does nothing says so, with the way to the key list.
            let help = keyTable.label(of: .help) ?? Command.help.name
            let name = Sanitizer.clean(KeyTable.label(for: key))
            message = "\(name.isEmpty ? "That key" : name) does nothing here: \(help) lists the keys"
            return []
        }
        return perform(command, key: key)
    }

    /// Runs `command`, which `key` triggered.
    mutating func perform(_ command: Command, key: Key) -> [Effect] {
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
                if toEnd, search?.results != nil, list.total != nil, !list.endIsKnown {
                    waitForRow(Int.max)
                } else {
                    moveSelection(to: toEnd ? (list.total ?? 1) - 1 : 0)
                }
            } else {
                scrollArticle(by: toEnd ? Int.max / 2 : Int.min / 2)
            }
        case .open:
            if list.selected != nil { focus = .article }
        case .back:
            // Esc backs out one level: from the story to the list, then out of the search (a
            // key `back` shares with `clear-search` does that, as the help says).
            if keyTable.lineEdit(for: key) == .cancel, focus == .list, search != nil { return clearSearch() }
            focus = .list
        case .switchPane:
            focus = focus == .list && list.selected != nil ? .article : .list
        case .nextPost, .prevPost:
            moveSelection(by: command == .nextPost ? 1 : -1)
        case .nextTab, .prevTab:
            guard !tabs.isEmpty else { break }
            let step = command == .nextTab ? 1 : tabs.count - 1
            return switchTab(to: tabs[(activeTabIndex + step) % tabs.count].kind)
        case .jumpTab:
            if case .character(let digit) = key, let number = digit.wholeNumberValue {
                guard tabs.indices.contains(number - 1) else {
                    message =
                        tabs.count == 1
                        ? "No tab \(number): there is 1 tab" : "No tab \(number): there are \(tabs.count) tabs"
                    break
                }
                return switchTab(to: tabs[number - 1].kind)
            }
        case .toggleBookmark:
            if let id = list.selected?.id { return [.toggleBookmark(id: id)] }
        case .toggleRead:
            return toggleRead()
        case .nextUnread:
            return findNextUnread()
        case .markTabRead:
            askToMarkTabRead()
        case .toggleUnreadOnly:
            return toggleUnreadOnly()
        case .pickList:
            return openPicker()
        case .search:
            openSearch()
        case .nextMatch, .prevMatch:
            let forward = command == .nextMatch
            if focus == .article {
                jumpToMatch(forward: forward)
            } else if search?.results != nil {
                // At either end the selection stays and says so, rather than stopping silently.
                let before = list.selection
                moveSelection(by: forward ? 1 : -1)
                if list.selection == before, list.total != nil {
                    // At the last known row of a bound, the count is under way (``reconcile()``).
                    message =
                        forward
                        ? lastResultMessage
                        : "First result: n goes on"
                }
            } else {
                message = "No search results: / to search"
            }
        case .toggleOrder:
            toggleOrder()
        case .toggleLayout:
            let flipped: Arrangement = layout.arrangement == .sideBySide ? .stacked : .sideBySide
            // Back to following the width when the flip lands on what the width would pick.
            arrangementOverride =
                flipped == PaneLayout(size: size, settings: settings.layout).arrangement ? nil : flipped
        case .zoom:
            isZoomed.toggle()
        case .help:
            overlay = .help(scroll: 0)
        case .commandPrompt:
            prompt = CommandPrompt()
        case .updateSources:
            return startUpdate()
        case .openLink, .copyLink:
            return useLink(copying: command == .copyLink)
        case .redraw:
            return redrawAndReload()
        case .quit:
            if isZoomed { isZoomed = false } else { return leaveArticle() + [.quit(status: 0)] }
        }
        return []
    }

    /// Ctrl-L: repaint, and reload the tabs and the rows on screen, so that changes made by
    /// another browser on the same library show.
    mutating func redrawAndReload() -> [Effect] {
        refreshList()
        return [.redraw, .loadTabs]
    }

    /// A tab switch also reloads the tab counts (the bookmarks may have changed elsewhere).
    mutating func switchTab(to kind: Shelf) -> [Effect] {
        guard kind != activeTab else { return [] }
        return [.loadTabs] + selectTab(kind)
    }

    /// While the help is open, movement scrolls it and `q`, Esc or `?` close it.
    private mutating func handleHelp(_ command: Command, scroll: Int) -> [Effect] {
        let help = HelpLayout(keyTable: keyTable, size: size, preview: options.preview)
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
        case .redraw: return redrawAndReload()
        default: return []
        }
        overlay = .help(scroll: min(max(0, scroll), help.maxScroll))
        return []
    }

    /// Moves the list selection by `delta` rows (clamped); with `scrolling`, the view moves
    /// by as much, as paging does.
    mutating func moveSelection(by delta: Int, scrolling: Bool = false) {
        guard let total = list.total, total > 0 else { return }
        let target = min(max(0, list.selection + delta), total - 1)
        if scrolling { list.top += target - list.selection }
        moveSelection(to: target)
    }

    /// Selects row `index` (clamped); a move to another row is the reader's choice, after
    /// which the preview's dwell counts toward marking its post read.
    mutating func moveSelection(to index: Int) {
        guard let total = list.total, total > 0 else { return }
        let target = min(max(0, index), total - 1)
        if target != list.selection { hasNavigated = true }
        list.selection = target
        // A move of the reader's own replaces a row waited for (End before the count came).
        searches[activeTab]?.wantedRow = nil
    }

    /// Text rows of the article pane (one fewer than its height when the scroll indicator
    /// takes the last row).
    var articleTextRows: Int {
        articleLayout.textRows(paneHeight: layout.article.height)
    }

    /// Scrolls the loaded article by `delta` lines, never past its top or its end.
    mutating func scrollArticle(by delta: Int) {
        guard article.current != nil else { return }
        let lines = articleLayout
        let height = layout.article.height
        let top = lines.topLine(for: article.anchor, paneHeight: height)
        article.anchor = lines.anchor(ofLine: min(max(0, top + delta), lines.maxTopLine(paneHeight: height)))
    }
}
