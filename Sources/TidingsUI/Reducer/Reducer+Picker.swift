import TidingsCore
import TidingsScreen

/// The list picker (`t`): tags, authors and outlets beyond the tab bar, opened as one "pick"
/// tab that the next pick replaces (Bookmarks stays pinned at the right).
extension AppState {
    /// `t`: opens the picker and asks for its entries (counts change as posts are read).
    mutating func openPicker() -> [Effect] {
        overlay = .picker(PickerState())
        return [.loadPicks]
    }

    /// While the picker is open it takes every key: printable keys type the filter, the
    /// arrows and page keys move, Enter opens, Esc closes.
    mutating func handlePicker(_ key: Key, _ picker: PickerState) -> [Effect] {
        var picker = picker
        let matches = picker.matches(in: picks ?? [])
        let page = max(1, PickerLayout(size: size, entries: matches.count).visibleEntries - 1)
        switch key {
        case .escape:
            overlay = nil
            return []
        case .enter:
            guard matches.indices.contains(picker.selection) else {
                message =
                    picks == nil ? "Still loading the lists" : "Nothing matches “\(Sanitizer.clean(picker.filter))”"
                return []
            }
            overlay = nil
            return openPick(matches[picker.selection])
        case .down: picker.selection += 1
        case .up: picker.selection -= 1
        case .pageDown: picker.selection += page
        case .pageUp: picker.selection -= page
        case .home: picker.selection = 0
        case .end: picker.selection = matches.count - 1
        case .backspace:
            if !picker.filter.isEmpty { picker.filter.removeLast() }
            picker.selection = 0
        case .control("u"):
            picker.filter = ""
            picker.selection = 0
        case .character(let character):
            // Cleaned as it is typed: the filter is shown, and only printable text belongs there.
            let clean = Sanitizer.clean(String(character))
            guard !clean.isEmpty else { return [] }
            picker.filter += clean
            picker.selection = 0
        default:
            return []
        }
        let count = picker.matches(in: picks ?? []).count
        picker.selection = min(max(0, picker.selection), max(0, count - 1))
        overlay = .picker(picker)
        return []
    }

    /// Opens `entry` as the pick tab (a tab it already has is simply shown); the previous
    /// pick's list and search go with it.
    mutating func openPick(_ entry: TabInfo) -> [Effect] {
        guard !tabs.contains(where: { $0.kind == entry.kind }) else {
            return entry.kind == activeTab ? [] : [.loadTabs] + selectTab(entry.kind)
        }
        var effects: [Effect] = []
        if let old = pickedTab {
            tabs.removeAll { $0.kind == old.kind }
            if old.kind == activeTab { effects += selectTab(.all) }
            lists[old.kind] = nil
            if searches.removeValue(forKey: old.kind)?.pending != nil { effects.append(.cancelSearch) }
            unreadOnly.remove(old.kind)
        }
        pickedTab = entry
        // Before Bookmarks, which stays pinned at the right.
        let bookmarks = tabs.firstIndex { $0.kind == .bookmarks } ?? tabs.count
        tabs.insert(entry, at: bookmarks)
        return effects + selectTab(entry.kind)
    }

    /// The picked tab's fresh counts: its tab shows them, and its list reloads if its length changed.
    mutating func applyPickedCount(_ info: TabInfo) {
        guard var picked = pickedTab, picked.kind == info.kind,
            let index = tabs.firstIndex(where: { $0.kind == info.kind })
        else { return }
        picked.count = info.count
        picked.unread = info.unread
        pickedTab = picked
        tabs[index] = picked
        if let list = lists[info.kind], !list.key.unreadOnly, let total = list.total, total != info.count,
            list.stale.isEmpty
        {
            let generation = nextGeneration()
            lists[info.kind]?.refresh(generation: generation)
        }
    }
}
