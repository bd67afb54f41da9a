import Foundation
import Testing

/// The config file through the real binary: keys remapped in the browser, a bad file refused
/// before anything starts, and `tidings config` printing a file that `--check` accepts.
struct ConfigEndToEndTests {
    /// `select-next` on `x` and Down (not `j`), `search` on `f`.
    static let remap = """
        # remapped for the test
        [keys]
        select-next = ["x", "Down"]
        search = ["f"]
        """

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func remappedKeyWorksOldOneDoesNotHelpShowsIt() async throws {
        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let config = try cli.write("config.toml", Self.remap)
        let tmux = try TmuxSession(
            command: [try BuiltProducts.executable(named: "tidings")], columns: 100, rows: 40,
            environment: cli.environment.merging(["NO_COLOR": "1", "TIDINGS_CONFIG": config]) { _, b in b })
        try await tmux.waitFor("1/50")
        // The hint shows the search key as bound.
        try await tmux.waitFor("f search")
        // `j` no longer moves; `x` does. The help opened after both has them answered.
        try tmux.sendKeys("j", "x", "?")
        let help = try await tmux.waitFor("select-next")
        let lines = help.split(separator: "\n")
        #expect(lines.contains { $0.contains("2/50") }, "\(help)")
        #expect(lines.contains { $0.contains("│ x / Down ") && $0.contains("select-next") }, "\(help)")
        #expect(lines.contains { $0.contains("│ f ") && $0.contains("search") }, "\(help)")
        #expect(!help.contains("j / Down"))
        try tmux.sendKeys("q")
        try await tmux.waitUntil("help closed") { !$0.contains("select-next") }
        try tmux.sendKeys("Down")
        try await tmux.waitFor("3/50")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    /// Whether the direct-colour terminal type tmux's panes would switch to is installed
    /// (Debian's ncurses-term, which .ci/run installs).
    static var hasDirectColorType: Bool {
        ["/usr/share/terminfo/t/tmux-direct", "/lib/terminfo/t/tmux-direct", "/etc/terminfo/t/tmux-direct"]
            .contains { FileManager.default.fileExists(atPath: $0) }
    }

    @Test(
        .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
        .enabled(if: hasDirectColorType, "no tmux-direct terminal type (Debian: ncurses-term)"))
    func rgbColourIsTruecolorOnlyWhenTheTerminalSaysSo() async throws {
        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let config = try cli.write("config.toml", "[theme.unread]\nfg = \"#ff8700\"\n")
        for (colorterm, expected) in [("truecolor", "38;2;255;135;0"), ("", "38;5;208")] {
            let tmux = try TmuxSession(
                command: [try BuiltProducts.executable(named: "tidings")], columns: 100, rows: 30,
                environment: cli.environment.merging(["TIDINGS_CONFIG": config, "COLORTERM": colorterm]) { _, b in b })
            try await tmux.waitFor("1/50")
            // The unread marks in the theme's orange: as RGB, or the nearest of the 256.
            let screen = try await tmux.waitUntil("unread marks coloured", escapes: true) { $0.contains(expected) }
            #expect(!screen.contains(expected == "38;5;208" ? "38;2;" : "38;5;208"))
            try tmux.sendKeys("q")
            #expect(try await tmux.waitForExit() == 0)
        }
    }

    /// Before: without `COLORTERM` a direct-colour `TERM` got palette numbers, which it read
    /// as RGB: the orange came out as RGB(0,0,208), bright black as RGB(0,0,8).
    @Test(
        .enabled(if: TmuxSession.isAvailable, "tmux is not installed"),
        .enabled(if: hasDirectColorType, "no tmux-direct terminal type (Debian: ncurses-term)"))
    func directTerminalTypeGetsRGBWithoutColorterm() async throws {
        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let config = try cli.write("config.toml", "[theme.unread]\nfg = \"#ff8700\"\n")
        let tmux = try TmuxSession(
            command: [try BuiltProducts.executable(named: "tidings")], columns: 100, rows: 30,
            environment: cli.environment.merging(["TIDINGS_CONFIG": config, "COLORTERM": ""]) { _, b in b },
            term: "tmux-direct")
        try await tmux.waitFor("1/50")
        let screen = try await tmux.waitUntil("unread marks coloured", escapes: true) { $0.contains("38;2;255;135;0") }
        // No palette number went out as RGB: the darkest blue any colour could become is #000008.
        let misread = (9..<256).filter { number in
            ["38", "48"].contains { layer in
                ["m", ";"].contains { screen.contains("\(layer);2;0;0;\(number)\($0)") }
            }
        }
        #expect(misread.isEmpty, "palette numbers sent as RGB: \(misread)")
        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func previewFromTheFileAndTheCommandLineWins() async throws {
        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let config = try cli.write("config.toml", "[layout]\npreview = \"on-enter\"\n")
        let binary = try BuiltProducts.executable(named: "tidings")
        let environment = cli.environment.merging(["NO_COLOR": "1", "TIDINGS_CONFIG": config]) { _, b in b }
        // The file's on-enter: the story pane waits for Enter.
        let waiting = try TmuxSession(command: [binary], columns: 100, rows: 30, environment: environment)
        try await waiting.waitFor("opens the selected story")
        try waiting.sendKeys("q")
        #expect(try await waiting.waitForExit() == 0)
        // --preview follow on the command line wins over the file: the first story shows.
        let following = try TmuxSession(
            command: [binary, "--preview", "follow"], columns: 100, rows: 30, environment: environment)
        let screen = try await following.waitFor("1/50")
        #expect(!screen.contains("opens the selected story"))
        try following.sendKeys("q")
        #expect(try await following.waitForExit() == 0)
    }

    @Test func badFileStopsTheBrowserWith78() async throws {
        let cli = try CLI()
        let config = try cli.write("config.toml", "[keys]\nselect-next = [\"x\"]\nopen = [\"x\"]\n")
        for arguments in [["--config", config], ["browse", "--config", config]] {
            let result = try await cli.run(arguments: arguments)
            #expect(result.status == 78, "\(result)")
            #expect(result.standardError.contains("\(config):3:9: key \"x\" is bound to both"), "\(result)")
            #expect(result.standardOutput.isEmpty)
        }
        // The same through the variable; nothing was created, the file untouched.
        let viaVariable = try await cli.run(arguments: [], environment: ["TIDINGS_CONFIG": config])
        #expect(viaVariable.status == 78, "\(viaVariable)")
        #expect(!FileManager.default.fileExists(atPath: cli.library))
        #expect(
            try String(contentsOfFile: config, encoding: .utf8) == "[keys]\nselect-next = [\"x\"]\nopen = [\"x\"]\n")
        let missing = try await cli.run("--config", cli.scratch.file("nowhere.toml"))
        #expect(missing.status == 78)
        #expect(missing.standardError.contains("nowhere.toml: no such file"))
    }

    @Test func configPrintsAFileThatChecksAndReadsBack() async throws {
        let cli = try CLI()
        let printed = try await cli.run("config")
        #expect(printed.status == 0, "\(printed)")
        #expect(printed.standardOutput.contains("select-next = [\"j\", \"Down\"]"))
        let file = try cli.write("printed.toml", printed.standardOutput)
        let check = try await cli.run("config", "--check", file)
        #expect(check.status == 0, "\(check)")
        #expect(check.standardOutput.contains("good"))
        // A changed file prints back as changed, and its check is good too.
        let custom = try cli.write("custom.toml", Self.remap + "\n[layout]\narticle-width = 72\n")
        let again = try await cli.run("config", "--config", custom)
        #expect(again.standardOutput.contains("select-next = [\"x\", \"Down\"]"))
        #expect(again.standardOutput.contains("article-width = 72"))
        // No file at the usual place: the defaults, and --check says so.
        let none = try await cli.run("config", "--check")
        #expect(none.status == 0)
        #expect(none.standardOutput.contains("no config file"))
        let bad = try await cli.run("config", "--check", try cli.write("bad.toml", "[layout]\nlist-width = 5\n"))
        #expect(bad.status == 78)
        #expect(bad.standardError.contains("bad.toml:2:14: [layout] list-width is 5"))
        let misuse = try await cli.run("config", "some.toml")
        #expect(misuse.status == 64)
    }
}
