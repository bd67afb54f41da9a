import Foundation
import Testing

/// The browser light on the wire, end to end in tmux: the preview on Enter, the mouse (on and
/// off) and the `:` prompt, with the real terminal adapter.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct BrowserWireTests {
    /// The sample archive in a scratch library, and `tidings ARGUMENTS` on it in tmux, its
    /// output recorded. `TERM=xterm-256color`: the entry whose mouse reports are SGR 1006.
    struct Browser {
        let cli: CLI
        let tmux: TmuxSession
        let output: String

        init(_ arguments: [String] = [], columns: Int = 80, rows: Int = 24) async throws {
            cli = try CLI()
            let imported = try await cli.run("import", CLI.repository + "/data")
            #expect(imported.status == 0, "\(imported)")
            tmux = try TmuxSession(
                command: [try BuiltProducts.executable(named: "tidings")] + arguments,
                columns: columns, rows: rows, environment: cli.environment.merging(["NO_COLOR": ""]) { _, b in b },
                term: "xterm-256color")
            output = cli.scratch.file("output.bin")
            try tmux.recordOutput(to: output)
        }

        /// Everything the browser wrote since recording started.
        func written() -> String {
            String(decoding: (try? Data(contentsOf: URL(fileURLWithPath: output))) ?? Data(), as: UTF8.self)
        }
    }

    /// An SGR 1006 mouse report for a cell (0-based), as xterm sends it: press, then release.
    static func sgr(button: Int, x: Int, y: Int, release: Bool = true) -> String {
        "\u{1B}[<\(button);\(x + 1);\(y + 1)M" + (release ? "\u{1B}[<\(button);\(x + 1);\(y + 1)m" : "")
    }

    @Test func mouseOnClicksAndScrolls() async throws {
        let browser = try await Browser(["--mouse"])
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        // tmux tells which reporting the program asked for.
        #expect(try tmux.query("#{mouse_standard_flag}#{mouse_sgr_flag}") == "11", "SGR mouse reporting asked for")
        // Stacked at 80x24: list rows 1–8. A click on the fourth row selects it.
        try tmux.sendText(Self.sgr(button: 0, x: 30, y: 4))
        try await tmux.waitFor("4/50")
        // The wheel over the list moves page and selection by three.
        try tmux.sendText(Self.sgr(button: 65, x: 30, y: 4, release: false))
        try await tmux.waitFor("7/50")
        // A click on the second tab switches to it.
        let bar = try tmux.capture().split(separator: "\n").first.map(String.init) ?? ""
        let second = try #require(bar.firstIndex(of: "│"))
        try tmux.sendText(Self.sgr(button: 0, x: bar.distance(from: bar.startIndex, to: second) + 3, y: 0))
        try await tmux.waitUntil("the second tab") { $0.split(separator: "\n").last?.contains("1/10") == true }
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
        #expect(try tmux.terminalIsRestored())
    }

    @Test func mouseOffAsksForNothingAndIgnoresReports() async throws {
        let browser = try await Browser()
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try tmux.sendKeys("j")
        try await tmux.waitFor("2/50")
        #expect(
            try tmux.query("#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}") == "0000",
            "no mouse reporting turned on")
        // A stray report (another program's, pasted) moves nothing and switches no tab.
        try tmux.sendText(Self.sgr(button: 0, x: 30, y: 6))
        try tmux.sendKeys("j")
        let screen = try await tmux.waitFor("3/50")
        #expect(screen.split(separator: "\n").last?.contains("3/50  All") == true, "\(screen)")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test func previewOnEnterAndThePrompt() async throws {
        let browser = try await Browser(["--preview", "on-enter"], columns: 120, rows: 40)
        let tmux = browser.tmux
        try await tmux.waitFor("1/50")
        try await tmux.waitFor("Enter opens the selected story")
        try tmux.sendKeys("j", "j")
        try await tmux.waitFor("3/50")
        #expect(try tmux.capture().contains("Enter opens the selected story"))
        try tmux.sendKeys("Enter")
        try await tmux.waitUntil("the story opened") {
            !$0.contains("Enter opens the selected story") && !$0.contains("Loading…")
                && $0.contains("3/50  All  story")
        }
        try tmux.sendKeys("Escape")
        try await tmux.waitUntil("back in the list") { !$0.contains("3/50  All  story") }
        let opened = try tmux.capture()
        try tmux.sendKeys("j")
        try await tmux.waitFor("4/50")
        // The story pane kept the post opened: above the status line the text is as it was
        // (only the selection bar moved, which the text does not show).
        let kept = try tmux.capture()
        #expect(opened.split(separator: "\n").dropLast() == kept.split(separator: "\n").dropLast())
        // The prompt: Tab completes, Enter runs.
        try tmux.sendText(":ta")
        try tmux.sendKeys("Tab")
        try await tmux.waitFor(":tab")
        try tmux.sendText("2")
        try tmux.sendKeys("Enter")
        try await tmux.waitUntil("the second tab") { $0.split(separator: "\n").last?.contains("1/10") == true }
        try tmux.sendText(":quit")
        try tmux.sendKeys("Enter")
        #expect(try await tmux.waitForExit() == 0)
    }
}
