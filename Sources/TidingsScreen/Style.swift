/// How a cell is drawn: text attributes plus an optional colour role.
///
/// Roles rather than concrete colours, so that the terminal adapter can map them to
/// whatever the terminal offers and drop them entirely under `NO_COLOR`; every screen
/// must read well with the attributes alone.
public struct Style: Hashable, Sendable {
    /// Text attributes that every terminal we support can show.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let reverse = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
    }

    /// A colour role, one per part of the screen a theme colours; the adapter draws each
    /// with the colours its ``ColorPalette`` gives the role.
    public enum Color: UInt8, Hashable, Sendable, CaseIterable {
        case none
        /// Dimmed text: hints, counts, separators, "Loading…".
        case muted
        case warning
        /// Headline titles in the list.
        case list
        case selected
        case unread
        case bookmark
        case outlet
        case date
        /// Tabs in the tab bar other than the active one.
        case tabs
        case activeTab
        /// The status line's own text.
        case status
        /// Keys in the status line's hints.
        case hintKey
        case match
        case currentMatch
        /// The article's title.
        case title
        /// The article's meta line (outlet, date, host).
        case meta
    }

    public var attributes: Attributes
    public var color: Color

    public init(_ attributes: Attributes = [], color: Color = .none) {
        self.attributes = attributes
        self.color = color
    }

    public static let plain = Style()
    public static let bold = Style(.bold)
    public static let dim = Style(.dim, color: .muted)
    public static let reverse = Style(.reverse)
}
