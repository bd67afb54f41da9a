import Foundation
import Glibc
import Testing

/// Issue 16's escape points: a terminal not in UTF-8 mode, and usage errors that quote the
/// arguments given.
@Suite struct HostileTerminalTests {
    /// Accented letters (`Û` is C3 9B in UTF-8: 9B is CSI to an 8-bit terminal), typographic
    /// punctuation, Hangul and a C1 control.
    let page = """
        Category: Économie

        Ûber café — “quotes” ‘here’ 한국 …

        Posted on May 10, 2019 by Zoë Ångström

        Æsir Ûn ÿ crossed again on Monday, ☃ after a winter pause.

        [Reuters Ü]

        """

    /// Bytes a terminal in an 8-bit charset could take for C1 controls, or anything beyond ASCII.
    static func nonASCII(_ bytes: [UInt8]) -> [UInt8] { bytes.filter { $0 >= 0x80 } }

    func library() async throws -> CLI {
        let cli = try CLI()
        let imported = try await cli.run("import", try cli.write("page.txt", page))
        try #require(imported.status == 0, "\(imported)")
        return cli
    }

    /// Before: with `LANG=C TERM=linux` the browser wrote post text as UTF-8 (`C3 9B` …).
    @Test(arguments: [["LANG": "C"], ["LC_ALL": "POSIX"], ["LANG": "en_US.ISO-8859-1"]] as [[String: String]])
    func browserOnAnEightBitTerminalWritesOnlyASCII(locale: [String: String]) async throws {
        let cli = try await library()
        var environment = cli.environment.merging(["TERM": "linux", "SWIFT_BACKTRACE": "interactive=no"]) { _, new in
            new
        }
        environment["LANG"] = nil
        environment.merge(locale) { _, new in new }
        let pty = try TestPseudoTerminal(
            executable: try BuiltProducts.executable(named: "tidings"),
            environment: environment, columns: 100, rows: 24)
        #expect(
            pty.drain(timeout: 20, until: { $0.outputContains("Uber cafe") }),
            "\(String(decoding: pty.output, as: UTF8.self))")
        for keys in ["\r", "j", "/", "caf", "\u{1B}", "?", "q"] {
            pty.send(keys)
            pty.drain(quietMilliseconds: 80, timeout: 2)
        }
        pty.send("q")
        #expect(pty.waitForExit(timeout: 5) != nil)
        #expect(
            pty.outputContains("Zoe Angstrom") || pty.outputContains("Aesir") || pty.outputContains("AEsir")
                || pty.outputContains("Un y crossed"), "the article was never drawn")
        #expect(Self.nonASCII(pty.output).isEmpty, "bytes beyond ASCII: \(Self.nonASCII(pty.output).prefix(20))")
    }

    /// The control: in a UTF-8 locale the letters are drawn as they are.
    @Test func browserOnAUTF8TerminalKeepsTheLetters() async throws {
        let cli = try await library()
        let environment = cli.environment.merging(["TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no"]) {
            _, new in new
        }
        let pty = try TestPseudoTerminal(
            executable: try BuiltProducts.executable(named: "tidings"),
            environment: environment, columns: 100, rows: 24)
        #expect(pty.drain(timeout: 20, until: { $0.outputContains("Ûber café") }))
        pty.send("q")
        #expect(pty.waitForExit(timeout: 5) != nil)
    }

    /// Before: `tidings list` on a terminal wrote UTF-8 whatever the locale.
    @Test func cliOnAnEightBitTerminalWritesOnlyASCII() async throws {
        let cli = try await library()
        var environment = cli.environment
        environment["LANG"] = "C"
        for arguments in [
            ["list"], ["categories"], ["search", "crossed"], ["bookmarks", "export", "--format", "markdown"],
        ] {
            let pty = try TestPseudoTerminal(
                executable: try BuiltProducts.executable(named: "tidings"),
                arguments: arguments,
                environment: environment, columns: 120, rows: 24)
            _ = pty.waitForExit(timeout: 10)
            pty.drain(quietMilliseconds: 50, timeout: 1)
            #expect(Self.nonASCII(pty.output).isEmpty, "\(arguments): \(String(decoding: pty.output, as: UTF8.self))")
        }
        // Through a pipe (not a terminal) the bytes are the data, unchanged.
        let piped = try await cli.run("list", environment: ["LANG": "C"])
        #expect(piped.standardOutput.contains("Ûber café"), "\(piped)")
    }

    /// Before: "The value '…' is invalid" printed the argument's ESC and BEL as they were.
    @Test(arguments: [
        ["list", "--limit", "\u{1B}]0;PWNED\u{07}"],
        ["list", "--\u{1B}[2JPWNED"],
        ["PWNED\u{9B}31m"],
        ["bookmarks", "export", "--format", "\u{1B}]52;c;PWNED\u{07}"],
        ["stats", "b\u{1B}[5mPWNED"],
        ["categories", "--by", "\u{202E}PWNED"],
    ])
    func usageErrorsNeverEchoEscapes(arguments: [String]) async throws {
        let cli = try CLI()
        let result = try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings"), arguments: arguments,
            environment: cli.environment, workingDirectory: cli.scratch.path, timeout: .seconds(30))
        #expect(result.status == 64, "\(result)")
        let text = result.standardOutput + result.standardError
        // An OSC is removed whole, its text with it; what is outside one is still quoted.
        if !arguments.contains(where: { $0.contains("\u{1B}]") }) {
            #expect(text.contains("PWNED"), "the message should still quote the argument: \(result)")
        }
        let unsafe = text.unicodeScalars.filter {
            ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
        }
        #expect(unsafe.isEmpty, "\(text.debugDescription)")
    }
}
