import TidingsScreen

/// The `?` help overlay: a box listing every binding of the key table.
extension Renderer {
    mutating func drawHelp(scroll: Int) {
        let help = HelpLayout(keyTable: state.keyTable, size: state.size, preview: state.options.preview)
        let box = help.box
        guard box.width >= 4, box.height >= 2 else { return }
        let right = box.x + box.width - 1
        let bottom = box.y + box.height - 1
        // One blank column either side, so that pane edges do not touch the border.
        buffer.fill(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height)
        drawBorder(box)
        buffer.put(" Keys ", x: box.x + 1, y: box.y, maxWidth: box.width - 2, style: theme.bold)

        let scroll = min(max(0, scroll), help.maxScroll)
        let inner = box.width - 4
        for row in 0..<help.visibleRows {
            let index = scroll + row
            guard index < help.rows.count else { break }
            drawRow(help.rows[index], help: help, x: box.x + 2, y: box.y + 1 + row, width: inner)
        }

        // Bottom border: where we are when it scrolls, and how to close.
        let table = state.keyTable
        let closeKey = table.binding(for: .quit)?.keys.first.map(KeyTable.label(for:)) ?? "Esc"
        let close = " \(closeKey) close "
        let closeWidth = TextWidth.columns(of: close)
        if closeWidth + 4 <= box.width {
            buffer.put(close, x: right - 3 - closeWidth + 1, y: bottom, style: theme.dim)
        }
        if help.maxScroll > 0 {
            let last = min(help.rows.count, scroll + help.visibleRows)
            let position = " \(scroll + 1)–\(last)/\(help.rows.count) \(last < help.rows.count ? "▼" : "▲") "
            if TextWidth.columns(of: position) + closeWidth + 6 <= box.width {
                buffer.put(position, x: box.x + 2, y: bottom, style: theme.dim)
            }
        }
    }

    /// One help row, cut to the box: `j / Down      select-next      Next headline…`, a
    /// section title, or a note.
    private mutating func drawRow(_ row: HelpLayout.Row, help: HelpLayout, x: Int, y: Int, width: Int) {
        var x = x
        var room = width
        let columns: [(String, Int, Style)]
        let rest: String
        switch row {
        case .blank:
            return
        case .heading(let title):
            buffer.put(TextLayout.truncate(title, toColumns: room), x: x, y: y, maxWidth: room, style: theme.title)
            return
        case .binding(let keys, let name, let text):
            columns = [(keys, help.keyColumn, theme.bold), (name, help.nameColumn, theme.plain)]
            rest = text
        case .note(let label, let text):
            // Not in columns: the query language is wider than a help column and must fit.
            columns = [(label, TextWidth.columns(of: label), theme.bold)]
            rest = text
        }
        for (text, column, style) in columns where column > 0 {
            guard room > 0 else { return }
            buffer.put(TextLayout.pad(text, toColumns: min(column, room)), x: x, y: y, maxWidth: room, style: style)
            x += column + 2
            room -= column + 2
        }
        guard room > 0 else { return }
        buffer.put(TextLayout.truncate(rest, toColumns: room), x: x, y: y, maxWidth: room, style: theme.dim)
    }

    /// A single-line box around `rect`.
    mutating func drawBorder(_ rect: Rect) {
        let right = rect.x + rect.width - 1
        let bottom = rect.y + rect.height - 1
        buffer.hLine(x: rect.x + 1, y: rect.y, width: rect.width - 2)
        buffer.hLine(x: rect.x + 1, y: bottom, width: rect.width - 2)
        buffer.vLine(x: rect.x, y: rect.y + 1, height: rect.height - 2)
        buffer.vLine(x: right, y: rect.y + 1, height: rect.height - 2)
        buffer.put("┌", x: rect.x, y: rect.y)
        buffer.put("┐", x: right, y: rect.y)
        buffer.put("└", x: rect.x, y: bottom)
        buffer.put("┘", x: right, y: bottom)
    }
}
