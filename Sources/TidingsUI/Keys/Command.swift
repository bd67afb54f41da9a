/// A browser request a key can trigger, named like tig's requests.
///
/// The raw value is the stable name shown in the help overlay and meant for a future
/// key-binding file; never rename one.
public enum Command: String, CaseIterable, Hashable, Sendable {
    case selectNext = "select-next"
    case selectPrev = "select-prev"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case first
    case last
    case open
    case back
    case switchPane = "switch-pane"
    case nextPost = "next-post"
    case prevPost = "prev-post"
    case toggleBookmark = "toggle-bookmark"
    case toggleRead = "toggle-read"
    case nextUnread = "next-unread"
    /// Every post of the tab becomes read, once confirmed with `y`.
    case markTabRead = "mark-tab-read"
    /// Open the search line (or edit the kept query).
    case search
    /// In the story, the next search match; in the list, the next result.
    case nextMatch = "next-match"
    case prevMatch = "prev-match"
    /// Search results by relevance or in archive order.
    case toggleOrder = "toggle-order"
    case nextTab = "next-tab"
    case prevTab = "prev-tab"
    /// Keys `1`–`9`: the digit says which tab.
    case jumpTab = "jump-tab"
    case toggleLayout = "toggle-layout"
    case zoom
    case help
    case redraw
    case quit

    /// The name shown in the help overlay.
    public var name: String { rawValue }
}
