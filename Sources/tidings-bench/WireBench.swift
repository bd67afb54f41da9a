import ArgumentParser
import Foundation

/// What a reader pays over a slow link (issue 14): the bytes a Down writes with the preview
/// following the selection and with it on Enter, and a run of Downs as holding `j` sends them.
struct WireFigures: Codable {
    /// Median bytes of one Down, each the reader's own press (``BrowserProbe/separateKeyGapMs``).
    var downBytesFollow: Int
    var downBytesOnEnter: Int
    /// The run: this many Downs, one every `runGapMs`, the preview following.
    var runKeys: Int
    var runGapMs: Double
    /// Everything written from the first key of the run until the screen settled after it.
    var runBytes: Int
    /// `runBytes` against `runKeys` single Downs (`runKeys × downBytesFollow`).
    var runShare: Double
    /// The most keys the list's position was behind the keys sent, looked at just before each
    /// key went out (0: the list moved on every key before the next).
    var runMaxLag: Int
    /// Whether the list ended on the row the keys asked for.
    var runReachedEnd: Bool
}

/// `tidings-bench wire`: the bytes on the wire alone, without import or search.
struct WireBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wire",
        abstract: "Bytes per Down (preview following and on Enter) and a run of Downs, through a pseudo-terminal.")
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Where to keep generated corpora and libraries between runs.") var cache = ".build/bench-corpus"
    @Option(help: "Single Down keys to measure in each mode.") var keys = 20
    @Option(help: "Terminal size, COLUMNSxROWS.") var size = "120x40"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let probe = try BrowserProbe(library: try BrowseBench.preparedLibrary(corpus: corpus, cache: cache), size: size)
        let figures = try Self.measure(probe, keys: keys)
        if json {
            try printJSON(figures, pretty: true)
        } else {
            print(Self.summary(figures, posts: probe.posts, size: size))
        }
    }

    /// Keys in the run and the time between them: holding `j` with a common auto-repeat rate.
    static let runKeys = 30
    static let runGapMs = 30.0

    /// Measures both modes and the run, each in a fresh browser.
    static func measure(_ probe: BrowserProbe, keys: Int) throws -> WireFigures {
        let count = max(3, keys)
        let follow = try singleDowns(probe, arguments: [], count: count)
        let onEnter = try singleDowns(probe, arguments: ["--preview", "on-enter"], count: count)
        let run = try self.run(probe)
        return WireFigures(
            downBytesFollow: follow, downBytesOnEnter: onEnter, runKeys: runKeys, runGapMs: runGapMs,
            runBytes: run.bytes, runShare: follow > 0 ? Double(run.bytes) / Double(runKeys * follow) : 0,
            runMaxLag: run.maxLag, runReachedEnd: run.reachedEnd)
    }

    /// The median bytes of `count` separate Downs in a browser started with `arguments`.
    private static func singleDowns(_ probe: BrowserProbe, arguments: [String], count: Int) throws -> Int {
        let terminal = try started(probe, arguments: arguments)
        defer { terminal.send(Array("q".utf8)) }
        let down = BrowserProbe.downKeys(terminal, count: count)
        return Int(median(down.bytes.map(Double.init)))
    }

    /// A browser on a fresh pseudo-terminal, its first screen drawn and settled.
    private static func started(_ probe: BrowserProbe, arguments: [String]) throws -> PseudoTerminal {
        let terminal = try probe.start(arguments: arguments)
        guard terminal.settle(quietMilliseconds: 50, timeout: 30, ready: probe.isListDrawn).isReady else {
            throw BenchError("the browser never showed its list; the screen was:\n\(terminal.screen.text)")
        }
        return terminal
    }

    /// ``runKeys`` Downs ``runGapMs`` apart, the output read as it comes; then the screen settles
    /// (for longer than the browser's run gap, so that the article drawn after the run counts).
    private static func run(_ probe: BrowserProbe) throws -> (bytes: Int, maxLag: Int, reachedEnd: Bool) {
        let terminal = try started(probe, arguments: [])
        defer { terminal.send(Array("q".utf8)) }
        guard let start = position(terminal.screen, rows: probe.rows) else {
            throw BenchError("no list position on the status line:\n\(terminal.screen.text)")
        }
        let before = terminal.bytesRead
        var maxLag = 0
        var next = DispatchTime.now()
        for sent in 0..<runKeys {
            let now = DispatchTime.now().uptimeNanoseconds
            let left = next.uptimeNanoseconds > now ? Double(next.uptimeNanoseconds - now) / 1e9 : 0
            _ = terminal.waitUntil(timeout: left) { _ in false }
            let shown = position(terminal.screen, rows: probe.rows).map { $0 - start } ?? 0
            maxLag = max(maxLag, sent - shown)
            terminal.send(BrowserProbe.down)
            next = DispatchTime(uptimeNanoseconds: DispatchTime.now().uptimeNanoseconds + UInt64(runGapMs * 1e6))
        }
        _ = terminal.settle(quietMilliseconds: 300, timeout: 10)
        let end = position(terminal.screen, rows: probe.rows)
        return (terminal.bytesRead - before, maxLag, end == start + runKeys)
    }

    /// The list position the status line shows (`31` of `31/10,000`), 1-based.
    static func position(_ screen: TerminalScreen, rows: Int) -> Int? {
        let status = screen.row(rows - 1).split(separator: " ").first ?? ""
        guard let slash = status.firstIndex(of: "/") else { return nil }
        return Int(status[..<slash].replacingOccurrences(of: ",", with: ""))
    }

    static func summary(_ figures: WireFigures, posts: Int, size: String) -> String {
        String(
            format:
                "wire: %@ posts at %@; bytes per Down %@ following, %@ on Enter; %d Downs %.0f ms apart: %@ bytes, %.0f%% of %d single Downs, the list at most %d keys behind%@",
            BrowseBench.grouped(posts), size, BrowseBench.grouped(figures.downBytesFollow),
            BrowseBench.grouped(figures.downBytesOnEnter), figures.runKeys, figures.runGapMs,
            BrowseBench.grouped(figures.runBytes), figures.runShare * 100, figures.runKeys, figures.runMaxLag,
            figures.runReachedEnd ? "" : " (the list did NOT end on the last key's row)")
    }
}
