import TidingsScreen

/// The two panes of the browser.
public enum Pane: Hashable, Sendable {
    case list
    case article
}

/// How the two panes share the screen.
public enum Arrangement: Hashable, Sendable {
    /// List on the left, article on the right, a `│` between.
    case sideBySide
    /// List above, article below, a `─` rule between.
    case stacked
}

/// Where each part of the screen goes: computed from the size and the layout choices.
///
/// Shared by the reducer (page sizes, scroll limits) and the renderer, so both always agree
/// on how many rows a pane has.
public struct PaneLayout: Equatable, Sendable {
    /// Below this the browser only says the terminal is too small.
    public static let minimumSize = Size(columns: 20, rows: 5)
    /// From this width on, the automatic arrangement is side by side (unless the config
    /// file says another: ``LayoutSettings/sideBySideWidth``).
    public static let sideBySideWidth = LayoutSettings.standard.sideBySideWidth

    public let size: Size
    public let isTooSmall: Bool
    public let arrangement: Arrangement
    public let tabBar: Rect
    public let status: Rect
    /// The list pane; `.zero` when the article is zoomed.
    public let list: Rect
    /// The article pane; `.zero` when the list is zoomed.
    public let article: Rect
    /// The `│` column or `─` row between the panes; `nil` when zoomed or too small.
    public let separator: Rect?

    /// - Parameters:
    ///   - override: the arrangement chosen with `v`, or `nil` to follow the width.
    ///   - zoomed: the pane that has the whole body, if any.
    ///   - settings: the config file's threshold and list share.
    public init(size: Size, override: Arrangement? = nil, zoomed: Pane? = nil, settings: LayoutSettings = .standard) {
        self.size = size
        let arrangement = override ?? (size.columns >= settings.sideBySideWidth ? .sideBySide : .stacked)
        self.arrangement = arrangement
        isTooSmall = size.columns < Self.minimumSize.columns || size.rows < Self.minimumSize.rows
        guard !isTooSmall else {
            (tabBar, status, list, article, separator) = (.zero, .zero, .zero, .zero, nil)
            return
        }
        let width = size.columns
        tabBar = Rect(x: 0, y: 0, width: width, height: 1)
        status = Rect(x: 0, y: size.rows - 1, width: width, height: 1)
        let body = Rect(x: 0, y: 1, width: width, height: size.rows - 2)
        switch (zoomed, arrangement) {
        case (.list?, _):
            (list, article, separator) = (body, .zero, nil)
        case (.article?, _):
            (list, article, separator) = (.zero, body, nil)
        case (nil, .sideBySide):
            // Half each: the list's date and outlet columns and a readable title need about
            // 60 columns at 120, and the article's lines stay near 60 characters, a
            // comfortable measure (at 40% the list had 46 and cut outlets to `The Guar…`).
            let listWidth = width * settings.listPercent / 100
            list = Rect(x: 0, y: body.y, width: listWidth, height: body.height)
            separator = Rect(x: listWidth, y: body.y, width: 1, height: body.height)
            article = Rect(x: listWidth + 1, y: body.y, width: width - listWidth - 1, height: body.height)
        case (nil, .stacked):
            let listRows = max(1, body.height * 2 / 5)
            list = Rect(x: 0, y: body.y, width: width, height: listRows)
            separator = Rect(x: 0, y: body.y + listRows, width: width, height: 1)
            article = Rect(
                x: 0, y: body.y + listRows + 1, width: width, height: body.height - listRows - 1)
        }
    }
}
