import Foundation
import Testing
import TidingsCore
import TidingsTestSupport

@testable import TidingsUI

/// Replays `FuzzRegressions/highlight/` and `FuzzRegressions/paste/` (inputs found by
/// `tidings-fuzz highlight|paste` or kept to guard a past bug) through the fuzzer's own checks,
/// ``HighlightSelfCheck`` and ``PasteSelfCheck``, and runs both over random hostile text, so
/// the targets' checks are exercised by every test run. See docs/testing.md.
@Suite struct InputFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "FuzzRegressions")

    static func inputs(_ target: String) throws -> [(String, String)] {
        let path = folder.appendingPathComponent(target).path
        return try FileManager.default.contentsOfDirectory(atPath: path).sorted().map { name in
            (name, String(decoding: try Data(contentsOf: URL(fileURLWithPath: path + "/" + name)), as: UTF8.self))
        }
    }

    @Test func highlightRegressionsReplay() throws {
        let inputs = try Self.inputs("highlight")
        #expect(!inputs.isEmpty)
        for (name, input) in inputs {
            let parts = input.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            let failure = HighlightSelfCheck.failure(
                text: parts.count > 1 ? String(parts[1]) : "", query: String(parts[0]))
            #expect(failure == nil, "\(name): \(failure ?? "")")
        }
    }

    @Test func pasteRegressionsReplay() throws {
        let inputs = try Self.inputs("paste")
        #expect(!inputs.isEmpty)
        for (name, input) in inputs {
            let failure = PasteSelfCheck.failure(pasting: input)
            #expect(failure == nil, "\(name): \(failure ?? "")")
        }
    }

    @Test func checksHoldOnRandomHostileText() {
        var random = SplitMix64(seed: 1_616)
        let queries = ["zebra", "ze", "\"zebra word\"", "한국", "e", "word OR zebra", "title:zebra"]
        for round in 0..<150 {
            let text = HighlightCostTests.randomText(&random, pieces: Int(random.next() % 60))
            let query = queries[Int(random.next() % UInt64(queries.count))]
            let highlight = HighlightSelfCheck.failure(text: text, query: query)
            #expect(highlight == nil, "round \(round) \(query): \(text.debugDescription): \(highlight ?? "")")
            let paste = PasteSelfCheck.failure(pasting: text)
            #expect(paste == nil, "round \(round): \(text.debugDescription): \(paste ?? "")")
        }
    }
}
