import Testing
import TidingsScreen
import TidingsUI

/// The config file's keys and layout, applied: the key map, help, hints and panes follow them.
@Suite("Settings from the config file")
struct SettingsTests {
    /// `select-next` on `x` alone, `search` on `f` and `/`.
    static let remapped = KeyTable.standard.rebinding(commands: [
        .selectNext: [.character("x")], .search: [.character("f"), .character("/")],
    ])

    /// The text rows of a screen, one string.
    static func text(_ screen: ScreenBuffer) -> String {
        (0..<screen.height).map { y in screen.row(y).map(\.text).joined() }.joined(separator: "\n")
    }

    @Test("a remapped key moves the selection; the old one no longer does")
    func remappedKey() {
        var session = Harness(Fixtures.library(), settings: BrowserSettings(keyTable: Self.remapped))
        session.type("j")
        #expect(session.state.list.selection == 0)
        session.type("x")
        #expect(session.state.list.selection == 1)
        // Down was not rebound away from select-next: the new list replaced both keys.
        session.press(.down)
        #expect(session.state.list.selection == 1)
        #expect(session.state.keyTable.command(for: .character("j")) == nil)
    }

    @Test("help and the status hint show the keys as bound")
    func helpShowsBindings() {
        var session = Harness(Fixtures.library(), settings: BrowserSettings(keyTable: Self.remapped))
        #expect(Self.text(session.screen).contains("f search"))
        session.type("?")
        let help = Self.text(session.screen)
        #expect(help.split(separator: "\n").contains { $0.contains("│ x ") && $0.contains("select-next") })
        #expect(!help.contains("j / Down"))
        assertSnapshot(session.screen, named: "settings-help-remapped-80x24")
    }

    @Test("an unbound command drops out of the hints instead of showing a label with no key")
    func unboundHint() {
        let table = KeyTable.standard.rebinding(commands: [.zoom: [], .toggleLayout: []])
        let session = Harness(Fixtures.library(), columns: 120, rows: 40, settings: BrowserSettings(keyTable: table))
        let status = Self.text(session.screen).split(separator: "\n").last.map(String.init) ?? ""
        #expect(!status.contains("zoom"))
        #expect(status.contains("search"))
    }

    @Test("duplicate keys are listed with both owners")
    func duplicates() {
        let table = KeyTable.standard.rebinding(commands: [.nextPost: [.character("j")]])
        #expect(
            table.duplicateKeys() == [KeyTable.Duplicate(key: .character("j"), names: ["select-next", "next-post"])])
        #expect(KeyTable.standard.duplicateKeys().isEmpty)
    }

    @Test("layout: threshold, list share, article width centred, date format")
    func layout() {
        let layout = LayoutSettings(
            sideBySideWidth: 120, listPercent: 60, articleWidth: 40, dateFormat: DateFormat(pattern: "%e %b")!)
        var session = Harness(Fixtures.library(), columns: 120, rows: 30, settings: BrowserSettings(layout: layout))
        session.type("j")
        #expect(session.state.layout.arrangement == .sideBySide)
        #expect(session.state.layout.list.width == 72)
        #expect(session.state.articleLayout.lines.allSatisfy { TextWidth.columns(of: $0.text) <= 40 })
        assertSnapshot(session.screen, named: "settings-layout-120x30")
        session.resize(110, 30)
        #expect(session.state.layout.arrangement == .stacked)
    }

    @Test("date formats rearrange the archive's days and refuse what they cannot write")
    func dateFormats() {
        #expect(DateFormat(pattern: "%d.%m.%Y")?.format("2026-03-09") == "09.03.2026")
        #expect(DateFormat(pattern: "%e %b %y")?.format("2026-03-09") == "9 Mar 26")
        #expect(DateFormat(pattern: "%b %d")?.width == 6)
        #expect(DateFormat.iso.format("sometime") == "sometime")
        #expect(DateFormat(pattern: "%d %q") == nil)
        #expect(DateFormat(pattern: "%") == nil)
        #expect(DateFormat(pattern: "day") == nil)
    }
}
