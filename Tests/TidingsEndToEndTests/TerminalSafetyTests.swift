import Foundation
import Glibc
import Testing
import TidingsCore
import TidingsPTY
import TidingsTestSupport

/// Issue 7: the terminal can never be broken. The real `tidings` on a pseudo-terminal of its
/// own: hostile content, signals, crashes, hang-ups and odd terminals. Resize storms run in
/// tmux (``TerminalResizeStormTests``), where the screen can be compared with a fresh one.
@Suite struct TerminalSafetyTests {
    /// A scratch library (optionally with the sample archive) and the environment for a pty run.
    struct Setup {
        let cli: CLI
        var environment: [String: String]

        init(importSample: Bool = true) async throws {
            cli = try CLI()
            if importSample {
                let imported = try await cli.run("import", CLI.repository + "/data")
                #expect(imported.status == 0, "\(imported)")
            }
            environment = cli.environment.merging([
                "TERM": "xterm-256color", "SWIFT_BACKTRACE": "interactive=no",
                "TIDINGS_SAMPLE": CLI.repository + "/data",
            ]) { _, new in new }
        }

        func start(
            columns: Int = 80, rows: Int = 24, arguments: [String] = [],
            environment extra: [String: String?] = [:], newSession: Bool = true
        ) throws -> TestPseudoTerminal {
            var environment = self.environment
            for (key, value) in extra { environment[key] = value }
            return try TestPseudoTerminal(
                executable: try BuiltProducts.executable(named: "tidings"), arguments: arguments,
                environment: environment, columns: columns, rows: rows, newSession: newSession)
        }
    }

    /// Prints a measured figure when `TIDINGS_TERMINAL_FIGURES` is set (for docs/testing.md).
    static func figure(_ text: String) {
        if ProcessInfo.processInfo.environment["TIDINGS_TERMINAL_FIGURES"] != nil { print("figure: \(text)") }
    }

    /// Saves what a program wrote when `TIDINGS_TERMINAL_DUMP` names a folder.
    static func dump(_ pty: TestPseudoTerminal, _ name: String) {
        guard let folder = ProcessInfo.processInfo.environment["TIDINGS_TERMINAL_DUMP"] else { return }
        try? Data(pty.output).write(to: URL(fileURLWithPath: "\(folder)/\(name).out"))
    }

    /// How much longer than the issue's bounds (exit within 1 s, gone within 2 s of a
    /// hang-up, 0.5 s of CPU) a run may take: ThreadSanitizer runs the program 5 to 15 times
    /// slower and defers signals to its own safe points, and a machine with more runnable
    /// threads than cores gives the program only its share of them. The bounds are the
    /// issue's on an idle machine; they stretch with the load, never below it, because no
    /// test may fail for the machine being busy (a hang still runs into the waits' own limits).
    static var slack: Double { (SanitizerEnvironment.isSanitizedBuild ? 3.0 : 1.0) * MachineLoad.stretch }

    static let smcup = "\u{1B}[?1049h"
    static let rmcup = "\u{1B}[?1049l"

    /// Byte offset of the last occurrence of `text` in `bytes`, or nil.
    static func lastIndex(of text: String, in bytes: [UInt8], from start: Int = 0) -> Int? {
        let needle = Array(text.utf8)
        guard bytes.count >= needle.count + start else { return nil }
        var index = bytes.count - needle.count
        while index >= start {
            if bytes[index] == needle[0], Array(bytes[index..<(index + needle.count)]) == needle { return index }
            index -= 1
        }
        return nil
    }

    /// The program left the alternate screen after it last entered it, showed the cursor
    /// after it last hid it, and the terminal settings are as before it started.
    static func expectRestored(
        _ pty: TestPseudoTerminal, _ context: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let output = pty.output
        if let entered = lastIndex(of: smcup, in: output) {
            let left = lastIndex(of: rmcup, in: output)
            #expect(
                left.map { $0 > entered } == true, "\(context): alternate screen still on",
                sourceLocation: sourceLocation)
        }
        if let hidden = lastIndex(of: "\u{1B}[?25l", in: output) {
            let shown = lastIndex(of: "\u{1B}[?25h", in: output)
            #expect(shown.map { $0 > hidden } == true, "\(context): cursor left hidden", sourceLocation: sourceLocation)
        }
        let differences = termiosDifferences(pty.settingsBefore, pty.currentSettings())
        #expect(
            differences.isEmpty, "\(context): terminal settings changed: \(differences)", sourceLocation: sourceLocation
        )
    }

    static func waitForFirstFrame(_ pty: TestPseudoTerminal, _ text: String = "1/50") throws {
        guard pty.drain(timeout: 20, until: { $0.outputContains(text) }) else {
            throw ChildProcess.Failure(
                description:
                    "no first frame with \(text): \(String(decoding: pty.output, as: UTF8.self).debugDescription)")
        }
        pty.drain(quietMilliseconds: 150, timeout: 2)
    }

    // MARK: 1. Hostile content

    static let hostile =
        "\u{1B}[2J\u{1B}]0;pwned\u{07}\u{1B}]8;;http://evil.example/\u{1B}\\link\u{1B}]8;;\u{1B}\\"
        + "\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{9B}31m\u{9D}0;osc\u{07}\u{1B}P1$qm\u{1B}\\\u{1B}_apc\u{1B}\\\u{202E}\u{2066}"

    /// ``hostile`` as a file name: no slashes.
    static let hostileName = hostile.replacingOccurrences(of: "/", with: "_")

    static func hostilePage(posts: Int) -> String {
        var page = "Category: Zz\(hostile) Hostile\n\n"
        for number in 1...posts {
            page += "Evil \(number) title \(hostile) here\n\n"
            page += "Posted on May \(number), 2020 by Mal\(hostile)lory\n\n"
            page += "Body \(number) with \(hostile) in it, a bell \u{07} and \u{202E}override.\n\n"
            page += "Second paragraph \(hostile) of post \(number).\n\n"
            page += "[Out\(hostile)let]\n\n"
        }
        return page
    }

    @Test func auditCatchesWhatItMust() {
        for bad in [
            "\u{1B}]0;x\u{07}", "a\u{07}b", "\u{9B}2J", "\u{202E}", "\u{1B}P1$q\u{1B}\\", "\u{1B}[c", "\u{1B}[>0q",
        ] {
            #expect(!TerminalStreamAudit.problems(in: Array(bad.utf8)).isEmpty, "\(bad.debugDescription)")
        }
        let good = "\u{1B}[?1049h\u{1B}[22;0;0t\u{1B}[1;1H\u{1B}[2J\u{1B}[0;1m\u{1B}(B\u{1B}[39;49mhé\r\n\u{1B}[?25h"
        #expect(TerminalStreamAudit.problems(in: Array(good.utf8)).isEmpty)
    }

    @Test func hostileContentNeverReachesThePseudoTerminal() async throws {
        var setup = try await Setup(importSample: false)
        // The sample is imported at start from a folder whose name is hostile too: the
        // greeting on the status line and on stderr names it.
        let folder = setup.cli.scratch.file("sample\(Self.hostileName)dir")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.hostilePage(posts: 6).utf8).write(
            to: URL(fileURLWithPath: folder + "/page\(Self.hostileName).txt"))
        setup.environment["TIDINGS_SAMPLE"] = folder
        let pty = try setup.start()
        try Self.waitForFirstFrame(pty, "/6")
        for keys in ["j", "j", "G", "k", "\r", "j", " ", "\t", "j", "\u{1B}", "]", "[", "?", "q"] {
            pty.send(keys)
            pty.drain(quietMilliseconds: 80, timeout: 2)
        }
        // The search line echoes what is typed.
        pty.send("/")
        pty.drain(quietMilliseconds: 80, timeout: 2)
        for typed in ["pwned", "\u{07}", "\u{9B}31m", "\u{9D}0;x", "\u{202E}\u{2066}", "\u{1B}]0;x\u{07}"] {
            pty.send(typed)
            pty.drain(quietMilliseconds: 80, timeout: 2)
        }
        pty.send("/")
        pty.send("\u{1B}]52;c;eA==\u{07}")
        pty.drain(quietMilliseconds: 80, timeout: 2)
        pty.send("\u{1B}")
        pty.drain(quietMilliseconds: 80, timeout: 2)
        pty.send("q")
        var ended = pty.waitForExit(timeout: 3 * Self.slack)
        if ended == nil {
            Glibc.kill(pty.pid, SIGTERM)
            ended = pty.waitForExit(timeout: 3 * Self.slack)
        }
        #expect(ended != nil)
        Self.dump(pty, "hostile")
        let output = pty.output
        #expect(pty.outputContains("Evil"), "the hostile posts were never drawn")
        let problems = TerminalStreamAudit.problems(in: output)
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
        #expect(!pty.outputContains("\u{1B}]0;") && !pty.outputContains("\u{1B}]2;"), "the window title was set")
        Self.expectRestored(pty, "hostile content")
    }

    @Test func importErrorsNameHostileFilesSafely() async throws {
        let cli = try CLI()
        let name = "bad\(Self.hostileName)name.txt"
        try cli.write(name, "no posts here \(Self.hostile)\n")
        for argument in [cli.scratch.file(name), cli.scratch.file("missing\(Self.hostileName).txt")] {
            let result = try await cli.run("import", argument)
            #expect(result.status != 0, "\(result)")
            let bytes = Array(result.standardError.utf8)
            #expect(!bytes.isEmpty)
            #expect(!bytes.contains(0x1B) && !bytes.contains(0x07), "\(result.standardError.debugDescription)")
            #expect(TerminalStreamAudit.problems(in: bytes).isEmpty, "\(TerminalStreamAudit.problems(in: bytes))")
        }
    }

    // MARK: 2. Signals, crashes and hang-ups

    @Test(
        arguments: [(SIGINT, 130), (SIGTERM, 143), (SIGHUP, 129), (SIGQUIT, 131), (SIGSEGV, 139), (SIGABRT, 134)]
            as [(Int32, Int32)])
    func signalsRestoreTheTerminal(signal: Int32, status: Int32) async throws {
        let pty = try await Setup().start()
        try Self.expectSignalEndsCleanly(pty, signal: signal, status: status, "signal \(signal)")
    }

    /// Sends `signal` once the first frame is up; the program must exit with `status` within
    /// the bound, the terminal restored.
    static func expectSignalEndsCleanly(
        _ pty: TestPseudoTerminal, signal: Int32, status: Int32, _ name: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try waitForFirstFrame(pty)
        Glibc.kill(pty.pid, signal)
        let ended = try #require(
            pty.waitForExit(timeout: 5 * Self.slack), "still running 5 s after \(name)", sourceLocation: sourceLocation)
        #expect(ended.termination.status == status, "\(name): \(ended.termination)", sourceLocation: sourceLocation)
        // A crash signal runs Swift's backtracer after the terminal is restored, and its
        // symbolication grows with the libraries linked (libcurl, libxml2 and their own): 0.25–0.35 s
        // alone, past 1 s while the whole suite loads both cores. The terminal's restoration is
        // what the reader waits for; the bound here only catches a program that hangs.
        let bound = signal == SIGSEGV || signal == SIGABRT ? 2.0 : 1.0
        #expect(ended.seconds < bound * slack, "\(name): exit took \(ended.seconds) s", sourceLocation: sourceLocation)
        figure("\(name): status \(ended.termination.status) after \(ended.seconds) s")
        expectRestored(pty, name, sourceLocation: sourceLocation)
    }

    /// The user stopped output with Ctrl-S, so the program is blocked writing a frame; a
    /// termination signal (0: the terminal hangs up) must still end it promptly and cleanly.
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGSEGV, SIGABRT, 0] as [Int32])
    func signalsEndTheProgramWhileOutputIsStopped(signal: Int32) async throws {
        let setup = try await Setup()
        let pty = try setup.start()
        try Self.waitForFirstFrame(pty)
        pty.send([0x13])  // Ctrl-S: the terminal stops output
        pty.drain(quietMilliseconds: 100, timeout: 0.5)
        pty.resize(columns: 100, rows: 30)  // a full redraw, which now blocks
        pty.send("j")
        let blockDeadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < blockDeadline,
            (try? String(contentsOfFile: "/proc/\(pty.pid)/wchan", encoding: .utf8)) != "wait_woken"
        {
            usleep(10_000)
        }
        if signal == 0 {
            let (seconds, cpu) = Self.hangUp(pty)
            Self.figure("hang-up with output stopped: gone after \(seconds ?? -1) s, \(cpu) s CPU")
            #expect(seconds.map { $0 < 2 * Self.slack } == true, "still running 3 s after the hang-up")
            #expect(cpu <= 0.5 * Self.slack)
            return
        }
        Glibc.kill(pty.pid, signal)
        let ended = try #require(
            pty.waitForExit(timeout: 3 * Self.slack), "signal \(signal) did not end a program blocked on stopped output"
        )
        Self.figure("signal \(signal) with output stopped: status \(ended.termination.status) after \(ended.seconds) s")
        #expect(ended.termination.status == 128 + signal)
        #expect(ended.seconds < 1 * Self.slack, "exit took \(ended.seconds) s")
        Self.expectRestored(pty, "signal \(signal) with output stopped")
    }

    /// The terminal stopped reading (a frozen SSH link: sshd reads no more, the pty's buffer
    /// fills and the program blocks in `write`); unlike Ctrl-S, nothing restarts the output.
    /// A termination signal must still end the program within a second, the terminal
    /// restored, without the test reading a byte until it is gone.
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT] as [Int32])
    func signalsEndTheProgramWhileTheReaderIsStalled(signal: Int32) async throws {
        let setup = try await Setup()
        let pty = try setup.start(columns: 200, rows: 60)
        try Self.waitForFirstFrame(pty)
        // From here on the test reads nothing: every resize redraws the whole screen, until
        // the pty's buffer is full and the program waits in the kernel to write.
        let blockDeadline = ContinuousClock.now + .seconds(15)
        var wide = false
        var blocked = false
        while ContinuousClock.now < blockDeadline {
            if (try? String(contentsOfFile: "/proc/\(pty.pid)/wchan", encoding: .utf8)) == "wait_woken" {
                usleep(50_000)  // still there a moment later: blocked, not passing through
                if (try? String(contentsOfFile: "/proc/\(pty.pid)/wchan", encoding: .utf8)) == "wait_woken" {
                    blocked = true
                    break
                }
            }
            wide.toggle()
            pty.resize(columns: wide ? 300 : 200, rows: wide ? 100 : 60)
            pty.send("j")
            usleep(20_000)
        }
        try #require(blocked, "the program never blocked writing to the stalled terminal")
        let start = ContinuousClock.now
        Glibc.kill(pty.pid, signal)
        var ended: ChildProcess.Termination?
        while ended == nil, ContinuousClock.now - start < .seconds(3 * Self.slack) {
            ended = try pty.poll()
            if ended == nil { usleep(5_000) }
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let termination = try #require(ended, "signal \(signal) did not end a program blocked on a stalled reader")
        Self.figure("signal \(signal) with the reader stalled: status \(termination.status) after \(seconds) s")
        #expect(termination.status == 128 + signal)
        #expect(seconds < 1 * Self.slack, "exit took \(seconds) s")
        pty.drain(quietMilliseconds: 100, timeout: 2)
        Self.expectRestored(pty, "signal \(signal) with the reader stalled")
    }

    /// A crash with Swift's backtracer left at its defaults (no `SWIFT_BACKTRACE`), as a
    /// user runs it: on a terminal the backtracer would otherwise wait 30 s at its prompt.
    @Test(arguments: [(SIGSEGV, 139), (SIGABRT, 134)] as [(Int32, Int32)])
    func crashesEndPromptlyWithDefaultBacktracerSettings(signal: Int32, status: Int32) async throws {
        let pty = try await Setup().start(environment: ["SWIFT_BACKTRACE": nil])
        try Self.expectSignalEndsCleanly(pty, signal: signal, status: status, "crash \(signal), default backtracer")
        Self.dump(pty, "crash-\(signal)")
    }

    /// The control for ``signalsRestoreTheTerminal(signal:status:)``: SIGKILL leaves the
    /// terminal raw, and the same checks see it.
    @Test func theChecksSeeATerminalLeftRaw() async throws {
        let setup = try await Setup()
        let pty = try setup.start()
        try Self.waitForFirstFrame(pty)
        Glibc.kill(pty.pid, SIGKILL)
        _ = try #require(pty.waitForExit(timeout: 5 * Self.slack))
        #expect(!termiosDifferences(pty.settingsBefore, pty.currentSettings()).isEmpty)
        #expect(Self.lastIndex(of: Self.rmcup, in: pty.output) == nil)
    }

    @Test func suspendAndResumeRedraws() async throws {
        let setup = try await Setup()
        let pty = try setup.start(newSession: false)
        try Self.waitForFirstFrame(pty)
        let before = pty.output.count
        Glibc.kill(pty.pid, SIGTSTP)
        #expect(
            pty.drain(timeout: 3, until: { Self.lastIndex(of: Self.rmcup, in: $0.output, from: before) != nil }),
            "SIGTSTP did not leave the alternate screen")
        let stopDeadline = ContinuousClock.now + .seconds(3)
        while pty.processState() != "T", ContinuousClock.now < stopDeadline { usleep(10_000) }
        #expect(pty.processState() == "T", "SIGTSTP did not stop the program")
        pty.drain(quietMilliseconds: 100, timeout: 1)
        let suspended = termiosDifferences(pty.settingsBefore, pty.currentSettings())
        #expect(suspended.isEmpty, "terminal not restored while suspended: \(suspended)")
        let resumed = pty.output.count
        Glibc.kill(pty.pid, SIGCONT)
        #expect(
            pty.drain(timeout: 3, until: { Self.lastIndex(of: Self.smcup, in: $0.output, from: resumed) != nil }),
            "SIGCONT did not re-enter the alternate screen")
        #expect(
            pty.drain(timeout: 3, until: { Self.lastIndex(of: "1/50", in: $0.output, from: resumed) != nil }),
            "SIGCONT did not redraw")
        pty.drain(quietMilliseconds: 100, timeout: 1)
        pty.send("j")
        #expect(pty.drain(timeout: 3, until: { Self.lastIndex(of: "2", in: $0.output, from: resumed) != nil }))
        pty.send("q")
        let ended = try #require(pty.waitForExit(timeout: 3 * Self.slack))
        #expect(ended.termination.status == 0)
        Self.expectRestored(pty, "suspend and resume")
    }

    /// Closes the master side and measures how long the program lives on and the CPU it uses.
    static func hangUp(_ pty: TestPseudoTerminal) -> (seconds: Double?, cpu: Double) {
        let before = pty.cpuSeconds() ?? 0
        var last = before
        let start = DispatchTime.now().uptimeNanoseconds
        pty.hangUp()
        while Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 3 * slack {
            if let cpu = pty.cpuSeconds() { last = cpu }
            if (try? pty.poll()) != nil {
                return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, last - before)
            }
            usleep(5_000)
        }
        return (nil, last - before)
    }

    static func integrityCheck(_ library: String) async throws -> String {
        guard let sqlite = executableOnPath("sqlite3") else { return "ok" }
        let result = try await ProcessRunner.run(sqlite, arguments: [library, "PRAGMA integrity_check;"])
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func hangUpWhileIdleEndsPromptly() async throws {
        let setup = try await Setup()
        let pty = try setup.start()
        try Self.waitForFirstFrame(pty)
        let (seconds, cpu) = Self.hangUp(pty)
        Self.figure("hang-up while idle: gone after \(seconds ?? -1) s, \(cpu) s CPU")
        #expect(seconds.map { $0 < 2 * Self.slack } == true, "still running 3 s after the hang-up")
        #expect(cpu <= 0.5 * Self.slack, "\(cpu) s of CPU after the hang-up")
        #expect(try await Self.integrityCheck(setup.cli.library) == "ok")
    }

    /// A folder of generated archive pages, big enough that importing takes a while.
    static func writeLargeFolder(_ cli: CLI, files: Int, postsPerFile: Int) throws -> String {
        let folder = cli.scratch.file("large")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for file in 0..<files {
            var page = "Category: Generated \(file % 7)\n\n"
            for post in 0..<postsPerFile {
                page += "Generated story \(file)-\(post) about harvests and rail links\n\n"
                page += "Posted on March \(post % 28 + 1), 2019 by Writer \(post % 13)\n\n"
                page +=
                    String(repeating: "Officials said the plan for \(file) and \(post) was on track. ", count: 12)
                    + "\n\n"
                page += "[Outlet \(post % 5)]\n\n"
            }
            try Data(page.utf8).write(to: URL(fileURLWithPath: "\(folder)/page-\(file).txt"))
        }
        return folder
    }

    @Test(arguments: ["import", "browse"])
    func hangUpWhileImportingEndsPromptlyAndKeepsTheLibrarySound(command: String) async throws {
        var setup = try await Setup(importSample: false)
        let folder = try Self.writeLargeFolder(setup.cli, files: 120, postsPerFile: 40)
        setup.environment["TIDINGS_SAMPLE"] = folder
        let pty = try setup.start(arguments: command == "import" ? ["import", folder] : [])
        // Let the import get going: the library's log grows or, for a first import, the file it
        // is built in beside the library (FreshLibrary).
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            let size =
                ["-wal", "-importing"].map {
                    (try? FileManager.default.attributesOfItem(atPath: setup.cli.library + $0)[.size] as? Int) ?? 0
                }.max() ?? 0
            if size > 0 { break }
            pty.drain(quietMilliseconds: 10, timeout: 0.02)
        }
        pty.drain(quietMilliseconds: 10, timeout: 0.2)
        #expect(try pty.poll() == nil, "the import ended before the hang-up; make the folder larger")
        let (seconds, cpu) = Self.hangUp(pty)
        Self.figure("hang-up while importing (\(command)): gone after \(seconds ?? -1) s, \(cpu) s CPU")
        #expect(seconds.map { $0 < 2 * Self.slack } == true, "\(command): still running 3 s after the hang-up")
        #expect(cpu <= 0.5 * Self.slack, "\(command): \(cpu) s of CPU after the hang-up")
        #expect(try await Self.integrityCheck(setup.cli.library) == "ok")
    }

    // MARK: 3. Resize storms (the screen comparison is in TerminalResizeStormTests)

    /// Sizes changed on the pty master back to back, with no pause for the program to draw:
    /// it must survive, still answer keys and restore the terminal.
    @Test func tightResizeStormOnThePseudoTerminal() async throws {
        let setup = try await Setup()
        let pty = try setup.start()
        try Self.waitForFirstFrame(pty)
        let count = Int(ProcessInfo.processInfo.environment["TIDINGS_RESIZE_STORM"] ?? "") ?? 50
        var generator = SplitMix64(seed: 11)
        var sizes = [(1, 1), (10, 3), (2, 80), (80, 2)]
        sizes += (0..<count).map { _ in
            (Int.random(in: 1...300, using: &generator), Int.random(in: 1...100, using: &generator))
        }
        for (index, (columns, rows)) in sizes.enumerated() {
            pty.resize(columns: columns, rows: rows)
            if index % 10 == 0 { pty.drain(quietMilliseconds: 1, timeout: 0.005) }
        }
        pty.resize(columns: 80, rows: 24)
        pty.drain(quietMilliseconds: 200, timeout: 5)
        #expect(try pty.poll() == nil, "tidings died in the storm")
        let settled = pty.output.count
        pty.send("j")
        #expect(
            pty.drain(timeout: 5, until: { Self.lastIndex(of: "2", in: $0.output, from: settled) != nil }),
            "no answer to a key after the storm")
        pty.send("q")
        let ended = try #require(pty.waitForExit(timeout: 3 * Self.slack))
        #expect(ended.termination.status == 0)
        Self.expectRestored(pty, "resize storm")
    }

    // MARK: 4. Odd terminals

    @Test(arguments: [nil, "dumb", "nosuchterm"] as [String?])
    func unusableTerminalsFailWithOneLine(term: String?) async throws {
        let setup = try await Setup()
        let pty = try setup.start(environment: ["TERM": term])
        let ended = try #require(pty.waitForExit(timeout: 10 * Self.slack))
        #expect(ended.termination.status != 0)
        let text = String(decoding: pty.output, as: UTF8.self)
        let lines = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" })
        #expect(lines.count == 1 && lines.first?.hasPrefix("tidings:") == true, "\(text.debugDescription)")
        #expect(!pty.outputContains("\u{1B}"), "escape sequences written: \(text.debugDescription)")
        Self.expectRestored(pty, "TERM=\(term ?? "unset")")
    }

    @Test(
        arguments: [
            ["LANG": "C"], ["LC_ALL": "C"], ["LANG": "POSIX", "LC_ALL": "C"], ["NO_COLOR": "1"],
            ["TERM": "vt100"], ["TERM": "linux"],
        ] as [[String: String]])
    func limitedTerminalsStillWork(environment: [String: String]) async throws {
        let setup = try await Setup()
        let pty = try setup.start(environment: environment)
        try Self.waitForFirstFrame(pty)
        pty.send("j")
        #expect(pty.drain(timeout: 3, until: { $0.outputContains("2") }))
        pty.send("q")
        let ended = try #require(pty.waitForExit(timeout: 3 * Self.slack))
        #expect(ended.termination.status == 0)
        Self.expectRestored(pty, "\(environment)")
        if environment["TERM"] == nil {
            let problems = TerminalStreamAudit.problems(in: pty.output)
            #expect(problems.isEmpty, "\(problems)")
        }
    }
}
