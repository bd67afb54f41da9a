import TidingsCore
import TidingsScreen

/// The headline list pane.
extension Renderer {
    /// Columns before the date: margin, bookmark mark, unread mark, space.
    static let listMarkColumns = 4
    /// Narrower than this, the list drops the outlet column to keep titles readable.
    static let outletMinimumPaneWidth = 44
    /// Narrower than this, the list drops the date column.
    static let dateMinimumPaneWidth = 56

    /// The list's fixed columns for a pane width, as in mutt or newsboat: the date, then the
    /// outlet, then the title in the rest. They depend on the width alone, so nothing moves
    /// while scrolling, and the outlet sits right beside its title at any width.
    static func listColumns(paneWidth: Int, dateWidth: Int = 10) -> (date: Int, outlet: Int) {
        let date = paneWidth >= dateMinimumPaneWidth ? dateWidth : 0
        let outlet = paneWidth >= 70 ? 16 : paneWidth >= outletMinimumPaneWidth ? 12 : 0
        return (date, outlet)
    }

    mutating func drawList(in rect: Rect) {
        guard rect.width > 0, rect.height > 0 else { return }
        let list = state.list
        guard let total = list.total else {
            buffer.put("Loading…", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 1, style: theme.dim)
            return
        }
        guard total > 0 else {
            drawEmptyList(in: rect)
            return
        }
        let top = list.shownTop(height: rect.height)
        let rows = top..<min(total, top + rect.height)
        let columns = Self.listColumns(paneWidth: rect.width, dateWidth: state.settings.layout.dateFormat.width)
        let selectedStyle = state.focus == .list ? theme.selected : theme.selectedUnfocused
        let highlighter = list.key.query.map(SearchHighlighter.init)
        for index in rows {
            let y = rect.y + index - top
            drawRow(
                list.headline(at: index), x: rect.x, y: y, width: rect.width, columns: columns,
                highlighter: highlighter, selected: index == list.selection)
            if index == list.selection {
                buffer.tint(selectedStyle, x: rect.x, y: y, width: rect.width, replacingColors: true)
            }
        }
    }

    /// One headline: `★` bookmark, `•` unread, the date and the outlet dimmed in their
    /// columns, the title cut with `…` with the search's matches marked; a dim `…` for a row
    /// whose page has not arrived yet. On the `selected` row the date and the outlet are in
    /// the title's style, so that the reversed bar is one piece: it reads as one, and a Down
    /// then costs a few escape sequences rather than a dozen (with the preview on Enter, the
    /// two rows are most of what a Down sends over the wire).
    private mutating func drawRow(
        _ headline: Headline?, x: Int, y: Int, width: Int, columns: (date: Int, outlet: Int),
        highlighter: SearchHighlighter?, selected: Bool
    ) {
        var titleX = x + Self.listMarkColumns
        guard let headline else {
            buffer.put("…", x: titleX, y: y, maxWidth: width - Self.listMarkColumns, style: theme.dim)
            return
        }
        if headline.isBookmarked { buffer.put("★", x: x + 1, y: y, style: theme.bookmark) }
        if headline.isUnread { buffer.put("•", x: x + 2, y: y, style: theme.unread) }
        if columns.date > 0 {
            if let date = headline.date {
                let text = state.settings.layout.dateFormat.format(Sanitizer.clean(date))
                buffer.put(text, x: titleX, y: y, maxWidth: columns.date, style: selected ? theme.list : theme.date)
            }
            titleX += columns.date + 2
        }
        if columns.outlet > 0 {
            if let outlet = headline.outlet {
                let text = TextLayout.truncate(Sanitizer.clean(outlet), toColumns: columns.outlet)
                buffer.put(
                    text, x: titleX, y: y, maxWidth: columns.outlet, style: selected ? theme.list : theme.outlet)
            }
            titleX += columns.outlet + 2
        }
        // One margin at the right edge.
        let titleWidth = max(0, x + width - 1 - titleX)
        let clean = Sanitizer.clean(headline.title)
        let title = TextLayout.truncate(clean, toColumns: titleWidth)
        buffer.put(title, x: titleX, y: y, maxWidth: titleWidth, style: theme.list)
        if let matches = highlighter?.matches(in: headline.title, isTitle: true), !matches.isEmpty {
            drawTitleHighlights(matches, of: headline.title, clean: clean, shown: title, x: titleX, y: y)
        }
    }

    /// Marks the search matches of a title drawn as `shown` (`clean`, perhaps cut with `…`);
    /// a match cut off by the ellipsis is marked as far as it shows.
    private mutating func drawTitleHighlights(
        _ matches: [Range<Int>], of raw: String, clean: String, shown: String, x: Int, y: Int
    ) {
        let kept = shown == clean ? shown : String(shown.dropLast())
        let line = WrappedLine(text: kept, characters: 0..<kept.count, columns: 0)
        for range in Sanitizer.cleanRanges(matches, raw: raw, clean: clean) {
            guard let columns = line.columnSpan(of: range) else { continue }
            buffer.setStyle(x: x + columns.lowerBound, y: y, width: columns.count, style: theme.match)
        }
    }

    /// What an empty tab says instead of rows: how to fill it.
    private mutating func drawEmptyList(in rect: Rect) {
        let lines: [(String, Style)]
        if state.list.key.query != nil {
            lines = [("No posts match the search.", theme.bold)]
        } else if state.list.key.unreadOnly {
            let key = state.keyTable.label(of: .toggleUnreadOnly) ?? Command.toggleUnreadOnly.name
            lines = [("No unread posts in this tab.", theme.bold), ("\(key) lists them all.", theme.plain)]
        } else {
            switch state.activeTab {
            case .all:
                lines = [("No posts yet.", theme.bold), ("Import archives with: tidings import PATH", theme.plain)]
            case .bookmarks:
                let key = state.keyTable.label(of: .toggleBookmark) ?? Command.toggleBookmark.name
                lines = [("No bookmarks yet.", theme.bold), ("\(key) bookmarks the selected post.", theme.plain)]
            case .category:
                lines = [("No posts in this category.", theme.bold)]
            case .tag, .author, .outlet:
                lines = [("No posts here any more.", theme.bold)]
            }
        }
        let text = rect.inset(columns: 1)
        var y = rect.y
        for (line, style) in lines {
            for piece in TextLayout.wrap(line, width: text.width) where y < rect.y + rect.height {
                buffer.put(piece, x: text.x, y: y, maxWidth: text.width, style: style)
                y += 1
            }
        }
    }
}
