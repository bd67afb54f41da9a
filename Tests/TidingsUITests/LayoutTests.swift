import Testing
import TidingsScreen

@testable import TidingsUI

/// The pure layout pieces shared by the reducer and the renderer.
@Suite("Layout")
struct LayoutTests {
    @Test("side by side from 100 columns, list and article half each, separator between (issue 15, 7)")
    func sideBySide() {
        let layout = PaneLayout(size: Size(columns: 120, rows: 40))
        #expect(layout.arrangement == .sideBySide)
        #expect(layout.list == Rect(x: 0, y: 1, width: 60, height: 38))
        #expect(layout.separator == Rect(x: 60, y: 1, width: 1, height: 38))
        #expect(layout.article == Rect(x: 61, y: 1, width: 59, height: 38))
        #expect(PaneLayout(size: Size(columns: 99, rows: 40)).arrangement == .stacked)
    }

    @Test("stacked below 100 columns: list about 40% of the rows, a rule, the article")
    func stacked() {
        let layout = PaneLayout(size: Size(columns: 80, rows: 24))
        #expect(layout.list == Rect(x: 0, y: 1, width: 80, height: 8))
        #expect(layout.separator == Rect(x: 0, y: 9, width: 80, height: 1))
        #expect(layout.article == Rect(x: 0, y: 10, width: 80, height: 13))
        #expect(layout.status == Rect(x: 0, y: 23, width: 80, height: 1))
    }

    @Test("too small below 20x5; the smallest usable size has a row per pane")
    func tooSmall() {
        #expect(PaneLayout(size: Size(columns: 19, rows: 24)).isTooSmall)
        #expect(PaneLayout(size: Size(columns: 80, rows: 4)).isTooSmall)
        let smallest = PaneLayout(size: Size(columns: 20, rows: 5))
        #expect(!smallest.isTooSmall)
        #expect(smallest.list.height == 1)
        #expect(smallest.article.height == 1)
    }

    @Test("an article anchor survives reflow to the line holding the same character")
    func anchorReflow() {
        let article = Fixtures.article(0, paragraphs: 4)
        let wide = ArticleLayout(article: article, width: 70)
        let narrow = ArticleLayout(article: article, width: 30)
        let line = wide.lines.firstIndex { $0.block == 2 && $0.start > 0 }!
        let anchor = wide.anchor(ofLine: line)
        let firstWord = wide.lines[line].text.split(separator: " ").first!
        let narrowLine = narrow.lines[narrow.lineIndex(of: anchor)]
        #expect(narrowLine.block == 2)
        #expect(narrowLine.text.contains(firstWord))
        // Every line maps to itself at the same width.
        for index in wide.lines.indices {
            #expect(wide.lineIndex(of: wide.anchor(ofLine: index)) == index)
        }
    }

    @Test("article lines: title, meta, blank, paragraphs with a blank between, none wider than the pane")
    func articleLines() {
        let layout = ArticleLayout(article: Fixtures.article(2, paragraphs: 2), width: 40)
        #expect(layout.lines.first?.kind == .title)
        #expect(layout.lines.contains { $0.kind == .meta && $0.text.contains("Hana Seo") })
        #expect(layout.lines.last?.kind == .body)
        #expect(layout.lines.filter { $0.kind == .blank }.count == 2)
        #expect(layout.lines.allSatisfy { TextWidth.columns(of: $0.text) <= 40 })
    }

    @Test("escape sequences in an article never reach the layout")
    func articleIsSanitised() {
        let hostile = Article(
            id: "x", title: "Title\u{1B}]52;c;aGVsbG8=\u{07} here", paragraphs: ["Body \u{1B}[2J text \u{202E}reversed"]
        )
        let layout = ArticleLayout(article: hostile, width: 60)
        #expect(layout.lines.allSatisfy { Sanitizer.isClean($0.text) })
    }

    @Test("the key table is the key map: every binding's keys find its command")
    func keyTable() {
        let table = KeyTable.standard
        for binding in table.bindings {
            for key in binding.keys {
                #expect(table.command(for: key) == binding.command)
            }
        }
        #expect(Set(table.bindings.map(\.command)) == Set(Command.allCases))
        #expect(table.command(for: .character("x")) == nil)
        #expect(table.binding(for: .jumpTab)?.keysText == "1–9")
        #expect(table.text(of: table.hints[0]) == ("/", "search"))
        #expect(table.text(of: table.hints[2]) == ("[ ]", "tabs"))
        for binding in table.lineBindings {
            for key in binding.keys { #expect(table.lineEdit(for: key) == binding.edit) }
        }
        #expect(Set(table.lineBindings.map(\.edit)) == Set(LineEdit.allCases))
    }

    @Test("the help and the status hint come from the key table")
    func generatedFromTable() {
        var session = Harness(Fixtures.library(), columns: 120, rows: 49)
        #expect(session.lines[48].hasSuffix("? help"))
        #expect(session.lines[48].contains("q quit"))
        #expect(session.lines[48].contains("[ ] tabs"))
        session.type("?")
        let screen = session.lines.joined(separator: "\n")
        let help = HelpLayout(keyTable: .standard, size: session.state.size)
        #expect(help.maxScroll == 0, "the whole help fits at 120x49")
        #expect(screen.contains("read once opened"))
        for binding in KeyTable.standard.bindings {
            #expect(screen.contains(binding.command.name))
            #expect(screen.contains(binding.keysText))
        }
        for binding in KeyTable.standard.lineBindings {
            #expect(screen.contains(binding.edit.name))
            #expect(screen.contains(binding.keysText))
        }
        #expect(screen.contains("Search line"))
        #expect(screen.contains(KeyTable.standard.queryLanguage))
    }

    @Test("counts are grouped by thousands")
    func grouping() {
        #expect(Renderer.grouped(0) == "0")
        #expect(Renderer.grouped(999) == "999")
        #expect(Renderer.grouped(1_204) == "1,204")
        #expect(Renderer.grouped(104_332) == "104,332")
        #expect(Renderer.grouped(1_000_000) == "1,000,000")
    }

    @Test("the tab bar scrolls only as far as needed to show the active tab")
    func tabScroll() {
        let widths = [9, 14, 12, 17, 13, 12, 15]
        #expect(Renderer.firstVisibleTab(widths: widths, active: 0, width: 80) == 0)
        #expect(Renderer.firstVisibleTab(widths: widths, active: 4, width: 80) == 0)
        #expect(Renderer.firstVisibleTab(widths: widths, active: 6, width: 80) == 2)
        #expect(Renderer.firstVisibleTab(widths: widths, active: 6, width: 10) == 6)
    }

    @Test("without colours no cell carries a colour role; with them some do")
    func monochrome() {
        for colors in [false, true] {
            var session = Harness(Fixtures.library(), colors: colors)
            session.type("?")
            let roles = Set(session.screen.cells.map(\.style.color))
            #expect(colors ? roles.count > 1 : roles == [.none])
        }
    }
}
