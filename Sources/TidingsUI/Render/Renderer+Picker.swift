import TidingsScreen

/// The list picker overlay: the filter being typed, then `tag  Sanctions  3/12` rows with the
/// selected one reversed.
extension Renderer {
    mutating func drawPicker(_ picker: PickerState) {
        let matches = picker.matches(in: state.picks ?? [])
        let layout = PickerLayout(size: state.size, entries: matches.count)
        let box = layout.box
        guard box.width >= 12, box.height >= 5 else { return }
        buffer.fill(x: box.x - 1, y: box.y, width: box.width + 2, height: box.height)
        drawBorder(box)
        buffer.put(" Open a tag, author or outlet ", x: box.x + 1, y: box.y, maxWidth: box.width - 2, style: theme.bold)
        let inner = box.width - 4
        let x = box.x + 2

        // The filter, with a reversed cell for the cursor.
        let prompt = "Find: "
        var used = buffer.put(prompt, x: x, y: box.y + 1, style: theme.bold)
        let shown = TextLayout.truncateMiddle(picker.filter, toColumns: max(1, inner - used - 1))
        used += buffer.put(shown, x: x + used, y: box.y + 1, maxWidth: inner - used)
        if used < inner { buffer.put(" ", x: x + used, y: box.y + 1, style: theme.selected) }

        let rowsY = box.y + 3
        let visible = layout.visibleEntries
        if state.picks == nil {
            buffer.put("Loading…", x: x, y: rowsY, maxWidth: inner, style: theme.dim)
        } else if matches.isEmpty {
            buffer.put("Nothing matches.", x: x, y: rowsY, maxWidth: inner, style: theme.dim)
        }
        let top = HeadlineList.scrollTop(0, selection: picker.selection, height: visible, total: matches.count)
        for row in 0..<visible where top + row < matches.count {
            let entry = matches[top + row]
            let y = rowsY + row
            let kind = TextLayout.pad(PickerState.kindWord(entry.kind), toColumns: 7)
            let count = Self.countText(unread: entry.unread, count: entry.count)
            let countWidth = TextWidth.columns(of: count)
            buffer.put(kind, x: x, y: y, maxWidth: inner, style: theme.dim)
            let nameWidth = max(0, inner - 8 - countWidth - 1)
            let name = TextLayout.truncate(Sanitizer.clean(PickerState.name(entry.kind)), toColumns: nameWidth)
            buffer.put(name, x: x + 8, y: y, maxWidth: nameWidth)
            buffer.put(count, x: x + inner - countWidth, y: y, style: theme.dim)
            if top + row == picker.selection {
                buffer.addAttributes(theme.selected.attributes, x: x - 1, y: y, width: inner + 2)
            }
        }
        let hint = " Enter open  Esc close "
        if TextWidth.columns(of: hint) + 4 <= box.width {
            buffer.put(
                hint, x: box.x + box.width - 2 - TextWidth.columns(of: hint), y: box.y + box.height - 1,
                style: theme.dim)
        }
    }
}
