/// The `?` help overlay: a box listing every binding of the key table.
extension Renderer {
    mutating func drawHelp(scroll: Int) {
        let help = HelpLayout(keyTable: state.keyTable, size: state.size)
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
            guard index < help.bindings.count else { break }
            drawBinding(help.bindings[index], help: help, x: box.x + 2, y: box.y + 1 + row, width: inner)
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
            let last = min(help.bindings.count, scroll + help.visibleRows)
            let position = " \(scroll + 1)–\(last)/\(help.bindings.count) \(last < help.bindings.count ? "▼" : "▲") "
            if TextWidth.columns(of: position) + closeWidth + 6 <= box.width {
                buffer.put(position, x: box.x + 2, y: bottom, style: theme.dim)
            }
        }
    }

    /// `j / Down      select-next      Next headline…`, cut to the box.
    private mutating func drawBinding(_ binding: KeyTable.Binding, help: HelpLayout, x: Int, y: Int, width: Int) {
        var x = x
        var room = width
        for (text, column, style) in [
            (binding.keysText, help.keyColumn, theme.bold), (binding.command.name, help.nameColumn, theme.plain),
        ] where column > 0 {
            guard room > 0 else { return }
            buffer.put(TextLayout.pad(text, toColumns: min(column, room)), x: x, y: y, maxWidth: room, style: style)
            x += column + 2
            room -= column + 2
        }
        guard room > 0 else { return }
        buffer.put(TextLayout.truncate(binding.help, toColumns: room), x: x, y: y, maxWidth: room, style: theme.dim)
    }

    /// A single-line box around `rect`.
    private mutating func drawBorder(_ rect: Rect) {
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
