/// Everything the browser shows, as plain data: the renderer draws it, the reducer changes it.
///
/// Nothing here can be derived from something else here (wrapped article lines, pane sizes
/// and the tab bar's scroll are computed when needed), so the state never disagrees with itself.
public struct AppState: Equatable, Sendable {
    public internal(set) var size: Size
    /// Whether colour roles may be used; when false every style uses `Style.Color.none`.
    public internal(set) var colors: Bool
    /// The tabs in bar order; empty until `.tabsLoaded` arrives.
    public internal(set) var tabs: [TabInfo] = []
    public internal(set) var activeTab: TabKind = .all
    /// Per-tab list state, so that each tab keeps its selection and scroll.
    public internal(set) var lists: [TabKind: HeadlineList] = [:]
    public internal(set) var article = ArticlePane()
    public internal(set) var focus: Pane = .list
    /// The arrangement chosen with `v`; `nil` follows the terminal width.
    public internal(set) var arrangementOverride: Arrangement?
    /// Whether the focused pane has the whole body (`z`).
    public internal(set) var isZoomed = false
    public internal(set) var overlay: Overlay?
    /// A message for the status line (an error from the loop); cleared by the next key.
    public internal(set) var message: String?
    /// The key bindings; the help overlay and the status hint come from them too.
    public let keyTable: KeyTable

    public init(size: Size, colors: Bool, keyTable: KeyTable = .standard) {
        self.size = size
        self.colors = colors
        self.keyTable = keyTable
    }

    /// The pane layout for the current size and choices.
    public var layout: PaneLayout {
        PaneLayout(size: size, override: arrangementOverride, zoomed: isZoomed ? focus : nil)
    }

    /// The active tab's list.
    public var list: HeadlineList { lists[activeTab] ?? HeadlineList() }

    /// The index of the active tab in ``tabs`` (0 when tabs are not loaded yet).
    public var activeTabIndex: Int { tabs.firstIndex { $0.kind == activeTab } ?? 0 }

    /// The active tab's info, if loaded.
    public var activeTabInfo: TabInfo? { tabs.first { $0.kind == activeTab } }

    /// The article laid out for the article pane's current width (the placeholder while loading).
    public var articleLayout: ArticleLayout {
        let width = layout.article.inset(columns: 1).width
        if let current = article.current { return ArticleLayout(article: current, width: width) }
        return ArticleLayout(loadingTitle: list.selected?.title, width: width)
    }
}
