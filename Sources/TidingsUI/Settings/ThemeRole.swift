import TidingsScreen

/// A part of the screen a theme gives colours and attributes, by its stable config name.
///
/// The raw value is the name in `[theme]` of the config file; never rename one.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case list
    case selected
    case unread
    case bookmark
    case outlet
    case date
    case tabs
    case activeTab = "active-tab"
    case status
    case hintKey = "hint-key"
    case match
    case currentMatch = "current-match"
    case title
    case meta
    case muted
    case warning

    /// The colour role the screen buffer carries for this part.
    public var colorRole: Style.Color {
        switch self {
        case .list: .list
        case .selected: .selected
        case .unread: .unread
        case .bookmark: .bookmark
        case .outlet: .outlet
        case .date: .date
        case .tabs: .tabs
        case .activeTab: .activeTab
        case .status: .status
        case .hintKey: .hintKey
        case .match: .match
        case .currentMatch: .currentMatch
        case .title: .title
        case .meta: .meta
        case .muted: .muted
        case .warning: .warning
        }
    }

    /// What the role colours, for the comments of `tidings config`.
    public var summary: String {
        switch self {
        case .list: "headline titles in the list"
        case .selected: "the selected row"
        case .unread: "the unread mark"
        case .bookmark: "the bookmark star"
        case .outlet: "the outlet column"
        case .date: "the date column"
        case .tabs: "the tab bar"
        case .activeTab: "the active tab (and \"story\" in the status line)"
        case .status: "the status line"
        case .hintKey: "keys in the status line's hints"
        case .match: "search matches"
        case .currentMatch: "the match n/N moved to"
        case .title: "the story's title (and help headings)"
        case .meta: "the story's outlet, date and host line"
        case .muted: "dimmed text: hints, counts, separators"
        case .warning: "messages and warnings"
        }
    }
}

/// How one role is drawn: colours and attributes.
public struct RoleStyle: Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: Style.Attributes

    public init(
        _ attributes: Style.Attributes = [], foreground: TerminalColor = .default, background: TerminalColor = .default
    ) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// Whether the role has a colour of its own (else only attributes).
    public var hasColor: Bool { foreground != .default || background != .default }
}
