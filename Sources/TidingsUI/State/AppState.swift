import TidingsCore
import TidingsScreen

/// Everything the browser shows, as plain data: the renderer draws it, the reducer changes it.
///
/// Nothing here can be derived from something else here (wrapped article lines, pane sizes
/// and the tab bar's scroll are computed when needed), so the state never disagrees with itself.
public struct AppState: Equatable, Sendable {
    /// How long an article must be on screen before it counts as read.
    public static let readDwellMilliseconds = 1_500

    public internal(set) var size: Size
    /// Whether colour roles may be used; when false every style uses `Style.Color.none`.
    public internal(set) var colors: Bool
    /// The tabs in bar order; empty until `.tabsLoaded` arrives.
    public internal(set) var tabs: [TabInfo] = []
    public internal(set) var activeTab: Shelf = .all
    /// Per-tab whole lists, so that each tab keeps its selection and scroll; a search keeps
    /// them aside untouched, so clearing it brings back the list as it was.
    public internal(set) var lists: [Shelf: HeadlineList] = [:]
    /// Per-tab searches: each tab has its own filter, kept when switching tabs.
    public internal(set) var searches: [Shelf: SearchState] = [:]
    /// The order a new search starts in: the last one chosen.
    public internal(set) var searchOrder: SearchOrder = .relevance
    /// The last generation handed out to a list request; only ever grows.
    public internal(set) var generation = 0
    /// The list a `.findNextUnread` was sent for, until its answer.
    public internal(set) var awaitingUnread: ListKey?
    /// The post whose read state `m` asked to change, so its answer is announced.
    public internal(set) var awaitingRead: String?
    /// Whether a background update of the web sources (`R`) is under way.
    public internal(set) var isUpdatingSources = false
    public internal(set) var article = ArticlePane()
    /// Whether the reader has moved through the list on screen since the browser started or
    /// the tab was switched: only then does a post shown in the preview for the dwell time
    /// become read (a post merely put there by the start or a tab switch was never chosen).
    public internal(set) var hasNavigated = false
    /// Posts whose bookmark `b` removed in the Bookmarks tab while it is on screen: their rows
    /// stay (without `★`) until the tab is left, so `b` again can restore them.
    public internal(set) var removedBookmarks: Set<String> = []
    /// The tab whose posts `A` asked to mark read, until the next key confirms (`y`) or not.
    public internal(set) var confirmingMarkRead: Shelf?
    /// The post whose place in the tab's whole list `.locatePost` was asked for, until the answer.
    public internal(set) var awaitingLocate: String?
    /// The picker's entries once `.loadPicks` has answered; asked for again each time it opens.
    public internal(set) var picks: [TabInfo]?
    /// The tag, author or outlet opened from the picker: one "pick" tab before Bookmarks,
    /// replaced by the next pick.
    public internal(set) var pickedTab: TabInfo?
    /// Tabs that list only their unread posts (`U`); each tab keeps its own choice.
    public internal(set) var unreadOnly: Set<Shelf> = []
    public internal(set) var focus: Pane = .list
    /// The arrangement chosen with `v`; `nil` follows the terminal width.
    public internal(set) var arrangementOverride: Arrangement?
    /// Whether the focused pane has the whole body (`z`).
    public internal(set) var isZoomed = false
    public internal(set) var overlay: Overlay?
    /// Whether the terminal is slow to take output: frames are skipped, and the status line
    /// says that the screen is the latest one.
    public internal(set) var isOutputSlow = false
    /// The `:` prompt while it is open: it has the keys and the status line.
    public internal(set) var prompt: CommandPrompt?
    /// A message for the status line (an error from the loop); cleared by the next key.
    public internal(set) var message: String?
    /// What the config file chose: keys, theme and layout.
    public let settings: BrowserSettings
    /// The preview mode and the mouse, as the browse command was given them.
    public let options: BrowserOptions

    public init(size: Size, colors: Bool, keyTable: KeyTable = .standard, options: BrowserOptions = .standard) {
        self.init(size: size, colors: colors, settings: BrowserSettings(keyTable: keyTable), options: options)
    }

    public init(size: Size, colors: Bool, settings: BrowserSettings, options: BrowserOptions = .standard) {
        self.size = size
        self.colors = colors
        self.settings = settings
        self.options = options
    }

    /// The key bindings; the help overlay and the status hint come from them too.
    public var keyTable: KeyTable { settings.keyTable }

    /// The pane layout for the current size and choices.
    public var layout: PaneLayout {
        PaneLayout(
            size: size, override: arrangementOverride, zoomed: isZoomed ? focus : nil, settings: settings.layout)
    }

    /// The list on screen: the active tab's search results when it has some, else its
    /// whole list. Setting it writes back to wherever it came from.
    public internal(set) var list: HeadlineList {
        get {
            searches[activeTab]?.results ?? lists[activeTab]
                ?? HeadlineList(key: ListKey(tab: activeTab, unreadOnly: unreadOnly.contains(activeTab)))
        }
        set {
            if searches[activeTab]?.results != nil {
                searches[activeTab]?.results = newValue
            } else {
                lists[activeTab] = newValue
            }
        }
    }

    /// The active tab's search, if it has one (being typed or kept).
    public var search: SearchState? { searches[activeTab] }

    /// Whether the search line has the keys.
    public var isEditingSearch: Bool { searches[activeTab]?.isEditing == true }

    /// The index of the active tab in ``tabs`` (0 when tabs are not loaded yet).
    public var activeTabIndex: Int { tabs.firstIndex { $0.kind == activeTab } ?? 0 }

    /// The active tab's info, if loaded.
    public var activeTabInfo: TabInfo? { tabs.first { $0.kind == activeTab } }

    /// Whether the article pane is on screen (not zoomed away, the terminal big enough).
    public var isArticleVisible: Bool {
        let pane = layout.article
        return !layout.isTooSmall && pane.width > 0 && pane.height > 0
    }

    /// The article laid out for the article pane's current width (the placeholder while
    /// loading); made once per article, query and width (``ArticleLayoutMemo``).
    public var articleLayout: ArticleLayout {
        let width = min(layout.article.inset(columns: 1).width, settings.layout.articleWidth ?? .max)
        let current = article.current
        if current == nil, options.preview == .onEnter, article.id == nil {
            // Nothing opened yet: one quiet line that stays put as the selection moves (too
            // small to be worth the memo).
            let open = keyTable.label(of: .open) ?? "Enter"
            return ArticleLayout(notice: "\(open) opens the selected story", width: width)
        }
        let query = current == nil ? nil : article.query
        let title = current == nil ? list.selected?.title : nil
        let key = ArticleLayoutMemo.Key(article: current, loadingTitle: title, query: query, width: width)
        return article.layoutMemo.layout(for: key) {
            if let current {
                return ArticleLayout(article: current, highlighter: query.map(SearchHighlighter.init), width: width)
            }
            return ArticleLayout(loadingTitle: title, width: width)
        }
    }

    /// Hands out the next list generation.
    mutating func nextGeneration() -> Int {
        generation += 1
        return generation
    }
}
