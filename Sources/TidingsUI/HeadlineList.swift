/// One tab's headline list: its length, the pages loaded around the selection, the selection
/// and the scroll position.
///
/// Pages are aligned to ``pageSize`` so that a row's page is known from its index alone and
/// a page is never asked for twice while a request for it is under way.
public struct HeadlineList: Equatable, Sendable {
    /// Rows per `.loadHeadlines` request.
    public static let pageSize = 100

    /// The tab's length; `nil` until its first page arrives.
    public internal(set) var total: Int?
    /// Loaded rows by page offset (a multiple of ``pageSize``).
    public internal(set) var pages: [Int: [Headline]] = [:]
    /// Page offsets requested and not yet answered.
    public internal(set) var pending: Set<Int> = []
    /// Index of the selected row in the whole list.
    public internal(set) var selection = 0
    /// Index of the first row shown.
    public internal(set) var top = 0

    public init() {}

    /// The headline at `index`, if its page is loaded.
    public func headline(at index: Int) -> Headline? {
        guard index >= 0 else { return nil }
        let offset = index - index % Self.pageSize
        guard let rows = pages[offset], index - offset < rows.count else { return nil }
        return rows[index - offset]
    }

    /// The selected headline, if loaded.
    public var selected: Headline? { headline(at: selection) }

    /// Whether the list is known to be empty.
    public var isEmpty: Bool { total == 0 }

    /// Stores an answered page if it was asked for; returns false for a stale or unknown one.
    mutating func accept(_ page: HeadlinePage) -> Bool {
        guard pending.remove(page.offset) != nil else { return false }
        pages[page.offset] = page.rows
        total = max(0, page.total)
        selection = min(selection, max(0, page.total - 1))
        return true
    }

    /// Forgets what was asked for (the tab is no longer shown: late answers are stale).
    mutating func dropPending() { pending.removeAll() }

    /// Forgets the loaded rows (the tab's contents changed), keeping selection and scroll.
    mutating func invalidate() {
        pages.removeAll()
        pending.removeAll()
        total = nil
    }

    /// Keeps the selection within the list and visible in `height` rows with a small margin.
    /// Until the length is known there is nothing to clamp against, so it waits.
    mutating func keepSelectionVisible(height: Int) {
        guard let total else { return }
        selection = min(max(0, selection), max(0, total - 1))
        top = Self.scrollTop(top, selection: selection, height: height, total: total)
    }

    /// The first row to show so that `selection` is visible with a margin of up to 2 rows,
    /// moving `top` as little as possible. Used by the renderer too, so a stale `top` after
    /// a resize never hides the selection.
    public static func scrollTop(_ top: Int, selection: Int, height: Int, total: Int) -> Int {
        guard height > 0 else { return max(0, min(top, selection)) }
        let margin = min(2, (height - 1) / 2)
        var top = top
        if selection - margin < top { top = selection - margin }
        if selection + margin >= top + height { top = selection + margin - height + 1 }
        top = min(top, total - height)
        return max(0, top)
    }

    /// Offsets of pages needed to show rows `top..<top+height` and the selection, plus half a
    /// page either side so that moving on does not wait; pages already loaded or pending
    /// are left out.
    func missingPages(height: Int) -> [Int] {
        let wanted = wantedRows(height: height, slack: Self.pageSize / 2)
        return stride(from: wanted.lowerBound - wanted.lowerBound % Self.pageSize, to: wanted.upperBound, by: Self.pageSize)
            .filter { pages[$0] == nil && !pending.contains($0) }
    }

    /// Drops pages far from the rows in view, so memory stays bounded however far one scrolls.
    mutating func evictDistantPages(height: Int) {
        let keep = wantedRows(height: height, slack: Self.pageSize * 3 / 2)
        for offset in pages.keys where offset + Self.pageSize <= keep.lowerBound || offset >= keep.upperBound {
            pages[offset] = nil
        }
    }

    /// Rows in view and the selection, widened by `slack` and cut to the list.
    private func wantedRows(height: Int, slack: Int) -> Range<Int> {
        guard let total else {
            // Length unknown: only the selection's page, to learn it.
            let offset = selection - selection % Self.pageSize
            return offset..<(offset + 1)
        }
        let low = max(0, min(top, selection) - slack)
        let high = min(total, max(top + height, selection + 1) + slack)
        return low..<max(low, high)
    }
}
