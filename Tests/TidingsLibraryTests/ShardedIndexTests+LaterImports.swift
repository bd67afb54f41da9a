import Foundation
import Testing
import TidingsTestSupport

@testable import TidingsLibrary

extension ShardedIndexTests {
    /// Imports into the library at `sharded` and into an ordinary one of the same `corpus`, in
    /// three rounds: new pages, four pages cut to their first post (posts removed), the pages
    /// again; after each, the index passes FTS5's check and answers as the ordinary one's.
    /// At the end FTS5 has written on and merged some of the segments away.
    static func importMore(_ folder: TemporaryFolder, _ corpus: String, into sharded: String) throws {
        let before = try structure(sharded)
        let ordinary = try ordinaryImport(folder, corpus)
        let more = CorpusGenerator(posts: 300, pages: 6, seed: 9)
        for index in 0..<more.pages {
            try folder.write("more/extra-" + more.fileName(ofPage: index), more.page(index))
        }
        let generator = CorpusGenerator(posts: 600, pages: 12, seed: 3)
        for round in 0..<3 {
            if round == 1 {
                // Each of four pages cut before its second post's dateline: posts removed (and
                // the first one's text changed).
                for index in 0..<4 {
                    let page = generator.page(index)
                    let lines = page.components(separatedBy: "\n")
                    let datelines = lines.indices.filter { lines[$0].hasPrefix("Posted on ") }
                    try folder.write(
                        "corpus/" + generator.fileName(ofPage: index),
                        lines[..<datelines[1]].joined(separator: "\n") + "\n")
                }
            } else if round == 2 {
                for index in 0..<4 {
                    try folder.write("corpus/" + generator.fileName(ofPage: index), generator.page(index))
                }
            }
            for path in [sharded, ordinary] {
                let summary = try Library(path: path).importArchives(at: [corpus, folder.path + "/more"])
                #expect(round == 1 ? summary.postsRemoved > 0 : summary.postsNew > 0, "round \(round): \(summary)")
            }
            try checkIntegrity(sharded)
            #expect(try answers(sharded) == answers(ordinary), "after round \(round)")
        }
        let after = try structure(sharded)
        #expect(after.writeCounter > before.writeCounter)
        // FTS5 merged segments of the joined index into new ones.
        let kept = Set(after.levels.flatMap(\.segments)).intersection(before.levels.flatMap(\.segments))
        #expect(kept.count < before.segmentCount, "\(before) → \(after)")
    }
}
