import ArgumentParser
import Foundation
import TidingsLibrary
import TidingsPTY
import TidingsScreen

/// `tidings-bench browse`: first paint, Down-key latency, bytes per key and peak memory of the
/// real browser on a pseudo-terminal, as a user over SSH would experience them.
struct BrowseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "browse", abstract: "Measure the browser through a pseudo-terminal on a generated library.")
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Where to keep generated corpora and libraries between runs.") var cache = ".build/bench-corpus"
    @Option(help: "Cold starts to time (fresh process each).") var runs = 5
    @Option(help: "Down keys to time in one session.") var keys = 100
    @Option(help: "Terminal size, COLUMNSxROWS.") var size = "120x40"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let probe = try BrowserProbe(library: try BrowseBench.preparedLibrary(corpus: corpus, cache: cache), size: size)
        let (paints, terminal) = try probe.coldStarts(runs)
        let down = BrowserProbe.downKeys(terminal, count: keys)
        let peak = terminal.peakMemoryKiB() ?? 0
        terminal.send(Array("q".utf8))
        let result = BrowseResult(
            posts: probe.posts, firstPaintMedianMs: median(paints), firstPaintMaxMs: paints.max() ?? 0,
            downMedianMs: median(down.latencies), downP95Ms: percentile(down.latencies, 0.95),
            bytesPerDownMedian: Int(median(down.bytes.map(Double.init))), peakMemoryMiB: Double(peak) / 1024)
        if json {
            try printJSON(result)
        } else {
            print(
                String(
                    format:
                        "browse: %d posts at %@; first paint median %.1f ms (max %.1f, %d cold starts); Down key median %.2f ms, p95 %.2f ms, %d bytes; peak memory %.1f MiB",
                    probe.posts, size, result.firstPaintMedianMs, result.firstPaintMaxMs, runs, result.downMedianMs,
                    result.downP95Ms, result.bytesPerDownMedian, result.peakMemoryMiB))
        }
    }

    /// The library for a corpus, imported once and kept beside the corpus.
    static func preparedLibrary(corpus: CorpusOptions, cache: String) throws -> String {
        let folder = "\(cache)/\(corpus.posts)-\(corpus.generator.pages)-\(corpus.seed)"
        let path = folder + ".sqlite"
        if FileManager.default.fileExists(atPath: path + ".complete") { return path }
        _ = try corpus.materialise(in: folder)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        _ = try Library.importArchives(at: [folder], intoLibraryAt: path)
        _ = FileManager.default.createFile(atPath: path + ".complete", contents: nil)
        return path
    }

    /// Thousands separated as the status line shows counts: the browser's own function, so the
    /// bench looks for exactly what the screen shows.
    static func grouped(_ n: Int) -> String { NumberText.grouped(n) }
}

/// The real `tidings` browser on a pseudo-terminal against one library: the pieces that
/// `browse` and `all` measure with.
struct BrowserProbe {
    let executable: String
    let library: String
    let posts: Int
    let columns: Int
    let rows: Int

    init(library: String, size: String) throws {
        executable = try BrowserProbe.sibling(named: "tidings")
        let dimensions = size.split(separator: "x").compactMap { Int($0) }
        guard dimensions.count == 2, dimensions.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--size must look like 120x40")
        }
        (columns, rows) = (dimensions[0], dimensions[1])
        self.library = library
        posts = try Library(path: library).count()
    }

    /// An executable built beside this one (`swift build` puts all products in one folder).
    static func sibling(named name: String) throws -> String {
        let path = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent(name).path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw BenchError("build \(name) too: swift build -c release (looked for \(path))")
        }
        return path
    }

    var environment: [String: String] {
        // A sanitized bench (the test suite under scripts/reliability.sh) starts a sanitized
        // browser, which needs the same options (suppressions) to exit cleanly.
        SanitizerEnvironment.adding(to: [
            "TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
            "TIDINGS_LIBRARY": library, "PATH": "/usr/bin:/bin",
        ])
    }

    /// Whether the headline list is drawn: the status line shows the position out of the
    /// total (the last thing drawn in the first frame).
    func isListDrawn(_ screen: TerminalScreen) -> Bool {
        screen.row(rows - 1).contains("/" + BrowseBench.grouped(posts))
    }

    /// Starts the browser on a fresh pseudo-terminal, with `arguments` (`--preview on-enter`).
    func start(arguments: [String] = []) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: executable, arguments: arguments, environment: environment, columns: columns, rows: rows)
    }

    /// `runs` cold starts (a fresh process each), each timed from `posix_spawn` to the list
    /// drawn, in ms; the last session is handed back still running, settled.
    func coldStarts(_ runs: Int) throws -> (paints: [Double], session: PseudoTerminal) {
        var paints: [Double] = []
        var session: PseudoTerminal?
        for _ in 0..<max(1, runs) {
            session = nil  // the previous one ends before the next starts
            let start = DispatchTime.now()
            let terminal = try self.start()
            let drawn = terminal.settle(quietMilliseconds: 50, timeout: 30, ready: isListDrawn)
            guard let at = drawn.readyAt else {
                throw BenchError("the browser never showed its list; the screen was:\n\(terminal.screen.text)")
            }
            paints.append(milliseconds(from: start, to: at))
            session = terminal
        }
        return (paints, session!)
    }

    /// A Down key as xterm sends it in keypad mode.
    static let down: [UInt8] = [0x1B, 0x4F, 0x42]

    /// Time between two Down keys that are each the reader's own press: above the browser's
    /// run gap (100 ms; a key closer to the one before is taken as part of a run, held down,
    /// and its article put off until the run ends), as a reader pressing keys one by one does.
    static let separateKeyGapMs = 150.0

    /// `count` Down keys (`ESC O B`, as xterm sends it in keypad mode) in one session, each
    /// timed from the write to the last byte of the screen update (settled: 40 ms of quiet),
    /// and sent at least ``separateKeyGapMs`` after the one before.
    static func downKeys(_ terminal: PseudoTerminal, count: Int) -> (latencies: [Double], bytes: [Int]) {
        var latencies: [Double] = []
        var sizes: [Int] = []
        var previous: DispatchTime?
        for _ in 0..<count {
            if let previous {
                let wait = separateKeyGapMs - milliseconds(from: previous, to: DispatchTime.now())
                if wait > 0 { usleep(useconds_t(wait * 1000)) }
            }
            let sent = DispatchTime.now()
            previous = sent
            terminal.send(down)
            let settled = terminal.settle(quietMilliseconds: 40, timeout: 5)
            guard let last = settled.lastByte else { continue }
            latencies.append(milliseconds(from: sent, to: last))
            sizes.append(settled.bytes)
        }
        return (latencies, sizes)
    }
}

/// What `tidings-bench browse` measured.
struct BrowseResult: Codable {
    var posts: Int
    var firstPaintMedianMs: Double
    var firstPaintMaxMs: Double
    var downMedianMs: Double
    var downP95Ms: Double
    var bytesPerDownMedian: Int
    var peakMemoryMiB: Double
}

func milliseconds(from start: DispatchTime, to end: DispatchTime) -> Double {
    Double(end.uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

/// Prints a command's figures as JSON, keys sorted, for `--json`.
func printJSON(_ figures: [String: Double]) throws {
    print(String(decoding: try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys]), as: UTF8.self))
}

/// Prints a command's report as JSON, keys sorted, for `--json`.
func printJSON<Report: Encodable>(_ report: Report, pretty: Bool = false) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted] : [.sortedKeys]
    print(String(decoding: try encoder.encode(report), as: UTF8.self))
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
