import TidingsScreen

/// The status line on the last row: position, tab, focus, then a message or the kept search
/// and the key hints, and the help hint at the right.
extension Renderer {
    mutating func drawStatus(in rect: Rect) {
        guard rect.width > 2 else { return }
        if let prompt = state.prompt {
            drawPrompt(prompt, in: rect)
            return
        }
        if state.isEditingSearch {
            drawSearchLine(in: rect)
            return
        }
        let y = rect.y
        let end = rect.x + rect.width - 1
        let table = state.keyTable

        // Right end first: it must not be overwritten by anything longer on the left.
        let quit = table.text(of: table.trailingHint)
        let quitWidth = TextWidth.columns(of: quit.keys) + 1 + TextWidth.columns(of: quit.label)
        var right = end
        if quitWidth + 20 <= rect.width {
            right = end - quitWidth
            drawHint(quit, x: right)
            right -= 2
        }

        var x = rect.x + 1
        let list = state.list
        // No position until the list's length is known (the list pane says it is loading).
        if let total = list.total {
            // `37/10,000+`: search results counted only up to the bound while typing.
            let of = Self.grouped(total) + (list.totalIsExact ? "" : "+")
            let position = total == 0 ? "0/0" : "\(Self.grouped(list.selection + 1))/\(of)"
            x += buffer.put(position, x: x, y: y, maxWidth: right - x, style: theme.bold) + 2
        }
        let tabTitle = state.activeTabInfo.map(\.title) ?? "All"
        x += buffer.put(tabTitle, x: x, y: y, maxWidth: right - x) + 2
        // Which pane has the keys, in words as well as in the list's dimmed selection, so it
        // shows in monochrome too: `story` while the article pane has them.
        // The unread-only filter stays in sight as long as it holds, not just in the message.
        if state.unreadOnly.contains(state.activeTab) {
            x += buffer.put("unread only", x: x, y: y, maxWidth: right - x, style: theme.bold) + 2
        }
        if state.focus == .article {
            x += buffer.put("story", x: x, y: y, maxWidth: right - x, style: theme.activeTab) + 2
        }
        if state.isZoomed {
            x += buffer.put("zoom", x: x, y: y, maxWidth: right - x, style: theme.dim) + 2
        }
        // A message wins over the kept search's summary and the hints (it goes with the next
        // key); a long one is cut in the middle, so a path keeps its file name.
        if let message = state.message, x < right {
            let text = TextLayout.truncateMiddle(Sanitizer.clean(message), toColumns: right - x)
            buffer.put(text, x: x, y: y, maxWidth: right - x, style: theme.warning)
            return
        }
        if state.isOutputSlow, x < right {
            let text = TextLayout.truncate(Self.slowNotice, toColumns: right - x)
            buffer.put(text, x: x, y: y, maxWidth: right - x, style: theme.warning)
            return
        }
        if let search = state.search, x < right {
            x = drawKeptSearch(search, x: x, right: right, width: rect.width)
        }
        guard x < right else { return }
        for hint in fittingHints(width: right - x) {
            x += drawHint(hint, x: x) + 2
        }
    }

    /// What the status line says while the terminal is slow to take output.
    static let slowNotice = "terminal slow: showing the latest screen, skipping frames"

    /// A kept filter: `/launch  2 matches · relevance  Esc clear`, or its hint when the query
    /// failed. Returns where the status line goes on.
    private mutating func drawKeptSearch(_ search: SearchState, x: Int, right: Int, width: Int) -> Int {
        var x = x
        let y = layout.status.y
        let query = TextLayout.truncate("/" + (search.line.query ?? ""), toColumns: max(8, width / 3))
        x += buffer.put(query, x: x, y: y, maxWidth: right - x, style: theme.bold) + 2
        guard x < right else { return x }
        if search.hasFailed, let hint = search.hint {
            x +=
                buffer.put(
                    TextLayout.truncate(Sanitizer.clean(hint), toColumns: right - x), x: x, y: y, style: theme.warning)
                + 2
        } else if let summary = searchSummary(search) {
            // The summary matters more than the order: the order goes first, then the summary
            // takes its shorter form (the position already gives the figure), and only then is
            // it cut; a count under way is said to the last.
            let room = right - x
            var forms = ["\(summary) · \(search.shownOrder.name)", summary]
            if let compact = searchSummary(search, compact: true) { forms.append(compact) }
            if summary.hasSuffix("counting…") { forms.append("counting…") }
            let text =
                forms.first { TextWidth.columns(of: $0) <= room }
                ?? TextLayout.truncate(forms[forms.count - 1], toColumns: room)
            x += buffer.put(text, x: x, y: y, style: theme.dim) + 2
        }
        if let esc = state.keyTable.label(of: .cancel), x + TextWidth.columns(of: esc) + 6 <= right {
            x += drawHint((esc, "clear"), x: x) + 2
        }
        return x
    }

    /// The hints that fit in `width` columns, dropping the least useful first, in table order.
    private func fittingHints(width: Int) -> [(keys: String, label: String)] {
        let table = state.keyTable
        // A hint whose commands were all unbound by the config file has no key to show.
        var hints = table.hints.filter { !table.text(of: $0).keys.isEmpty }
        func widthOf(_ hints: [KeyTable.Hint]) -> Int {
            hints.map { hint in
                let text = table.text(of: hint)
                return TextWidth.columns(of: text.keys) + 1 + TextWidth.columns(of: text.label)
            }.reduce(0, +) + 2 * max(0, hints.count - 1)
        }
        while !hints.isEmpty, widthOf(hints) > width {
            let least = hints.indices.max { hints[$0].priority < hints[$1].priority }!
            hints.remove(at: least)
        }
        return hints.map(table.text(of:))
    }

    /// `? help`: the keys bold, the word dim. Returns the columns used.
    @discardableResult
    mutating func drawHint(_ hint: (keys: String, label: String), x: Int) -> Int {
        let keys = buffer.put(hint.keys, x: x, y: layout.status.y, style: theme.hintKey)
        return keys + buffer.put(" " + hint.label, x: x + keys, y: layout.status.y, style: theme.dim)
    }
}
