import TidingsCore
import TidingsScreen

/// The search line: opening, editing, keeping and clearing a search of the active tab.
///
/// Edits only change the text; ``AppState/reconcile()`` then asks for the new query (see
/// ``SearchState/ask(for:generation:)``), so every path that changes the query is covered.
extension AppState {
    /// Commands that still work while the search line has the keys: moving through the
    /// results as they narrow, the order, and Ctrl-L.
    private static let commandsWhileEditing: Set<Command> = [
        .selectNext, .selectPrev, .pageDown, .pageUp, .toggleOrder, .redraw,
    ]

    /// `/`: opens the search line, or goes back to editing the kept query.
    mutating func openSearch() {
        focus = .list
        if searches[activeTab] != nil {
            searches[activeTab]?.isEditing = true
            searches[activeTab]?.line.moveToEnd()
        } else {
            searches[activeTab] = SearchState(order: searchOrder)
        }
    }

    /// A key while the search line is open: an edit, a typed character, or one of the few
    /// commands that make sense while typing; anything else is ignored.
    mutating func handleSearchLine(_ key: Key) -> [Effect] {
        guard var search = searches[activeTab] else { return [] }
        switch keyTable.lineInput(for: key) {
        case .edit(.accept)?:
            // Nothing typed: nothing to keep.
            guard search.line.query != nil else { return clearSearch() }
            search.isEditing = false
        case .edit(.cancel)?:
            return clearSearch()
        case .edit(let edit)?:
            search.line.apply(edit)
        case .character(let character)?:
            if !search.line.insert(String(character)) {
                message = "The search line holds \(SearchLine.maximumLength) characters; the rest was dropped"
            }
        case nil:
            if let command = keyTable.command(for: key), Self.commandsWhileEditing.contains(command) {
                return perform(command, key: key)
            }
        }
        searches[activeTab] = search
        return []
    }

    /// A burst of characters on the search line: one insertion, hence one query asked for
    /// by ``reconcile()``. What does not fit the line's limit is dropped, and said.
    mutating func typeIntoSearchLine(_ text: String) {
        guard var search = searches[activeTab] else { return }
        if !search.line.insert(text) {
            message = "The search line holds \(SearchLine.maximumLength) characters; the rest was dropped"
        }
        searches[activeTab] = search
    }

    /// Esc: drops the active tab's search; its whole list comes back as it was left, with its
    /// selection (it was kept aside untouched, so nothing is reloaded).
    ///
    /// When the reader opened a result, the whole list then selects that post (once the
    /// library says where it is), rather than the one selected before the search.
    mutating func clearSearch() -> [Effect] {
        guard let search = searches.removeValue(forKey: activeTab) else { return [] }
        // A query or an exact count under way is no longer wanted.
        var effects: [Effect] = search.pending != nil || search.countAsked != nil ? [.cancelSearch] : []
        if let opened = search.opened {
            awaitingLocate = opened
            effects.append(.locatePost(tab: activeTab, id: opened, unreadOnly: unreadOnly.contains(activeTab)))
        }
        return effects
    }

    /// Selects the located post in the whole list, if that list is still the one on screen.
    mutating func applyLocated(tab: Shelf, id: String, index: Int?, unreadOnly: Bool = false) {
        guard awaitingLocate == id, tab == activeTab, search == nil, unreadOnly == list.key.unreadOnly else { return }
        awaitingLocate = nil
        guard let index else { return }
        // A list asked for afresh (`U`) may not know its length yet: the selection waits
        // there, and the first page clamps it.
        if list.total == nil { list.selection = max(0, index) } else { moveSelection(to: index) }
    }

    /// The exact count of a search's matches arrived: the results take it (if they are still
    /// the ones it counted), and a row wanted beyond the bound (End) is moved to.
    mutating func applyCount(tab: Shelf, query: SearchQuery, generation: Int, total: Int) {
        guard searches[tab]?.acceptCount(query: query, generation: generation, total: total) == true else { return }
        guard let wanted = searches[tab]?.wantedRow else { return }
        searches[tab]?.wantedRow = nil
        guard tab == activeTab else { return }
        moveSelection(to: min(wanted, total - 1))
    }

    /// The exact count of a search's matches could not be finished: the bound stays (and says
    /// so), and a row waited for goes to the last row known, said rather than silent.
    mutating func applyCountFailure(tab: Shelf, generation: Int, reason: String) {
        guard searches[tab]?.acceptCountFailure(generation: generation) == true else { return }
        let wanted = searches[tab]?.wantedRow
        searches[tab]?.wantedRow = nil
        guard tab == activeTab else { return }
        message = "The matches could not be counted: \(reason)"
        if let wanted {
            moveSelection(to: wanted)
            message = "The matches could not be counted (\(reason)): this is the last row known"
        }
    }

    /// End, or a row found past the known rows (`u`), while the results' count is only a bound:
    /// the selection waits for the exact count (asked for by ``reconcile()``) and then moves;
    /// it never stops on the last known row as if that were the end. When the count failed,
    /// it goes to the last row known and says so; while a newer query is under way the rows
    /// on screen are about to be replaced, so nothing is waited for.
    mutating func waitForRow(_ row: Int) {
        guard let search = searches[activeTab], search.pending == nil else {
            message = "Still searching: the results on screen are about to change"
            return
        }
        if let results = search.results, search.countFailed == results.generation {
            moveSelection(to: row)
            message = "The matches could not be counted: this is the last row known"
            return
        }
        searches[activeTab]?.wantedRow = row
        message = "Counting the matches…"
    }

    /// What `n` says at the last row of search results: the end, or why the rows stop there.
    var lastResultMessage: String {
        guard !list.endIsKnown, let search else { return "Last result: N goes back" }
        if search.pending != nil { return "Still searching: the results on screen are about to change" }
        if let results = search.results, search.countFailed == results.generation {
            return "The matches could not be counted: this is the last row known"
        }
        // The count is under way (``reconcile()`` asks for it at the last known row).
        return "Counting the matches…"
    }

    /// Ctrl-O: the other order for the active search (asked for at once), and for new ones.
    mutating func toggleOrder() {
        searchOrder = (search?.order ?? searchOrder).toggled
        guard searches[activeTab] != nil else {
            message = "New searches will list results by \(searchOrder.name)"
            return
        }
        searches[activeTab]?.order = searchOrder
    }
}
