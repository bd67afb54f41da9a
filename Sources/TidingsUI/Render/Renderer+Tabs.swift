import TidingsScreen

/// The tab bar on the first row.
extension Renderer {
    /// One tab's text: ` All 12/1,204 ` (unread of all, as newsboat counts), ` ★ Bookmarks 3 `.
    static func label(of tab: TabInfo) -> String {
        let title = tab.kind == .bookmarks ? "★ " + tab.title : tab.title
        return " \(Sanitizer.clean(title)) \(countText(unread: tab.unread, count: tab.count)) "
    }

    /// `12/1,204` (unread of all) when the unread count is known, else `1,204`: tabs and the
    /// picker count alike.
    static func countText(unread: Int?, count: Int) -> String {
        unread.map { "\(grouped($0))/\(grouped(count))" } ?? grouped(count)
    }

    /// The tabs as ``TabBarLayout`` places them: the same places a click is matched against.
    mutating func drawTabs(in rect: Rect) {
        for piece in TabBarLayout(state: state, in: rect).pieces {
            let style: Style
            switch piece.kind {
            case .marker: style = theme.dim
            case .tab(_, let active): style = active ? theme.activeTab : theme.plain
            }
            buffer.put(piece.text, x: piece.x, y: rect.y, maxWidth: piece.maxWidth, style: style)
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
