/// The `[layout]` choices: where the panes go and how wide the story's lines get.
public struct LayoutSettings: Hashable, Sendable {
    /// From this many columns on, the panes sit side by side (unless `v` says otherwise).
    public var sideBySideWidth: Int
    /// The list's share of the width side by side, in percent.
    public var listPercent: Int
    /// The longest line of the story, in columns, centred in its pane; nil: the pane's width.
    public var articleWidth: Int?
    public var dateFormat: DateFormat

    /// The ranges a config file may use.
    public static let sideBySideWidthRange = 40...1000
    public static let listPercentRange = 20...80
    public static let articleWidthRange = 20...1000

    public init(
        sideBySideWidth: Int = 100, listPercent: Int = 50, articleWidth: Int? = nil, dateFormat: DateFormat = .iso
    ) {
        self.sideBySideWidth = sideBySideWidth
        self.listPercent = listPercent
        self.articleWidth = articleWidth
        self.dateFormat = dateFormat
    }

    /// Today's layout: side by side from 100 columns, half each, lines as wide as the pane.
    public static let standard = LayoutSettings()
}

/// Everything a config file can change in the browser, as plain values.
public struct BrowserSettings: Equatable, Sendable {
    public var keyTable: KeyTable
    public var theme: ThemeSpec
    public var layout: LayoutSettings

    public init(keyTable: KeyTable = .standard, theme: ThemeSpec = .dark, layout: LayoutSettings = .standard) {
        self.keyTable = keyTable
        self.theme = theme
        self.layout = layout
    }

    /// No config file: the browser as it has always been.
    public static let standard = BrowserSettings()
}
