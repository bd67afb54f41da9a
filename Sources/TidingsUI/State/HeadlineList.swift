import TidingsCore

/// One headline list (a tab, or a search in a tab): its length, the pages loaded around the
/// selection, the selection and the scroll position.
///
/// Pages are aligned to ``pageSize`` so that a row's page is known from its index alone and
/// a page is never asked for twice while a request for it is under way. A page is stored only
/// if it answers this list's ``key`` and current ``generation``: a reload takes a new
/// generation, so an answer to an older request can never overwrite a newer one.
public struct HeadlineList: Equatable, Sendable {
    /// Rows per `.loadHeadlines` request.
    public static let pageSize = 100

    /// Which list this is.
    public let key: ListKey
    /// The generation its requests carry; changes when the list is reloaded.
    public internal(set) var generation: Int

    /// The tab's length; `nil` until its first page arrives. For search results counted while
    /// typing it may be a lower bound (``totalIsExact``): the rows known to exist, all that can
    /// be paged through until the exact count arrives.
    public internal(set) var total: Int?
    /// False while ``total`` is only a lower bound: more posts match than were counted.
    public internal(set) var totalIsExact = true
    /// The generation whose exact count ``total`` is (from a page or `.matchesCounted`): a
    /// later page of that generation with a bounded count does not undo it.
    var countedGeneration: Int?
    /// True while ``total`` is the exact count of an earlier generation that a reload's bound
    /// did not exceed: still said as exact (a reload must not turn a counted figure back into
    /// `over N`), but counted afresh when the end of the list is wanted.
    public internal(set) var countIsCarried = false
    /// Whether the list's last row is known: its length is exact and was counted for this
    /// generation (End and the last row need no count).
    public var endIsKnown: Bool { totalIsExact && !countIsCarried }
    /// Loaded rows by page offset (a multiple of ``pageSize``).
    public internal(set) var pages: [Int: [Headline]] = [:]
    /// Page offsets requested and not yet answered.
    public internal(set) var pending: Set<Int> = []
    /// Index of the selected row in the whole list.
    public internal(set) var selection = 0
    /// Index of the first row shown.
    public internal(set) var top = 0
    /// Loaded pages that are being reloaded: shown until their fresh copy arrives, so a
    /// reload never blanks the screen.
    public internal(set) var stale: Set<Int> = []

    public init(key: ListKey = ListKey(tab: .all), generation: Int = 0) {
        self.key = key
        self.generation = generation
    }

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

    /// The request for the page at `offset`.
    func request(offset: Int) -> Effect {
        .loadHeadlines(
            tab: key.tab, query: key.query, order: key.order, offset: offset, limit: Self.pageSize,
            generation: generation, unreadOnly: key.unreadOnly)
    }

    /// Stores an answered page if it was asked for by this list in its current generation;
    /// returns false for a stale or unknown one.
    mutating func accept(_ page: HeadlinePage) -> Bool {
        guard page.tab == key.tab, page.query == key.query, page.unreadOnly == key.unreadOnly,
            page.generation == generation,
            pending.contains(page.offset)
        else { return false }
        // A provisional page shows at once but leaves the offset awaited: the final one replaces it.
        if !page.isProvisional { pending.remove(page.offset) }
        pages[page.offset] = page.rows
        stale.remove(page.offset)
        if page.totalIsExact {
            total = max(0, page.total)
            totalIsExact = true
            countedGeneration = generation
            countIsCarried = false
        } else if countedGeneration != generation {
            // A bound: at least as many rows as known before (a reload keeps what was counted
            // before it, so the selection stays; the exact count of this generation corrects it).
            // A figure counted before the reload stays exact while the bound is below it (a
            // bound says "more than", so one equal to the figure says it grew).
            let carried = totalIsExact && countedGeneration != nil && page.total < (total ?? 0)
            total = max(0, page.total, total ?? 0)
            totalIsExact = carried
            countIsCarried = carried
        }
        selection = min(selection, max(0, (total ?? 0) - 1))
        return true
    }

    /// Takes the exact count of this list's matches, counted after its first page gave a
    /// bound; false when it answers another generation (the list was reloaded since).
    mutating func acceptCount(_ count: Int, generation: Int) -> Bool {
        guard generation == self.generation, total != nil else { return false }
        total = max(0, count)
        totalIsExact = true
        countedGeneration = generation
        countIsCarried = false
        selection = min(selection, max(0, count - 1))
        return true
    }

    /// Forgets what was asked for (the list is no longer shown: late answers are stale).
    mutating func dropPending() { pending.removeAll() }

    /// Reloads the list (its contents may have changed, perhaps in another process): the
    /// loaded pages stay on screen until fresh ones replace them, selection and scroll stay.
    /// A list with nothing loaded or asked for has nothing to reload and keeps its generation.
    mutating func refresh(generation: Int) {
        guard !pages.isEmpty || !pending.isEmpty else { return }
        self.generation = generation
        stale = Set(pages.keys)
        pending.removeAll()
    }

    /// Applies `change` to every loaded row of post `id` (a bookmark or read mark changed).
    mutating func updateRows(id: String, _ change: (inout Headline) -> Void) {
        for (offset, rows) in pages where rows.contains(where: { $0.id == id }) {
            pages[offset] = rows.map { row in
                guard row.id == id else { return row }
                var row = row
                change(&row)
                return row
            }
        }
    }

    /// Keeps the selection within the list and visible in `height` rows with a small margin.
    /// Until the length is known there is nothing to clamp against, so it waits.
    mutating func keepSelectionVisible(height: Int) {
        guard let total else { return }
        selection = min(max(0, selection), max(0, total - 1))
        top = Self.scrollTop(top, selection: selection, height: height, total: total)
    }

    /// The first row drawn in a pane of `height` rows: what the renderer shows and what a
    /// click maps onto. `top` can be stale after a resize, a layout toggle or a zoom, so both
    /// ask this rather than reading `top`, and a click lands on the row under the pointer.
    public func shownTop(height: Int) -> Int {
        guard let total else { return top }
        return Self.scrollTop(top, selection: selection, height: height, total: total)
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
    /// page either side so that moving on does not wait; pages loaded (and not stale) or
    /// pending are left out.
    func missingPages(height: Int) -> [Int] {
        let wanted = wantedRows(height: height, slack: Self.pageSize / 2)
        return stride(
            from: wanted.lowerBound - wanted.lowerBound % Self.pageSize, to: wanted.upperBound, by: Self.pageSize
        )
        .filter { (pages[$0] == nil || stale.contains($0)) && !pending.contains($0) }
    }

    /// Drops pages far from the rows in view, so memory stays bounded however far one scrolls.
    mutating func evictDistantPages(height: Int) {
        let keep = wantedRows(height: height, slack: Self.pageSize * 3 / 2)
        for offset in pages.keys where offset + Self.pageSize <= keep.lowerBound || offset >= keep.upperBound {
            pages[offset] = nil
            stale.remove(offset)
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
        // An empty list still wants its first page: a reload must learn that it has grown.
        let high = min(max(total, 1), max(top + height, selection + 1) + slack)
        return low..<max(low, high)
    }
}
