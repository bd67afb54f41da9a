import ArgumentParser
import Foundation
import TidingsCore
import TidingsFeeds
import TidingsLibrary

/// `tidings-bench search`: replays queries typed one key at a time on a generated library and
/// times what the browser does per keystroke (docs/search.md, "Live typing").
struct SearchBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Time live search, keystroke by keystroke, on a generated library.",
        discussion: """
            For every prefix of every scripted query (read as live input: the last word is a \
            prefix) it times the first stage, an archive-order page plus the match count (what \
            the browser paints), and separately the second, a relevance page.
            """)
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Where to keep generated corpora and libraries between runs.") var cache = ".build/bench-corpus"
    @Option(
        name: .customLong("query"),
        help: "Replay this query instead of the script (repeatable): to time a few keys on their own.")
    var queries: [String] = []
    @Option(help: "Rows per page (a tall terminal's list).") var limit = 50
    @Option(help: "Times to replay the script (after one warm-up replay).") var rounds = 3
    @Flag(help: "Print the result as JSON.") var json = false
    @Flag(help: "Also print each keystroke's times (the mean over the rounds).") var keys = false
    @Flag(
        help: """
            Count every match in the first stage, as the browser did before it counted up to its \
            bound (to compare).
            """) var exactCounts = false

    /// What a person might type: one-letter prefixes, words in about half the posts, a rare
    /// word, a phrase, exclusions, fields and Korean substrings.
    static let script = [
        "said", "the talks", "s", "t", "korea", "\"north korea\"", "kim -missile", "author:holloway sanctions",
        "title:summit", "category:economy market", "정은", "seltanselbra", "sanctions OR summit",
        "outlet:reuters pyongyang",
    ]

    /// Figures of one stage over every keystroke, in milliseconds.
    struct Stage: Encodable {
        var medianMs: Double
        var p95Ms: Double
        var maxMs: Double
        var cpuMedianMs: Double
        var cpuP95Ms: Double
        var slowest: [String]

        init(_ samples: [(text: String, wall: Double, cpu: Double)]) {
            let wall = samples.map(\.wall).sorted()
            let cpu = samples.map(\.cpu).sorted()
            medianMs = median(wall)
            p95Ms = percentile(wall, 0.95)
            maxMs = wall.last ?? 0
            cpuMedianMs = median(cpu)
            cpuP95Ms = percentile(cpu, 0.95)
            slowest = samples.sorted { $0.cpu > $1.cpu }.prefix(5).map { String(format: "%@ %.1f", $0.text, $0.cpu) }
        }

        var line: String {
            String(
                format: "median %.1f ms, p95 %.1f ms, max %.1f ms; CPU median %.1f ms, p95 %.1f ms",
                medianMs, p95Ms, maxMs, cpuMedianMs, cpuP95Ms)
        }
    }

    struct Result: Encodable {
        var posts: Int
        var keystrokes: Int
        var rounds: Int
        var firstStage: Stage
        var relevance: Stage
        /// Every key of every counted round, in order: what it typed and its CPU milliseconds
        /// per stage, so that a change can be compared key by key.
        var keys: [Key]
    }

    /// One key's CPU time in each stage.
    struct Key: Encodable {
        var text: String
        var archiveCPUMs: Double
        var relevanceCPUMs: Double
    }

    func run() throws {
        let path = try BrowseBench.preparedLibrary(corpus: corpus, cache: cache)
        let library = try Library(path: path)
        let posts = try library.count()
        var first: [(text: String, wall: Double, cpu: Double)] = []
        var ranked: [(text: String, wall: Double, cpu: Double)] = []
        for round in 0...max(1, rounds) {
            for query in queries.isEmpty ? SearchBench.script : queries {
                for length in 1...query.count {
                    let text = String(query.prefix(length))
                    let parsed = SearchQuery(text, typing: true)
                    if parsed.isEmpty { continue }
                    // As the browser's first stage does: the count stops at the ranking's bound.
                    var count: MatchCount?
                    let archive = try SearchBench.milliseconds {
                        count = try library.search(
                            parsed, order: .archive, limit: limit,
                            countBound: exactCounts ? nil : RankingScope.typingBound
                        ).count
                    }
                    // As the browser's worker does: it asks whether the live ranking would decline,
                    // then for the ranked page, with the count it has.
                    let relevance = try SearchBench.milliseconds {
                        if BlockingWait.wait({ try? await library.liveRankingDeclined(parsed) }) == nil {
                            _ = try library.search(
                                parsed, order: .relevance, limit: limit, counting: false,
                                ranking: .typing(known: count))
                        }
                    }
                    // The first replay warms the page cache and is not counted.
                    if round > 0 {
                        first.append((text, archive.wall, archive.cpu))
                        ranked.append((text, relevance.wall, relevance.cpu))
                    }
                }
            }
        }
        let result = Result(
            posts: posts, keystrokes: first.count / max(1, rounds), rounds: max(1, rounds),
            firstStage: Stage(first), relevance: Stage(ranked),
            keys: zip(first, ranked).map { Key(text: $0.text, archiveCPUMs: $0.cpu, relevanceCPUMs: $1.cpu) })
        if json {
            try printJSON(result)
            return
        }
        print("search: \(posts) posts, \(result.keystrokes) keystrokes × \(result.rounds) rounds, \(limit) rows a page")
        print("  archive page + count (painted per keystroke): " + result.firstStage.line)
        print("  relevance page (async, cancellable):           " + result.relevance.line)
        print("  most CPU, archive:   " + result.firstStage.slowest.joined(separator: ", "))
        print("  most CPU, relevance: " + result.relevance.slowest.joined(separator: ", "))
        if keys { printKeys(first: first, ranked: ranked) }
    }

    /// One line per text typed, in the script's order: both stages' wall and CPU times, the
    /// mean of the rounds (a text typed twice in a round, `s`, counts each time).
    private func printKeys(
        first: [(text: String, wall: Double, cpu: Double)], ranked: [(text: String, wall: Double, cpu: Double)]
    ) {
        var order: [String] = []
        var sums: [String: (count: Int, wall: Double, cpu: Double, rankedWall: Double, rankedCPU: Double)] = [:]
        for (archive, relevance) in zip(first, ranked) {
            if sums[archive.text] == nil { order.append(archive.text) }
            var sum = sums[archive.text] ?? (0, 0, 0, 0, 0)
            sum = (
                sum.count + 1, sum.wall + archive.wall, sum.cpu + archive.cpu, sum.rankedWall + relevance.wall,
                sum.rankedCPU + relevance.cpu
            )
            sums[archive.text] = sum
        }
        print("  per key (ms, wall / CPU): first stage | relevance")
        for text in order {
            guard let sum = sums[text] else { continue }
            let count = Double(sum.count)
            print(
                String(
                    format: "    %@  %.1f / %.1f | %.1f / %.1f", text, sum.wall / count, sum.cpu / count,
                    sum.rankedWall / count, sum.rankedCPU / count))
        }
    }

    /// Wall-clock and process CPU milliseconds of `body`. On a shared machine the CPU time
    /// is the steadier figure: SQLite works on a GRDB reader thread, so it is the process's.
    static func milliseconds(_ body: () throws -> Void) throws -> (wall: Double, cpu: Double) {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuNanoseconds()
        try body()
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6, Double(cpuNanoseconds() - cpuStart) / 1e6)
    }

    private static func cpuNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }
}
