import TidingsScreen

/// A whole theme: the style of every ``ThemeRole``, starting from a built-in base.
public struct ThemeSpec: Equatable, Sendable {
    /// The built-in themes a config file starts from.
    public enum Base: String, CaseIterable, Hashable, Sendable {
        /// For dark terminal backgrounds: the colours Tidings has always had.
        case dark
        /// For light backgrounds: darker hues that keep their contrast on white.
        case light
    }

    public var base: Base
    /// One style per role; every role is present.
    public private(set) var roles: [ThemeRole: RoleStyle]

    public init(base: Base) {
        self.base = base
        roles = base == .dark ? Self.darkRoles : Self.lightRoles
    }

    public static let dark = ThemeSpec(base: .dark)
    public static let light = ThemeSpec(base: .light)

    public subscript(role: ThemeRole) -> RoleStyle {
        get { roles[role] ?? RoleStyle() }
        set { roles[role] = newValue }
    }

    /// The colours the terminal sets up: one entry per role that has colours.
    public var palette: ColorPalette {
        var entries: [Style.Color: ColorPalette.Entry] = [:]
        for (role, style) in roles where style.hasColor {
            entries[role.colorRole] = ColorPalette.Entry(foreground: style.foreground, background: style.background)
        }
        return ColorPalette(entries: entries)
    }

    // Every style carries its meaning in attributes first (the screen must read with colour
    // off); colours only add to it. Dark is the look Tidings had before themes.
    private static let darkRoles: [ThemeRole: RoleStyle] = [
        .list: RoleStyle(),
        .selected: RoleStyle(.reverse),
        .unread: RoleStyle(.bold, foreground: .ansi(6)),
        .bookmark: RoleStyle(.bold, foreground: .ansi(3)),
        .outlet: RoleStyle(.dim, foreground: .ansi(8)),
        .date: RoleStyle(.dim, foreground: .ansi(8)),
        .tabs: RoleStyle(),
        .activeTab: RoleStyle([.reverse, .bold], foreground: .ansi(2)),
        .status: RoleStyle(),
        .hintKey: RoleStyle(.bold),
        // Bold and underlined rather than reversed: a match on the selected (reversed) row
        // must still show.
        .match: RoleStyle([.bold, .underline], foreground: .ansi(3)),
        .currentMatch: RoleStyle([.bold, .reverse], foreground: .ansi(3)),
        .title: RoleStyle(.bold, foreground: .ansi(6)),
        .meta: RoleStyle(.dim, foreground: .ansi(8)),
        .muted: RoleStyle(.dim, foreground: .ansi(8)),
        .warning: RoleStyle(.bold, foreground: .ansi(1)),
    ]

    private static let lightRoles: [ThemeRole: RoleStyle] = {
        var roles = darkRoles
        // Cyan, yellow and green wash out on white; blue, magenta and dark red keep.
        roles[.unread] = RoleStyle(.bold, foreground: .ansi(4))
        roles[.bookmark] = RoleStyle(.bold, foreground: .ansi(5))
        roles[.activeTab] = RoleStyle([.reverse, .bold], foreground: .ansi(4))
        roles[.match] = RoleStyle([.bold, .underline], foreground: .ansi(5))
        roles[.currentMatch] = RoleStyle([.bold, .reverse], foreground: .ansi(5))
        roles[.title] = RoleStyle(.bold, foreground: .ansi(4))
        return roles
    }()
}
