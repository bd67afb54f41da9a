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
    /// The tab lists only its unread posts, or all of them again.
    case toggleUnreadOnly = "toggle-unread"
    /// Open the search line (or edit the kept query).
    case search
    /// In the story, the next search match; in the list, the next result.
    case nextMatch = "next-match"
    case prevMatch = "prev-match"
    /// Search results by relevance or in archive order.
    case toggleOrder = "toggle-order"
    case nextTab = "next-tab"
    case prevTab = "prev-tab"
    /// Open a tag, author or outlet as a tab, from a filterable list.
    case pickList = "pick-list"
    /// Keys `1`–`9`: the digit says which tab.
    case jumpTab = "jump-tab"
    /// Fetch what is new from every web source, in the background.
    case updateSources = "update-sources"
    /// Open the story's link in a browser (or copy it where none can run).
    case openLink = "open-link"
    /// Copy the story's link to the clipboard (OSC 52).
    case copyLink = "copy-link"
    case toggleLayout = "toggle-layout"
    case zoom
    case help
    /// Open the `:` prompt: a command by name, Tab completing.
    case commandPrompt = "command-prompt"
    case redraw
    case quit

    /// The name shown in the help overlay.
    public var name: String { rawValue }
}
