import TidingsScreen

/// The mouse (only reported when the browser was started with it on): the wheel scrolls the
/// pane under the pointer, a click selects a headline or a tab, or gives the story pane the keys.
extension AppState {
    /// Lines one wheel step scrolls, as most terminal programs do.
    static let wheelLines = 3

    mutating func handle(mouse event: MouseEvent) -> [Effect] {
        // An overlay or the search line has the keys; the mouse leaves them be.
        guard overlay == nil, !isEditingSearch, prompt == nil, !layout.isTooSmall else { return [] }
        let step = event.kind == .wheelUp ? -Self.wheelLines : Self.wheelLines
        if Self.contains(layout.tabBar, event) {
            guard event.kind == .click,
                let index = TabBarLayout(state: self, in: layout.tabBar).tab(atColumn: event.x),
                tabs.indices.contains(index)
            else { return [] }
            return switchTab(to: tabs[index].kind)
        }
        if Self.contains(layout.list, event) {
            if event.kind == .click {
                // The row drawn under the pointer: the renderer's scroll top, not the stored one.
                let row = list.shownTop(height: layout.list.height) + event.y - layout.list.y
                guard let total = list.total, row < total else { return [] }
                focus = .list
                moveSelection(to: row)
            } else {
                // The view and the selection move together, as paging does: the page scrolls
                // under a selection that keeps its place on screen.
                moveSelection(by: step, scrolling: true)
            }
            return []
        }
        if Self.contains(layout.article, event) {
            if event.kind == .click {
                if list.selected != nil { focus = .article }
            } else {
                // Reading the story: a row waited for must not swap it later.
                searches[activeTab]?.wantedRow = nil
                scrollArticle(by: step)
            }
        }
        return []
    }

    private static func contains(_ rect: Rect, _ event: MouseEvent) -> Bool {
        event.x >= rect.x && event.x < rect.x + rect.width && event.y >= rect.y && event.y < rect.y + rect.height
    }
}
