import Foundation

/// What `tidings-bench all` measured, with where and how: written as JSON and as Markdown.
struct BenchReport: Codable {
    struct Machine: Codable {
        var uname: String
        var cores: Int
        var memoryGiB: Double
        var cpu: String
        /// `/proc/loadavg` when the run started: the machine may be shared.
        var loadAverage: String
    }

    /// One corpus size.
    struct Size: Codable {
        var posts: Int
        var corpusMB: Double
        /// Nil when the library was reused (`--reuse-library`).
        var importSeconds: Double?
        /// The importing (writer) thread's time on a CPU, and runnable but waiting for one.
        var importWriterCPUSeconds: Double?
        var importWriterWaitSeconds: Double?
        var postsPerSecond: Double?
        var libraryMB: Double
        var firstPaintsMs: [Double]
        var firstPaintMedianMs: Double
        var downMedianMs: Double
        var downP95Ms: Double
        var bytesPerDownMedian: Int
        var search: SearchTyping.Figures
        var peakMemoryMiB: Double
        var loadAverage: String
        var peer: NewsboatPeer.Figures?
        var peerNote: String?
        /// Bytes on the wire: both preview modes and a run of Downs.
        var wire: WireFigures?
    }

    var command: String
    var date: String
    var commit: String?
    var machine: Machine
    var sizes: [Size] = []

    static func machine() -> Machine {
        let meminfo = (try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) ?? ""
        let total =
            meminfo.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }
            .flatMap { $0.split(separator: " ").dropFirst().first.flatMap { Double($0) } } ?? 0
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
            ?? "unknown"
        return Machine(
            uname: shell("/bin/uname", ["-a"]) ?? "unknown", cores: ProcessInfo.processInfo.activeProcessorCount,
            memoryGiB: (total / 1_048_576 * 10).rounded() / 10, cpu: model, loadAverage: loadAverage())
    }

    static func loadAverage() -> String {
        ((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8)) ?? "").split(separator: " ").prefix(3).joined(
            separator: " ")
    }

    static func commit() -> String? {
        guard let hash = shell("/usr/bin/git", ["rev-parse", "--short", "HEAD"]), !hash.isEmpty else { return nil }
        let dirty =
            shell("/usr/bin/git", ["status", "--porcelain", "--untracked-files=no"]).map { !$0.isEmpty } ?? false
        return dirty ? hash + " (with uncommitted changes)" : hash
    }

    /// The first line a program prints, nil when it cannot run.
    static func shell(_ executable: String, _ arguments: [String]) -> String? {
        guard FileManager.default.isExecutableFile(atPath: executable) else { return nil }
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: Markdown

    static let columns = [
        "posts", "import", "posts/s", "library", "first paint (median)", "Down median / p95", "bytes per Down",
        "search key to first results, median / p95", "search key to settled, median / p95", "search bytes per key",
        "peak memory",
    ]
    /// The table row of one size, as the Markdown table has it.
    func row(_ size: Size) -> String {
        let search =
            size.search.available
            ? "\(ms(size.search.medianMs)) / \(ms(size.search.p95Ms)) ms" : "n/a"
        let first =
            size.search.available
            ? "\(ms(size.search.firstMedianMs)) / \(ms(size.search.firstP95Ms)) ms" : "n/a"
        let cells = [
            BrowseBench.grouped(size.posts),
            size.importSeconds.map { String(format: "%.1f s", $0) } ?? "reused",
            size.postsPerSecond.map { BrowseBench.grouped(Int($0)) } ?? "–",
            String(format: "%.0f MB", size.libraryMB),
            "\(ms(size.firstPaintMedianMs)) ms",
            "\(ms(size.downMedianMs)) / \(ms(size.downP95Ms)) ms",
            BrowseBench.grouped(size.bytesPerDownMedian),
            first,
            search,
            size.search.available ? BrowseBench.grouped(size.search.bytesMedian) : "n/a",
            String(format: "%.1f MiB", size.peakMemoryMiB),
        ]
        return "| " + cells.joined(separator: " | ") + " |"
    }

    var markdown: String {
        var lines = [
            "Tidings benchmark, \(date), commit \(commit ?? "unknown")",
            "Machine: \(machine.cpu), \(machine.cores) cores, \(machine.memoryGiB) GiB; load average \(machine.loadAverage) at the start",
            "System: \(machine.uname)",
            "Command: `\(command)`",
            "",
            "| " + BenchReport.columns.joined(separator: " | ") + " |",
            "|" + String(repeating: "---|", count: BenchReport.columns.count),
        ]
        lines += sizes.map(row)
        lines += wireTable
        for size in sizes {
            if let wall = size.importSeconds, let cpu = size.importWriterCPUSeconds,
                let wait = size.importWriterWaitSeconds
            {
                lines.append(
                    "\(BrowseBench.grouped(size.posts)) posts, import: "
                        + String(
                            format:
                                "%.1f s of wall time; the writer thread ran %.1f s, waited %.1f s for a CPU and %.1f s for files or the disk",
                            wall, cpu, wait, max(0, wall - cpu - wait))
                        + " (load average \(size.loadAverage) before)")
            }
            if let note = size.search.note { lines.append("\(BrowseBench.grouped(size.posts)) posts, search: \(note)") }
            lines += goals(size)
            lines += slowestKeys(size)
        }
        for size in sizes {
            if let note = size.peerNote { lines += ["", "\(BrowseBench.grouped(size.posts)) posts, peer: \(note)"] }
            if let peer = size.peer { lines += ["", comparison(size, peer)] }
        }
        return lines.joined(separator: "\n")
    }

    static let wireColumns = [
        "posts", "bytes per Down, preview following", "bytes per Down, preview on Enter",
        "run of Downs: keys, gap", "run: bytes", "run: share of as many single Downs",
        "run: list behind the keys, most",
    ]

    /// Bytes on the wire (issue 14), one row per size measured.
    private var wireTable: [String] {
        let rows = sizes.compactMap { size in
            size.wire.map { wire in
                "| "
                    + [
                        BrowseBench.grouped(size.posts), BrowseBench.grouped(wire.downBytesFollow),
                        BrowseBench.grouped(wire.downBytesOnEnter), "\(wire.runKeys), \(Int(wire.runGapMs)) ms",
                        BrowseBench.grouped(wire.runBytes), String(format: "%.0f%%", wire.runShare * 100),
                        "\(wire.runMaxLag)" + (wire.runReachedEnd ? "" : " (did not reach the last row)"),
                    ].joined(separator: " | ") + " |"
            }
        }
        guard !rows.isEmpty else { return [] }
        return [
            "",
            "On the wire (goals: on Enter ≤ 300 bytes per Down; a run ≤ 30% of as many single Downs, the list never behind):",
            "",
            "| " + BenchReport.wireColumns.joined(separator: " | ") + " |",
            "|" + String(repeating: "---|", count: BenchReport.wireColumns.count),
        ] + rows
    }

    /// Tidings and newsboat side by side on the same posts.
    private func comparison(_ size: Size, _ peer: NewsboatPeer.Figures) -> String {
        let lastKeys = lastKeyTimes(size.search)
        func row(
            _ name: String, _ ours: Double?, _ theirs: Double?, _ unit: String, _ format: String = "%.1f"
        ) -> String {
            let a = ours.map { String(format: format, $0) + " " + unit } ?? "n/a"
            let b = theirs.map { String(format: format, $0) + " " + unit } ?? "n/a"
            let ratio = ours.flatMap { o in theirs.map { o > 0 ? String(format: "%.1f×", $0 / o) : "–" } } ?? "–"
            return "| \(name) | \(a) | \(b) | \(ratio) |"
        }
        return
            ([
                "\(BrowseBench.grouped(size.posts)) posts: Tidings and \(peer.version) side by side (\(peer.items) items, RSS file of \(Int(peer.feedMB)) MB)",
                "",
                "| measure | Tidings | newsboat | newsboat / Tidings |",
                "|---|---|---|---|",
                row("import", size.importSeconds, peer.importSeconds, "s"),
                row("library / cache on disk", size.libraryMB, peer.cacheMB, "MB", "%.0f"),
                row(
                    "start to headline list (newsboat: feed list + Enter to article list)", size.firstPaintMedianMs,
                    peer.headlinesMedianMs, "ms"),
                row("  newsboat: start to feed list", nil, peer.feedListMedianMs, "ms"),
                row("  newsboat: Enter to article list", nil, peer.articleListMedianMs, "ms"),
                row("Down key, median", size.downMedianMs, peer.downMedianMs, "ms", "%.2f"),
                row("Down key, p95", size.downP95Ms, peer.downP95Ms, "ms", "%.2f"),
                row("bytes per Down", Double(size.bytesPerDownMedian), Double(peer.bytesPerDownMedian), "B", "%.0f"),
                row(
                    "search, query to results, median (Tidings: its last key, settled; newsboat: Enter)",
                    lastKeys.map(median), peer.searchMedianMs, "ms"),
                row("search, query to results, p95", lastKeys.map { percentile($0, 0.95) }, peer.searchP95Ms, "ms"),
                row(
                    "search, each key typed to first results, p95 (newsboat: none, it searches on Enter)",
                    size.search.available ? size.search.firstP95Ms : nil, nil, "ms"),
                row(
                    "search, each key typed to settled, p95", size.search.available ? size.search.p95Ms : nil, nil, "ms"
                ),
                row("peak memory", size.peakMemoryMiB, peer.peakMemoryMiB, "MiB"),
            ]
            + peer.queries.map { query in
                "newsboat searched \"\(query.typed)\" for \(query.query): \(ms(query.ms)) ms, "
                    + (query.results.map { "\(BrowseBench.grouped($0)) results" } ?? "no results")
            }).joined(separator: "\n")
    }

    /// The time of each query's last key: the complete query to its results.
    private func lastKeyTimes(_ search: SearchTyping.Figures) -> [Double]? {
        guard search.available else { return nil }
        let last = SearchTyping.script.compactMap { query in search.keys.last { $0.typed == query }?.ms }
        return last.isEmpty ? nil : last
    }

    func ms(_ value: Double) -> String {
        String(format: value < 10 ? "%.1f" : "%.0f", value)
    }
}
