import TidingsScreen

/// The styles the renderer uses, from the theme's roles, with or without colour.
///
/// Every style carries its meaning in attributes (bold, dim, reverse) first; a role's colour
/// only adds to it, and with `colors == false` there are none at all.
struct Theme: Sendable {
    let plain: Style
    let bold: Style
    let dim: Style
    let selected: Style
    let selectedUnfocused: Style
    let activeTab: Style
    let tabs: Style
    let bookmark: Style
    let unread: Style
    let list: Style
    let outlet: Style
    let date: Style
    let status: Style
    let title: Style
    let meta: Style
    let warning: Style
    let hintKey: Style
    /// A search match in a headline or the article.
    let match: Style
    /// The match `n`/`N` moved to.
    let currentMatch: Style

    init(spec: ThemeSpec, colors: Bool) {
        func style(_ role: ThemeRole) -> Style {
            let roleStyle = spec[role]
            return Style(roleStyle.attributes, color: colors && roleStyle.hasColor ? role.colorRole : .none)
        }
        plain = .plain
        bold = Style(.bold)
        dim = style(.muted)
        selected = style(.selected)
        // Dimmed when the article has focus, so the focused pane is the one that stands out.
        selectedUnfocused = Style(selected.attributes.union(.dim), color: selected.color)
        activeTab = style(.activeTab)
        tabs = style(.tabs)
        bookmark = style(.bookmark)
        unread = style(.unread)
        list = style(.list)
        outlet = style(.outlet)
        date = style(.date)
        status = style(.status)
        title = style(.title)
        meta = style(.meta)
        warning = style(.warning)
        hintKey = style(.hintKey)
        match = style(.match)
        currentMatch = style(.currentMatch)
    }
}
