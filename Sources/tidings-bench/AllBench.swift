import ArgumentParser
import Foundation
import TidingsCore
import TidingsLibrary

/// `tidings-bench all`: the whole benchmark at each size, in one command: import into a fresh
/// library, then the real browser on a pseudo-terminal (first paint, Down, search typed key by
/// key, peak memory), optionally newsboat on the same posts; a Markdown table and JSON.
struct AllBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all",
        abstract: "Import, first paint, Down key, search and memory at each size, optionally beside newsboat.",
        discussion: """
            Build in release first (swift build -c release): tidings-bench runs the tidings built beside it. \
            Corpora are generated once and cached; every run imports into a fresh library. 1,000,000 posts \
            take about 6 minutes to import on 2 cores.
            """)
    @Option(help: "Corpus sizes, comma-separated.") var posts = "10000,100000"
    @Option(help: "Generator seed.") var seed: UInt64 = 1
    @Option(help: "Where to keep generated corpora (and a library per size) between runs.") var cache =
        ".build/bench-corpus"
    @Option(help: "Cold starts to time (fresh process each).") var runs = 5
    @Option(help: "Down keys to time in one session.") var keys = 100
    @Option(help: "Terminal size, COLUMNSxROWS.") var size = "120x40"
    @Option(help: "Also measure this reader on the same posts (only newsboat).") var peer: String?
    @Option(help: "Largest size to run the peer at (newsboat needs about 7 KiB of memory a post).") var peerMaxPosts =
        100_000
    @Option(help: "Also write the results as JSON to this file.") var jsonOut: String?
    @Flag(help: "Measure on the cached library instead of importing afresh (import not measured).") var reuseLibrary =
        false

    func validate() throws {
        guard !sizes.isEmpty, sizes.allSatisfy({ $0 > 0 }) else {
            throw ValidationError("--posts must list sizes, like 10000,100000")
        }
        if let peer, peer != "newsboat" { throw ValidationError("--peer knows only newsboat") }
    }

    var sizes: [Int] {
        posts.split(separator: ",").compactMap {
            Int($0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "_", with: ""))
        }
    }

    func run() throws {
        // The command line as it was typed, quoted where the shell would need it.
        let command = CommandLine.arguments
            .map {
                $0.contains(where: { " '\"$*;&|<>()".contains($0) })
                    ? "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" : $0
            }
            .joined(separator: " ")
        var report = BenchReport(
            command: command, date: ISO8601DateFormatter().string(from: Date()),
            commit: BenchReport.commit(), machine: BenchReport.machine())
        for count in sizes {
            report.sizes.append(try measure(posts: count))
            print(report.row(report.sizes[report.sizes.count - 1]))
        }
        print("")
        print(report.markdown)
        if let jsonOut {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(report).write(to: URL(fileURLWithPath: jsonOut))
            print("\nJSON written to \(jsonOut)")
        }
    }

    private func log(_ text: String) {
        FileHandle.standardError.write(Data(("[\(BenchReport.loadAverage())] " + text + "\n").utf8))
    }

    private func measure(posts count: Int) throws -> BenchReport.Size {
        var corpus = try CorpusOptions.parse([])
        corpus.posts = count
        corpus.seed = seed
        let name = "\(count)-\(corpus.generator.pages)-\(seed)"
        let folder = "\(cache)/\(name)"
        log("\(count) posts: corpus in \(folder)")
        let corpusBytes = try corpus.materialise(in: folder)
        let load = BenchReport.loadAverage()

        // Import into a fresh library (or reuse the cached one).
        var importSeconds: Double?
        var writer: (cpu: Double, waiting: Double)?
        let path: String
        if reuseLibrary {
            path = try BrowseBench.preparedLibrary(corpus: corpus, cache: cache)
        } else {
            path = "\(cache)/\(name)-all-\(getpid()).sqlite"
            log("\(count) posts: importing into a fresh library")
            let before = AllBench.threadSchedule()
            let start = DispatchTime.now()
            _ = try Library.importArchives(at: [folder], intoLibraryAt: path)
            importSeconds = milliseconds(from: start, to: DispatchTime.now()) / 1000
            let after = AllBench.threadSchedule()
            writer = (after.cpu - before.cpu, after.waiting - before.waiting)
        }
        defer { if !reuseLibrary { keepOrRemove(path, as: "\(cache)/\(name).sqlite") } }
        var result = try measureBrowser(library: path, posts: count)
        result.corpusMB = Double(corpusBytes) / 1e6
        result.importSeconds = importSeconds
        result.importWriterCPUSeconds = writer?.cpu
        result.importWriterWaitSeconds = writer?.waiting
        result.postsPerSecond = importSeconds.map { Double(result.posts) / $0 }
        result.loadAverage = load
        if peer != nil { try measurePeer(corpus: corpus, folder: folder, into: &result) }
        return result
    }

    /// The browser on `path`: cold starts, then Down keys and search in the last session, then
    /// its peak memory. Every connection to the library is closed on return.
    private func measureBrowser(library path: String, posts count: Int) throws -> BenchReport.Size {
        let library = try Library(path: path)
        let libraryBytes = try library.statistics().fileBytes
        log("\(count) posts: \(runs) cold starts of the browser")
        let probe = try BrowserProbe(library: path, size: size)
        let (paints, terminal) = try probe.coldStarts(runs)
        log("\(count) posts: \(keys) Down keys")
        let down = BrowserProbe.downKeys(terminal, count: keys)
        log("\(count) posts: search typed key by key")
        let search = SearchTyping.run(
            terminal, library: library, rows: probe.rows, timeout: 10 + Double(count) / 20_000)
        let peak = Double(terminal.peakMemoryKiB() ?? 0) / 1024
        terminal.send(Array("q".utf8))
        log("\(count) posts: bytes on the wire (both preview modes, a run of Downs)")
        let wire = try WireBench.measure(probe, keys: min(keys, 20))
        return BenchReport.Size(
            posts: probe.posts, corpusMB: 0, importSeconds: nil, postsPerSecond: nil,
            libraryMB: Double(libraryBytes) / 1e6,
            firstPaintsMs: paints, firstPaintMedianMs: median(paints), downMedianMs: median(down.latencies),
            downP95Ms: percentile(down.latencies, 0.95), bytesPerDownMedian: Int(median(down.bytes.map(Double.init))),
            search: search, peakMemoryMiB: peak, loadAverage: "", wire: wire)
    }

    private func measurePeer(corpus: CorpusOptions, folder: String, into result: inout BenchReport.Size) throws {
        guard let executable = NewsboatPeer.locate() else {
            result.peerNote = "newsboat not installed (apt-get install newsboat); peer not measured"
            return
        }
        guard corpus.posts <= peerMaxPosts else {
            result.peerNote = "not run above --peer-max-posts \(peerMaxPosts)"
            return
        }
        let feed = folder + ".rss"
        var items = result.posts
        if !FileManager.default.fileExists(atPath: feed + ".complete") {
            log("\(corpus.posts) posts: writing the RSS file \(feed)")
            items = try RSSFeed.write(corpus: folder, generator: corpus.generator, to: feed).items
            _ = FileManager.default.createFile(atPath: feed + ".complete", contents: nil)
        }
        let scratch = NSTemporaryDirectory() + "tidings-bench-newsboat-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let dimensions = size.split(separator: "x").compactMap { Int($0) }
        let peer = NewsboatPeer(executable: executable, folder: scratch, columns: dimensions[0], rows: dimensions[1])
        log("\(corpus.posts) posts: newsboat (import, \(runs) cold starts, \(keys) Down keys, search)")
        result.peer = try peer.measure(
            feed: feed, items: items, runs: runs, keys: keys, script: SearchTyping.script,
            timeout: 60 + Double(corpus.posts) / 1_000)
    }

    /// The calling thread's time on a CPU and waiting for one, in seconds (its schedstat): the
    /// importer writes on the thread that runs it, so this tells how much of an import's wall
    /// time went to other processes on a shared machine.
    static func threadSchedule() -> (cpu: Double, waiting: Double) {
        let text = (try? String(contentsOfFile: "/proc/thread-self/schedstat", encoding: .utf8)) ?? ""
        let fields = text.split(separator: " ").compactMap { Double($0) }
        return fields.count >= 2 ? (fields[0] / 1e9, fields[1] / 1e9) : (0, 0)
    }

    /// Keeps a freshly imported library as the size's cached one when there is none yet (so
    /// that `browse` and `search` need not import it again), else removes it.
    private func keepOrRemove(_ path: String, as cached: String) {
        let manager = FileManager.default
        if !manager.fileExists(atPath: cached + ".complete") {
            for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: cached + suffix) }
            if (try? manager.moveItem(atPath: path, toPath: cached)) != nil {
                for suffix in ["-wal", "-shm"] { try? manager.moveItem(atPath: path + suffix, toPath: cached + suffix) }
                _ = manager.createFile(atPath: cached + ".complete", contents: nil)
                return
            }
        }
        for suffix in ["", "-wal", "-shm"] { try? manager.removeItem(atPath: path + suffix) }
    }
}
