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

    /// The tabs, with `★ Bookmarks` pinned at the right end so that it is always on screen
    /// however many categories there are; the others scroll in the rest of the bar.
    mutating func drawTabs(in rect: Rect) {
        guard rect.width > 0 else { return }
        // Before the tabs arrive, a bare `All` so the bar never looks broken.
        var labels = state.tabs.isEmpty ? [" All "] : state.tabs.map(Self.label(of:))
        var active: Int? = min(state.activeTabIndex, labels.count - 1)
        var rest = rect
        if state.tabs.count > 1, state.tabs.last?.kind == .bookmarks {
            let pinned = labels.removeLast()
            let width = TextWidth.columns(of: pinned)
            // Only when the pinned tab leaves room for at least a cut tab beside it.
            if width + 6 <= rect.width {
                let x = rect.x + rect.width - width
                let style = active == labels.count ? theme.activeTab : theme.plain
                buffer.put(pinned, x: x, y: rect.y, style: style)
                buffer.put("│", x: x - 1, y: rect.y, style: theme.dim)
                rest = Rect(x: rect.x, y: rect.y, width: rect.width - width - 1, height: rect.height)
                if active == labels.count { active = nil }
            } else {
                labels.append(pinned)
            }
        }
        drawTabRun(labels, active: active, in: rest)
    }

    /// Draws `labels` left to right in `rect`, scrolled so that `active` (if any) is whole.
    private mutating func drawTabRun(_ labels: [String], active: Int?, in rect: Rect) {
        let widths = labels.map { TextWidth.columns(of: $0) }
        let first = Self.firstVisibleTab(widths: widths, active: active ?? 0, width: rect.width)
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
