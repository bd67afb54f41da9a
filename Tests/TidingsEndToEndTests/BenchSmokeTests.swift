import Foundation
import Testing

/// The benchmark command (docs/benchmarks.md) run small, so that it cannot rot: the real
/// `tidings-bench all` on 1,000 posts, with its corpus cache in a temporary folder. The real
/// figures come from a release build at 100,000 posts and more, never from `swift test`.
@Suite struct BenchSmokeTests {
    static let columns = [
        "posts", "import", "posts/s", "library", "first paint (median)", "Down median / p95", "bytes per Down",
        "search key to first results, median / p95", "search key to settled, median / p95", "search bytes per key",
        "peak memory",
    ]

    static let wireColumns = [
        "posts", "bytes per Down, preview following", "bytes per Down, preview on Enter", "run of Downs: keys, gap",
        "run: bytes", "run: share of as many single Downs", "run: list behind the keys, most",
    ]

    @Test func allAtOneThousandPostsPrintsATableOfSaneFigures() async throws {
        let scratch = try ScratchDirectory(prefix: "tidings-bench-smoke")
        defer { scratch.remove() }
        let json = scratch.file("bench.json")
        let result = try await ProcessRunner.run(
            try BuiltProducts.executable(named: "tidings-bench"),
            arguments: [
                "all", "--posts", "1000", "--runs", "1", "--keys", "5", "--cache", scratch.file("cache"),
                "--json-out", json,
            ],
            environment: ["HOME": scratch.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"],
            workingDirectory: scratch.path, timeout: .seconds(180))
        #expect(result.status == 0, "\(result)")

        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        let header = try #require(lines.first { $0.hasPrefix("| posts |") }, "\(result)")
        #expect(cells(header) == Self.columns)
        let row = try #require(lines.first { $0.hasPrefix("| 1,000 |") }, "\(result)")
        let values = cells(row)
        try #require(values.count == Self.columns.count, "\(row)")
        let figures = Dictionary(uniqueKeysWithValues: zip(Self.columns, values))
        // Search too: "n/a" would mean the browser's search line no longer shows its results.
        for column in Self.columns.dropFirst() {
            let numbers = self.numbers(figures[column] ?? "")
            #expect(!numbers.isEmpty && numbers.allSatisfy { $0 > 0 }, "\(column): \(figures[column] ?? "")\n\(result)")
        }
        // The bytes on the wire (issue 14): both preview modes and the run of Downs.
        let wireHeader = try #require(lines.firstIndex { $0.hasPrefix("| posts | bytes per Down, preview following") })
        #expect(cells(lines[wireHeader]) == Self.wireColumns)
        let wire = cells(lines[wireHeader + 2])
        try #require(wire.count == Self.wireColumns.count, "\(lines[wireHeader + 2])")
        #expect(wire[0] == "1,000")
        for (column, cell) in zip(Self.wireColumns, wire).dropFirst() where column != "run: list behind the keys, most"
        {
            let numbers = self.numbers(cell)
            #expect(!numbers.isEmpty && numbers.allSatisfy { $0 > 0 }, "\(column): \(cell)\n\(result)")
        }
        #expect(!self.numbers(wire[6]).isEmpty, "the list's lag: \(wire[6])")
        #expect(
            lines.contains { $0.hasPrefix("Command: `/") && $0.contains("tidings-bench all --posts 1000 --runs 1") },
            "\(result)")
        #expect(lines.contains { $0.hasPrefix("Machine: ") && $0.contains("cores") }, "\(result)")
        // The slowest keys, each with its matches and both times, so that a regression names its key
        // (blank lines are not among `lines`).
        let slowest = try #require(lines.firstIndex(of: "1,000 posts, the ten slowest search keys:"), "\(result)")
        #expect(cells(lines[slowest + 1]) == ["typed", "matches", "to first results", "to settled"])
        let keyRows = lines[(slowest + 3)...].prefix { $0.hasPrefix("| `") }
        #expect((1...10).contains(keyRows.count), "\(result)")
        for keyRow in keyRows {
            let keyCells = cells(keyRow)
            #expect(keyCells.count == 4 && numbers(keyCells[3]).first ?? 0 > 0, "\(keyRow)")
        }

        let data = try Data(contentsOf: URL(fileURLWithPath: json))
        let report = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(report["command"] is String && report["date"] is String)
        let machine = try #require(report["machine"] as? [String: Any])
        #expect((machine["cores"] as? Int ?? 0) > 0)
        let sizes = try #require(report["sizes"] as? [[String: Any]])
        #expect(sizes.first?["posts"] as? Int == 1_000)
        #expect((sizes.first?["importSeconds"] as? Double ?? 0) > 0)
        let wireFigures = try #require(sizes.first?["wire"] as? [String: Any])
        // Issue 14's limit where it holds whatever the load: a Down with the preview on Enter
        // writes the same bytes however slowly the machine runs (two rows and the status line),
        // at most 300, and fewer than a Down whose preview follows.
        let onEnter = try #require(wireFigures["downBytesOnEnter"] as? Int)
        let follow = try #require(wireFigures["downBytesFollow"] as? Int)
        #expect(onEnter > 0 && onEnter <= 300, "bytes per Down on Enter: \(onEnter)")
        #expect(onEnter < follow, "on Enter \(onEnter), following \(follow)")
        // The run's share (at most 30%) and the list's lag (at most 1) are not asserted here:
        // both depend on keys 30 ms apart arriving in time, which a loaded 2-core machine running
        // a debug build does not promise (a stalled bench sends the run as separate keys, and a
        // stalled browser falls behind). The pacing itself is checked on a virtual clock in
        // SessionPacingTests; the real figures come from the release bench.
        #expect(wireFigures["runReachedEnd"] as? Bool == true)
    }

    /// The cells of a Markdown table row.
    private func cells(_ row: String) -> [String] {
        row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The numbers in a cell: `12 / 15 ms` → [12, 15]; `2,476` → [2476].
    private func numbers(_ text: String) -> [Double] {
        text.replacingOccurrences(of: ",", with: "").split { !($0.isNumber || $0 == ".") }.compactMap { Double($0) }
    }
}
