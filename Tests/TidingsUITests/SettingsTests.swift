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

    /// `back` on `h` and Ctrl-X, `clear-search` on Ctrl-X, `open` on `l`, `switch-pane` on Shift-Tab.
    static let exitsRemapped = KeyTable.standard.rebinding(
        commands: [
            .back: [.character("h"), .control("x")], .open: [.character("l")], .switchPane: [.backTab],
        ],
        lineEdits: [.cancel: [.control("x")]])

    /// The help's text: a line per row, a note's wrapped rows joined back into one line.
    static func helpText(_ help: HelpLayout) -> String {
        var lines: [String] = []
        for row in help.rows {
            switch row {
            case .binding(let keys, let name, let help): lines.append("\(keys) \(name) \(help)")
            case .heading(let text): lines.append(text)
            case .note(let label, let text) where label.allSatisfy { $0 == " " } && !lines.isEmpty:
                lines[lines.count - 1] += " " + text
            case .note(let label, let text): lines.append("\(label) \(text)")
            case .blank: lines.append("")
            }
        }
        return lines.joined(separator: "\n")
    }

    @Test("help's texts name the keys as bound: back's search clearing, the read rule's keys, the preview")
    func helpTextsFromTheTable() {
        let size = Size(columns: 200, rows: 60)
        let standard = Self.helpText(HelpLayout(keyTable: .standard, size: size))
        #expect(standard.contains("Back to the list; Esc: clear search"))
        #expect(standard.contains("read once opened (Enter, Tab), or after 1.5 seconds in the preview"))
        let remapped = Self.helpText(HelpLayout(keyTable: Self.exitsRemapped, size: size, preview: .onEnter))
        #expect(remapped.contains("Back to the list; Ctrl-X: clear search"), "\(remapped)")
        #expect(!remapped.contains("Esc"), "\(remapped)")
        #expect(remapped.contains("read once opened (l, Shift-Tab)"), "\(remapped)")
        // On Enter the preview never marks a story read by itself.
        #expect(!remapped.contains("seconds"), "\(remapped)")
        let unbound = Self.helpText(
            HelpLayout(keyTable: .standard.rebinding(commands: [.open: [], .switchPane: []]), size: size))
        #expect(unbound.contains("read once opened, or after"), "\(unbound)")
        var session = Harness(
            Fixtures.library(), columns: 100, rows: 60, settings: BrowserSettings(keyTable: Self.exitsRemapped),
            options: BrowserOptions(preview: .onEnter))
        session.type("?")
        assertSnapshot(session.screen, named: "settings-help-exits-remapped-on-enter-100x60")
    }

    @Test("back clears a kept search with the key it shares with clear-search, not with Esc as such")
    func backClearsWithTheSharedKey() {
        var session = Harness(Fixtures.library(), settings: BrowserSettings(keyTable: Self.exitsRemapped))
        session.type("/")
        session.type("kim")
        session.press(.enter)
        #expect(session.state.search != nil)
        session.type("h")
        #expect(session.state.search != nil, "h is back alone: the search stays")
        session.press(.control("x"))
        #expect(session.state.search == nil)
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

    @Test("a capped article is exactly the cap wide, whether the leftover columns are odd or even")
    func articleWidthExact() {
        let layout = LayoutSettings(
            sideBySideWidth: 120, listPercent: 60, articleWidth: 40, dateFormat: DateFormat(pattern: "%e %b")!)
        for columns in [120, 121] {
            var session = Harness(
                Fixtures.library(), columns: columns, rows: 10, settings: BrowserSettings(layout: layout))
            session.type("j")
            let pane = session.state.layout.article.inset(columns: 1)
            let left = pane.x + (pane.width - 40) / 2
            // The scroll indicator ends at the text's right edge: the last of its 40 columns.
            let bottom = Array(
                session.screen.row(session.state.layout.article.y + session.state.layout.article.height - 1))
            let end = bottom.lastIndex { $0.text == "%" }
            #expect(end == left + 39, "\(columns) columns: pane \(pane), indicator ends at \(String(describing: end))")
        }
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
