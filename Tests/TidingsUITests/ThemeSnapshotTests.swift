import Testing
import TidingsScreen
import TidingsUI

/// The config file's themes on whole screens: the buffer carries each role, and the palette
/// resolved for each kind of terminal says what colours those roles get.
@Suite("Themes")
struct ThemeSnapshotTests {
    /// A theme with a colour of every kind: a name, an indexed colour, RGB and a background.
    static var custom: ThemeSpec {
        var theme = ThemeSpec.dark
        theme[.unread] = RoleStyle(.bold, foreground: .rgb(0xFF, 0x87, 0x00))
        theme[.selected] = RoleStyle(.bold, foreground: .ansi(15), background: .rgb(0x1E, 0x3A, 0x5F))
        theme[.status] = RoleStyle([], foreground: .ansi(0), background: .indexed(250))
        theme[.outlet] = RoleStyle(.underline, foreground: .indexed(108))
        return theme
    }

    /// One line per role with colours: what the terminal is asked for at each depth.
    static func palettes(_ theme: ThemeSpec) -> String {
        let depths: [(String, ColorDepth)] = [
            ("truecolor", .direct), ("256", .indexed256), ("16", .sixteen), ("8", .eight),
        ]
        var out = ""
        for (name, depth) in depths {
            out += "--- \(name) colours\n"
            for role in ThemeRole.allCases where theme[role].hasColor {
                let style = theme[role]
                let fg = style.foreground.resolved(for: depth)
                let bg = style.background.resolved(for: depth)
                out += "\(role.rawValue) fg=\(fg) bg=\(bg)\n"
            }
        }
        return out
    }

    @Test("dark, the default: the colours Tidings always had")
    func dark() {
        let session = Harness(Fixtures.library(), colors: true, settings: BrowserSettings(theme: .dark))
        assertSnapshot(session.screen, named: "theme-dark-80x24")
        #expect(session.screen == Harness(Fixtures.library(), colors: true).screen)
        assertSnapshot(text: Self.palettes(.dark), named: "theme-dark-palettes")
    }

    @Test("light: the same roles, hues for a white background")
    func light() {
        var session = Harness(SearchFixtures.library(), colors: true, settings: BrowserSettings(theme: .light))
        session.type("/launcher")
        session.press(.enter, .enter)
        session.type("nnn")
        assertSnapshot(session.screen, named: "theme-light-search-80x24")
        assertSnapshot(text: Self.palettes(.light), named: "theme-light-palettes")
        #expect(ThemeSpec.light[.title].foreground != ThemeSpec.dark[.title].foreground)
    }

    @Test("a custom theme: roles on screen; truecolor, 256, 16 and 8 colours resolved")
    func custom() {
        let session = Harness(Fixtures.library(), colors: true, settings: BrowserSettings(theme: Self.custom))
        assertSnapshot(session.screen, named: "theme-custom-80x24")
        assertSnapshot(text: Self.palettes(Self.custom), named: "theme-custom-palettes")
        // The selected row takes the role's background over the text's own colours.
        let screen = session.screen
        let selectedRow = (0..<screen.height).first { y in screen.row(y).contains { $0.style.color == .selected } }
        #expect(selectedRow != nil)
        // The status line's background runs under its whole row.
        #expect(screen.row(screen.height - 1).allSatisfy { $0.style.color != .none })
    }

    @Test("NO_COLOR: no colour role at all, the theme's attributes still drawn")
    func noColor() {
        let session = Harness(Fixtures.library(), colors: false, settings: BrowserSettings(theme: Self.custom))
        let screen = session.screen
        assertSnapshot(screen, named: "theme-no-color-80x24")
        #expect(screen.cells.allSatisfy { $0.style.color == .none })
        // The custom theme's underlined outlets show without colour.
        #expect(screen.cells.contains { $0.style.attributes == .underline })
    }
}
