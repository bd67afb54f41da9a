import TidingsScreen

/// The styles the renderer uses, with or without colour roles.
///
/// Every style carries its meaning in attributes (bold, dim, reverse) first; colour roles
/// only add to it, and with `colors == false` there are none at all.
struct Theme: Sendable {
    let plain: Style
    let bold: Style
    let dim: Style
    let selected: Style
    let selectedUnfocused: Style
    let activeTab: Style
    let bookmark: Style
    let unread: Style
    let title: Style
    let warning: Style
    let hintKey: Style
    /// A search match in a headline or the article.
    let match: Style
    /// The match `n`/`N` moved to.
    let currentMatch: Style

    init(colors: Bool) {
        func style(_ attributes: Style.Attributes, _ color: Style.Color) -> Style {
            Style(attributes, color: colors ? color : .none)
        }
        plain = .plain
        bold = style(.bold, .none)
        dim = style(.dim, .muted)
        selected = style(.reverse, .none)
        // Dimmed when the article has focus, so the focused pane is the one that stands out.
        selectedUnfocused = style([.reverse, .dim], .none)
        activeTab = style([.reverse, .bold], .tab)
        bookmark = style(.bold, .highlight)
        unread = style(.bold, .accent)
        title = style(.bold, .accent)
        warning = style(.bold, .warning)
        hintKey = style(.bold, .none)
        // Bold and underlined rather than reversed: a match on the selected (reversed) row
        // must still show.
        match = style([.bold, .underline], .highlight)
        currentMatch = style([.bold, .reverse], .highlight)
    }
}
