import Foundation
import Testing

/// `tidings-bench fetch` run small so that it cannot rot; the figures come from release builds
/// (docs/benchmarks.md), never from `swift test`.
@Suite struct FetchBenchSmokeTests {
    @Test func fetchBenchAtFiftyItemsPrintsItsFigures() async throws {
        let scratch = try ScratchDirectory(prefix: "tidings-fetch-bench")
        defer { scratch.remove() }
        let result = try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings-bench"),
            arguments: ["fetch", "--items", "50", "--sources", "3", "--runs", "1", "--json"],
            environment: ["HOME": scratch.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TMPDIR": scratch.path],
            workingDirectory: scratch.path, timeout: .seconds(120))
        #expect(result.status == 0, "\(result)")
        let figures = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Double])
        #expect(figures["items"] == 50 && figures["sources"] == 3)
        for key in ["feed_mb", "http_seconds", "parse_seconds", "store_seconds", "fetch_seconds", "update_304_seconds"]
        {
            #expect((figures[key] ?? 0) > 0, "\(key): \(result)")
        }
    }
}
