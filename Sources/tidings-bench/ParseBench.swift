import ArgumentParser
import Foundation
import TidingsCore

/// `tidings-bench parse`: times reading, hashing and parsing a corpus without the database.
struct ParseBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse", abstract: "Time parsing a generated corpus on one thread, without the database.")
    @OptionGroup var corpus: CorpusOptions
    @Option(help: "Where to keep generated corpora between runs.") var cache = ".build/bench-corpus"

    func run() throws {
        let folder = "\(cache)/\(corpus.posts)-\(corpus.generator.pages)-\(corpus.seed)"
        _ = try corpus.materialise(in: folder)
        var read = 0.0
        var hash = 0.0
        var parse = 0.0
        var posts = 0
        for index in 0..<corpus.generator.pages {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let bytes = [UInt8](
                try Data(contentsOf: URL(fileURLWithPath: folder + "/" + corpus.generator.fileName(ofPage: index))))
            let t1 = DispatchTime.now().uptimeNanoseconds
            _ = SHA256.hash(bytes)
            let t2 = DispatchTime.now().uptimeNanoseconds
            posts += ArchiveParser.parse(bytes: bytes, file: "page").posts.count
            let t3 = DispatchTime.now().uptimeNanoseconds
            read += Double(t1 - t0) / 1e9
            hash += Double(t2 - t1) / 1e9
            parse += Double(t3 - t2) / 1e9
        }
        print(
            String(
                format: "parse: %d posts; read %.2f s, file hash %.2f s, parse+identity %.2f s (one thread)", posts,
                read, hash, parse))
    }
}
