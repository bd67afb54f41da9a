import TidingsCore
import TidingsScreen

/// The headline list pane.
extension Renderer {
    /// Columns before a title: margin, bookmark mark, unread mark, space.
    static let listMarkColumns = 4
    /// Narrower than this, the list drops the outlet column to keep titles readable.
    static let outletMinimumPaneWidth = 44

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
        let top = HeadlineList.scrollTop(list.top, selection: list.selection, height: rect.height, total: total)
        let rows = top..<min(total, top + rect.height)
        let outletWidth = outletColumnWidth(rows: rows, paneWidth: rect.width)
        let selectedStyle = state.focus == .list ? theme.selected : theme.selectedUnfocused
        let highlighter = list.key.query.map(SearchHighlighter.init)
        for index in rows {
            let y = rect.y + index - top
            drawRow(list.headline(at: index), x: rect.x, y: y, width: rect.width, outletWidth: outletWidth,
                    highlighter: highlighter)
            if index == list.selection {
                buffer.addAttributes(selectedStyle.attributes, x: rect.x, y: y, width: rect.width)
            }
        }
    }

    /// One headline: `★` bookmark, `•` unread, the title cut with `…` with the search's matches
    /// marked, the outlet dimmed and right-aligned; a dim `…` for a row whose page has not
    /// arrived yet.
    private mutating func drawRow(
        _ headline: Headline?, x: Int, y: Int, width: Int, outletWidth: Int, highlighter: SearchHighlighter?
    ) {
        let titleX = x + Self.listMarkColumns
        guard let headline else {
            buffer.put("…", x: titleX, y: y, maxWidth: width - Self.listMarkColumns, style: theme.dim)
            return
        }
        if headline.isBookmarked { buffer.put("★", x: x + 1, y: y, style: theme.bookmark) }
        if headline.isUnread { buffer.put("•", x: x + 2, y: y, style: theme.unread) }
        // Two columns between title and outlet, one margin at the right edge.
        let outletRoom = outletWidth > 0 ? outletWidth + 2 : 0
        let titleWidth = width - Self.listMarkColumns - outletRoom - 1
        let clean = Sanitizer.clean(headline.title)
        let title = TextLayout.truncate(clean, toColumns: titleWidth)
        buffer.put(title, x: titleX, y: y, maxWidth: titleWidth)
        if let matches = highlighter?.matches(in: headline.title, isTitle: true), !matches.isEmpty {
            drawTitleHighlights(matches, of: headline.title, clean: clean, shown: title, x: titleX, y: y)
        }
        if outletWidth > 0, let outlet = headline.outlet {
            let text = TextLayout.truncate(Sanitizer.clean(outlet), toColumns: outletWidth)
            let used = TextWidth.columns(of: text)
            buffer.put(text, x: x + width - 1 - used, y: y, maxWidth: used, style: theme.dim)
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

    /// Width of the outlet column: the widest outlet on screen, at most a fifth of the pane
    /// (the title is what people scan; a long outlet name is cut instead).
    private func outletColumnWidth(rows: Range<Int>, paneWidth: Int) -> Int {
        guard paneWidth >= Self.outletMinimumPaneWidth else { return 0 }
        var widest = 0
        for index in rows {
            if let outlet = state.list.headline(at: index)?.outlet {
                widest = max(widest, TextWidth.columns(of: Sanitizer.clean(outlet)))
            }
        }
        return min(widest, paneWidth / 5)
    }

    /// What an empty tab says instead of rows: how to fill it.
    private mutating func drawEmptyList(in rect: Rect) {
        let lines: [(String, Style)]
        if state.list.key.query != nil {
            lines = [("No posts match the search.", theme.bold)]
        } else {
            switch state.activeTab {
            case .all:
                lines = [("No posts yet.", theme.bold), ("Import archives with: tidings import PATH", theme.plain)]
            case .bookmarks:
                let key = state.keyTable.label(of: .toggleBookmark) ?? "b"
                lines = [("No bookmarks yet.", theme.bold), ("\(key) bookmarks the selected post.", theme.plain)]
            case .category:
                lines = [("No posts in this category.", theme.bold)]
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
