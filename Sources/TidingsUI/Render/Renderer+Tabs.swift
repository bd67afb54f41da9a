import TidingsScreen

/// The tab bar on the first row.
extension Renderer {
    /// One tab's text: ` All 1,204 `, ` ★ Bookmarks 3 `.
    static func label(of tab: TabInfo) -> String {
        let title = tab.kind == .bookmarks ? "★ " + tab.title : tab.title
        return " \(Sanitizer.clean(title)) \(grouped(tab.count)) "
    }

    mutating func drawTabs(in rect: Rect) {
        guard rect.width > 0 else { return }
        // Before the tabs arrive, a bare `All` so the bar never looks broken.
        let labels = state.tabs.isEmpty ? [" All "] : state.tabs.map(Self.label(of:))
        let widths = labels.map { TextWidth.columns(of: $0) }
        let active = min(state.activeTabIndex, labels.count - 1)
        let first = Self.firstVisibleTab(widths: widths, active: active, width: rect.width)
        var x = rect.x
        let end = rect.x + rect.width
        if first > 0 { x += buffer.put("…", x: x, y: rect.y, style: theme.dim) }
        for index in first..<labels.count {
            if index > first {
                guard end - x >= 3 else {
                    // No room for another tab: say that more follow.
                    buffer.put("…", x: end - 1, y: rect.y, style: theme.dim)
                    return
                }
                x += buffer.put("│", x: x, y: rect.y, style: theme.dim)
            }
            let room = end - x
            let style = index == active ? theme.activeTab : theme.plain
            guard widths[index] > room else {
                x += buffer.put(labels[index], x: x, y: rect.y, style: style)
                continue
            }
            // A cut label still reads as a tab: ` Military 2… `.
            let cut = TextLayout.truncate(labels[index], toColumns: room - 1) + " "
            buffer.put(cut, x: x, y: rect.y, maxWidth: room, style: style)
            return
        }
    }

    /// The first tab to draw so that the active one is whole on screen: tabs scroll off to the
    /// left (marked with `…`) only when the active tab would not fit otherwise.
    static func firstVisibleTab(widths: [Int], active: Int, width: Int) -> Int {
        guard active > 0 else { return 0 }
        for first in 0...active {
            let leftMarker = first > 0 ? 1 : 0
            let span = widths[first...active].reduce(0, +) + (active - first)
            // Leave room for `│…` when more tabs follow the active one.
            let rightMarker = active < widths.count - 1 ? 2 : 0
            if leftMarker + span + rightMarker <= width { return first }
        }
        return active
    }
}
