import ArgumentParser
import Foundation
import TidingsLibrary

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
        let library = try BrowseBench.preparedLibrary(corpus: corpus, cache: cache)
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tidings").path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchError("build tidings too: swift build -c release (looked for \(executable))")
        }
        let dimensions = size.split(separator: "x").compactMap { Int($0) }
        guard dimensions.count == 2 else { throw ValidationError("--size must look like 120x40") }
        let total = try Library(path: library).count()
        let marker = Array("/\(BrowseBench.grouped(total))".utf8)
        let environment = ["TERM": "xterm-256color", "LANG": "C.UTF-8", "HOME": NSTemporaryDirectory(),
                           "TIDINGS_LIBRARY": library, "PATH": "/usr/bin:/bin"]

        var paints: [Double] = []
        var session: PseudoTerminal?
        for _ in 0..<runs {
            let start = DispatchTime.now()
            let terminal = try PseudoTerminal(executable: executable, arguments: [], environment: environment,
                                              columns: dimensions[0], rows: dimensions[1])
            let (bytes, last) = terminal.read(quietMilliseconds: 0, until: { $0.contains(marker) })
            guard bytes.contains(marker), let last else { throw BenchError("the browser never showed its list") }
            paints.append(Double(last.uptimeNanoseconds - start.uptimeNanoseconds) / 1e6)
            _ = terminal.read(quietMilliseconds: 50)
            session = terminal
        }
        guard let terminal = session else { return }
        var latencies: [Double] = []
        var sizes: [Int] = []
        for _ in 0..<keys {
            let sent = DispatchTime.now()
            terminal.send([0x1B, 0x4F, 0x42])  // Down, as xterm sends it in keypad mode
            let (bytes, last) = terminal.read(quietMilliseconds: 40)
            guard let last else { continue }
            latencies.append(Double(last.uptimeNanoseconds - sent.uptimeNanoseconds) / 1e6)
            sizes.append(bytes.count)
        }
        let peak = terminal.peakMemoryKiB() ?? 0
        terminal.send(Array("q".utf8))
        let result = BrowseResult(posts: total, firstPaintMedianMs: median(paints), firstPaintMaxMs: paints.max() ?? 0,
                                  downMedianMs: median(latencies), downP95Ms: percentile(latencies, 0.95),
                                  bytesPerDownMedian: Int(median(sizes.map(Double.init))), peakMemoryMiB: Double(peak) / 1024)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(result), as: UTF8.self))
        } else {
            print(String(format: "browse: %d posts at %@; first paint median %.1f ms (max %.1f, %d cold starts); Down key median %.2f ms, p95 %.2f ms, %d bytes; peak memory %.1f MiB",
                         total, size, result.firstPaintMedianMs, result.firstPaintMaxMs, runs, result.downMedianMs,
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
        _ = try Importer(library: try Library(path: path)).run(paths: [folder])
        FileManager.default.createFile(atPath: path + ".complete", contents: nil)
        return path
    }

    /// Thousands separated by commas, as the status line shows counts.
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
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

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}
