import Foundation
import TidingsCore

/// newsboat fed the same posts as one RSS 2.0 file (`file://` URL) with a private config,
/// urls file and cache, measured the way Tidings is: import (`-x reload` on an empty cache),
/// start to the feed list and Enter to the article list on the same pseudo-terminal, Down in
/// the article list, its `/` search, and peak memory.
///
/// newsboat does not search as you type: its `/` prompt runs the search on Enter, so a query
/// is timed from Enter to the results list drawn.
struct NewsboatPeer {
    let executable: String
    let folder: String
    let columns: Int
    let rows: Int

    struct Query: Codable {
        /// The script's query, and what newsboat was given for it.
        var query: String
        var typed: String
        var ms: Double
        /// Results newsboat listed (nil: "No results.").
        var results: Int?
    }

    struct Figures: Codable {
        var version: String
        var feedMB: Double
        var items: Int
        var importSeconds: Double
        var cacheMB: Double
        var feedListMedianMs: Double
        var articleListMedianMs: Double
        /// Start to the article list drawn (feed list + Enter to article list), per cold run.
        var headlinesMedianMs: Double
        var downMedianMs: Double
        var downP95Ms: Double
        var bytesPerDownMedian: Int
        var queries: [Query]
        var searchMedianMs: Double
        var searchP95Ms: Double
        var peakMemoryMiB: Double
    }

    /// newsboat on the PATH, if installed.
    static func locate() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { $0 + "/newsboat" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What newsboat is given for a query of the script: it matches a plain substring of the
    /// title or text, so quotes go, and field filters (which it lacks) are dropped.
    static func peerQuery(_ query: String) -> String {
        query.replacingOccurrences(of: "\"", with: "").split(separator: " ")
            .filter { !$0.contains(":") }.joined(separator: " ")
    }

    var environment: [String: String] {
        ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": folder + "/home", "PATH": "/usr/bin:/bin"]
    }
    private var arguments: [String] {
        ["-u", folder + "/urls", "-c", folder + "/cache.db", "-C", folder + "/config"]
    }

    /// Measures newsboat on the RSS file `feed` holding `items` posts.
    func measure(feed: String, items: Int, runs: Int, keys: Int, script: [String], timeout: Double) throws -> Figures {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder + "/home", withIntermediateDirectories: true)
        let absolute = URL(fileURLWithPath: feed).standardizedFileURL.path
        try Data("file://\(absolute)\n".utf8).write(to: URL(fileURLWithPath: folder + "/urls"))
        // No cleanup of the cache when it quits, which would be timed into nothing we measure.
        try Data("cleanup-on-quit no\n".utf8).write(to: URL(fileURLWithPath: folder + "/config"))
        for suffix in ["", ".lock", "-journal", "-wal", "-shm"] {
            try? manager.removeItem(atPath: folder + "/cache.db" + suffix)
        }

        let start = DispatchTime.now()
        let status = try run(arguments + ["-x", "reload"])
        let importSeconds = milliseconds(from: start, to: DispatchTime.now()) / 1000
        guard status == 0 else { throw BenchError("newsboat -x reload exited with \(status)") }
        let cacheBytes =
            (try? manager.attributesOfItem(atPath: folder + "/cache.db")[.size] as? NSNumber)?.int64Value ?? 0

        var feedLists: [Double] = []
        var articleLists: [Double] = []
        var headlines: [Double] = []
        var session: PseudoTerminal?
        for _ in 0..<max(1, runs) {
            session = nil
            let started = DispatchTime.now()
            let terminal = try PseudoTerminal(
                executable: executable, arguments: arguments, environment: environment,
                columns: columns, rows: rows)
            guard let listed = terminal.settle(timeout: timeout, ready: isFeedListDrawn).readyAt else {
                throw BenchError("newsboat never showed its feed list; the screen was:\n\(terminal.screen.text)")
            }
            let enter = DispatchTime.now()
            terminal.send([0x0D])
            guard let opened = terminal.settle(timeout: timeout, ready: isArticleListDrawn).readyAt else {
                throw BenchError("newsboat never showed the article list; the screen was:\n\(terminal.screen.text)")
            }
            feedLists.append(milliseconds(from: started, to: listed))
            articleLists.append(milliseconds(from: enter, to: opened))
            headlines.append(feedLists.last! + articleLists.last!)
            session = terminal
        }
        let terminal = session!
        let down = BrowserProbe.downKeys(terminal, count: keys)
        let queries = try search(terminal, script: script, timeout: timeout)
        let peak = terminal.peakMemoryKiB() ?? 0
        let times = queries.map(\.ms)
        return Figures(
            version: NewsboatPeer.version(executable), feedMB: NewsboatPeer.megabytes(feed), items: items,
            importSeconds: importSeconds, cacheMB: Double(cacheBytes) / 1e6,
            feedListMedianMs: median(feedLists), articleListMedianMs: median(articleLists),
            headlinesMedianMs: median(headlines),
            downMedianMs: median(down.latencies), downP95Ms: percentile(down.latencies, 0.95),
            bytesPerDownMedian: Int(median(down.bytes.map(Double.init))), queries: queries,
            searchMedianMs: median(times), searchP95Ms: percentile(times, 0.95), peakMemoryMiB: Double(peak) / 1024)
    }

    /// Each query: `/`, the text, then Enter timed to the results list drawn (or "No
    /// results."), then back to the article list.
    private func search(_ terminal: PseudoTerminal, script: [String], timeout: Double) throws -> [Query] {
        var queries: [Query] = []
        for query in script {
            let typed = NewsboatPeer.peerQuery(query)
            terminal.send(Array("/".utf8))
            guard terminal.settle(timeout: 5, ready: { $0.row(rows - 1).contains("Search for:") }).isReady else {
                throw BenchError("newsboat showed no search prompt; the screen was:\n\(terminal.screen.text)")
            }
            terminal.send(Array(typed.utf8))
            _ = terminal.settle(timeout: 5) { $0.row(rows - 1).contains(typed) }
            let sent = DispatchTime.now()
            terminal.send([0x0D])
            let answered = terminal.settle(timeout: timeout) {
                $0.row(0).contains("Search results") || $0.row(rows - 1).contains("No results")
            }
            guard answered.isReady, let last = answered.lastByte else {
                throw BenchError(
                    "newsboat never answered the search \(typed); the screen was:\n\(terminal.screen.text)")
            }
            let found = terminal.screen.row(0).contains("Search results")
            queries.append(
                Query(
                    query: query, typed: typed, ms: milliseconds(from: sent, to: last),
                    results: found ? NewsboatPeer.total(in: terminal.screen.row(0)) : nil))
            if found {
                terminal.send(Array("q".utf8))
                _ = terminal.settle(timeout: timeout, ready: isArticleListDrawn)
            }
        }
        return queries
    }

    func isFeedListDrawn(_ screen: TerminalScreen) -> Bool {
        screen.row(0).contains("Your feeds") && screen.row(rows - 2).contains("Quit")
            && (1..<rows).contains { screen.row($0).contains(RSSFeed.title) }
    }

    func isArticleListDrawn(_ screen: TerminalScreen) -> Bool {
        screen.row(0).contains("Articles in feed") && screen.row(rows - 2).contains("Quit")
            && !screen.row(1).allSatisfy { $0 == " " }
    }

    /// `… (3 unread, 1,234 total)` → 1234.
    static func total(in title: String) -> Int? {
        guard let range = title.range(of: " total)") else { return nil }
        let digits = title[..<range.lowerBound].reversed().prefix { $0.isNumber || $0 == "," }
        return Int(String(digits.reversed()).replacingOccurrences(of: ",", with: ""))
    }

    /// Runs newsboat without a terminal; returns its exit status.
    private func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }

    static func version(_ executable: String) -> String {
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-v"]
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return "newsboat" }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let first = String(decoding: data, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "newsboat"
        return first.components(separatedBy: " - ").first ?? first
    }

    static func megabytes(_ path: String) -> Double {
        Double((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.int64Value ?? 0) / 1e6
    }
}
