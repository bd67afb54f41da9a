import ArgumentParser
import Foundation
import TidingsCore
import TidingsLibrary
import TidingsTestSupport

/// `tidings-bench`: generates corpora and measures Tidings on them (see docs/benchmarks.md).
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tidings-bench",
        abstract: "Generate archive corpora and benchmark Tidings on them.",
        discussion:
            "Build with -c release for meaningful figures: swift run -c release tidings-bench import --posts 100000",
        subcommands: [
            Corpus.self, ImportBench.self, ParseBench.self, ParseWebBench.self, BrowseBench.self, SearchBench.self,
            AllBench.self,
            FetchBench.self, UpdateKeysBench.self, WireBench.self,
        ])
}

/// Options naming a generated corpus.
struct CorpusOptions: ParsableArguments {
    @Option(help: "Number of distinct posts.") var posts = 10_000
    @Option(help: "Number of archive pages (files); default: one per 100 posts.") var pages: Int?
    @Option(help: "Generator seed.") var seed: UInt64 = 1

    var generator: CorpusGenerator {
        CorpusGenerator(posts: posts, pages: pages ?? max(1, posts / 100), seed: seed)
    }

    /// Writes the corpus to `folder` unless a complete copy is already there; returns its byte size.
    func materialise(in folder: String) throws -> Int64 {
        let generator = self.generator
        let manager = FileManager.default
        let marker = folder + "/.complete-\(posts)-\(generator.pages)-\(seed)"
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var bytes: Int64 = 0
        if manager.fileExists(atPath: marker) {
            for index in 0..<generator.pages {
                let size =
                    try manager.attributesOfItem(atPath: folder + "/" + generator.fileName(ofPage: index))[.size]
                    as? NSNumber
                bytes += size?.int64Value ?? 0
            }
            return bytes
        }
        for index in 0..<generator.pages {
            let data = Data(generator.page(index).utf8)
            bytes += Int64(data.count)
            try data.write(to: URL(fileURLWithPath: folder + "/" + generator.fileName(ofPage: index)))
        }
        _ = manager.createFile(atPath: marker, contents: nil)
        return bytes
    }
}

/// `tidings-bench corpus`: writes a corpus to a folder.
struct Corpus: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Write a generated corpus of archive pages to a folder.")
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Folder to write the pages into.") var out: String

    func run() throws {
        let start = Date()
        let bytes = try corpus.materialise(in: out)
        print(
            "wrote \(corpus.posts) posts in \(corpus.generator.pages) pages, \(bytes / 1_000_000) MB, to \(out) in \(String(format: "%.1f", Date().timeIntervalSince(start))) s"
        )
    }
}

/// `tidings-bench import`: imports a corpus into a fresh library and times it.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Time importing a generated corpus into a fresh library.")
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Where to keep generated corpora between runs.") var cache = ".build/bench-corpus"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let folder = "\(cache)/\(corpus.posts)-\(corpus.generator.pages)-\(corpus.seed)"
        let bytes = try corpus.materialise(in: folder)
        let libraryFolder = NSTemporaryDirectory() + "tidings-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: libraryFolder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: libraryFolder) }
        let start = DispatchTime.now()
        let (library, summary) = try Library.importArchives(
            at: [folder], intoLibraryAt: libraryFolder + "/library.sqlite")
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let again = DispatchTime.now()
        _ = try library.importArchives(at: [folder])
        let reimport = Double(DispatchTime.now().uptimeNanoseconds - again.uptimeNanoseconds) / 1e9
        let size = try library.statistics().fileBytes
        let result: [String: Double] = [
            "posts": Double(summary.postsNew), "corpus_mb": Double(bytes) / 1e6, "seconds": seconds,
            "posts_per_second": Double(summary.postsNew) / seconds, "library_mb": Double(size) / 1e6,
            "reimport_seconds": reimport,
        ]
        if json {
            try printJSON(result)
        } else {
            print(
                String(
                    format:
                        "import: %d posts (%.0f MB) in %.2f s = %.0f posts/s; library %.0f MB; unchanged re-import %.2f s",
                    summary.postsNew, Double(bytes) / 1e6, seconds, Double(summary.postsNew) / seconds,
                    Double(size) / 1e6, reimport))
        }
    }
}
