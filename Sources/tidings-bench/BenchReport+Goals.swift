import Foundation

extension BenchReport {
    /// The goals of issue 13 (with issue 6's first paint, Down and memory, which hold as they
    /// were) at one size.
    struct Goals {
        var importSeconds: Double
        /// How many times newsboat's import time Tidings' must be, when newsboat ran beside it.
        var importRatio: Double?
        var firstPaintMs: Double
        var downMs: Double
        var firstResultsP95Ms: Double
        var settledP95Ms: Double
        /// No key may take longer to settle, when the goal names such a bound.
        var slowestKeyMs: Double?
        var peakMemoryMiB: Double

        static let bySize: [Int: Goals] = [
            100_000: Goals(
                importSeconds: 12, importRatio: 2.5, firstPaintMs: 100, downMs: 5, firstResultsP95Ms: 25,
                settledP95Ms: 50, slowestKeyMs: 100, peakMemoryMiB: 60),
            1_000_000: Goals(
                importSeconds: 150, importRatio: nil, firstPaintMs: 150, downMs: 5, firstResultsP95Ms: 100,
                settledP95Ms: 150, slowestKeyMs: nil, peakMemoryMiB: 100),
        ]
    }

    /// The goals for this size, each met or not, on one line.
    func goals(_ size: Size) -> [String] {
        guard let goal = Goals.bySize[size.posts] else { return [] }
        func mark(_ value: Double?, _ limit: Double, _ text: String, atLeast: Bool = false) -> String {
            guard let value else { return "\(text) n/a" }
            let met = atLeast ? value >= limit : value <= limit
            return "\(text) \(met ? "met" : "NOT met")"
        }
        let search = size.search.available ? size.search : nil
        var marks = [
            mark(size.importSeconds, goal.importSeconds, "import ≤ \(Int(goal.importSeconds)) s")
        ]
        if let ratio = goal.importRatio {
            let ours = size.importSeconds
            let theirs = size.peer?.importSeconds
            let measured = ours.flatMap { o in theirs.map { $0 / o } }
            marks.append(mark(measured, ratio, "import ≥ \(ratio)× newsboat's speed", atLeast: true))
        }
        marks += [
            mark(size.firstPaintMedianMs, goal.firstPaintMs, "first paint ≤ \(Int(goal.firstPaintMs)) ms"),
            mark(size.downMedianMs, goal.downMs, "Down ≤ \(Int(goal.downMs)) ms (median)"),
            mark(
                search?.firstP95Ms, goal.firstResultsP95Ms,
                "search key p95 ≤ \(Int(goal.firstResultsP95Ms)) ms to first results"),
            mark(search?.p95Ms, goal.settledP95Ms, "≤ \(Int(goal.settledP95Ms)) ms to settled (ranked)"),
        ]
        if let slowest = goal.slowestKeyMs {
            marks.append(mark(search?.maxMs, slowest, "no key over \(Int(slowest)) ms"))
        }
        marks.append(mark(size.peakMemoryMiB, goal.peakMemoryMiB, "peak memory ≤ \(Int(goal.peakMemoryMiB)) MiB"))
        return ["\(BrowseBench.grouped(size.posts)) posts, goals: " + marks.joined(separator: "; ")]
    }

    /// The ten keys slowest to settle with both their times, so that a regression names its
    /// key: a Markdown table.
    func slowestKeys(_ size: Size) -> [String] {
        guard size.search.available, !size.search.keys.isEmpty else { return [] }
        let slowest = size.search.keys.sorted { $0.ms > $1.ms }.prefix(10)
        var lines = [
            "",
            "\(BrowseBench.grouped(size.posts)) posts, the ten slowest search keys:",
            "",
            "| typed | matches | to first results | to settled |",
            "|---|---|---|---|",
        ]
        for key in slowest {
            lines.append(
                "| `\(BenchReport.shown(key.typed))` | \(key.over ? "over " : "")\(key.matches.map(BrowseBench.grouped) ?? "–") | "
                    + "\(key.firstMs.map { ms($0) + " ms" } ?? "–")\(key.confirmed ? "" : " (echo)") | \(ms(key.ms)) ms |"
            )
        }
        lines.append("")
        return lines
    }

    /// Typed text for a table cell: a trailing space made visible, a pipe and backtick escaped.
    static func shown(_ typed: String) -> String {
        var text = typed.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "`", with: "'")
        if text.hasSuffix(" ") { text = String(text.dropLast()) + "␣" }
        return text
    }
}
