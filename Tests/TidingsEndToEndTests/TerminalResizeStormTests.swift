import Foundation
import Glibc
import Testing
import TidingsCore
import TidingsTestSupport

/// Issue 7: resize storms. The browser in tmux is resized many times in a row (sizes from
/// 1x1 to 300x100, the degenerate ones always included): it must never crash, must show
/// the "terminal too small" line below the minimum size, and must end on exactly the screen
/// a browser started fresh at the final size shows.
///
/// `TIDINGS_RESIZE_STORM` sets the number of random sizes (50 by default; 200 for the long
/// run) and `TIDINGS_RESIZE_SEED` the seed.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct TerminalResizeStormTests {
    static let message = "Tidings: terminal too small"

    /// Whether the first screen line is the too-small message, cut to the width.
    static func showsTooSmall(_ screen: String, columns: Int) -> Bool {
        let first = screen.split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
        let line = first.trimmingCharacters(in: .whitespaces)
        // At 1x1 the only cell is the bottom-right corner, which ncurses never writes on a
        // terminal with automatic margins: a blank screen is all there can be.
        if columns == 1, screen.trimmingCharacters(in: .whitespacesAndNewlines).count <= 1 { return true }
        guard !line.isEmpty else { return false }
        return line.hasPrefix(message) || message.hasPrefix(line)
    }

    /// Waits until two captures 250 ms apart are equal and satisfy `ready`; returns the screen.
    static func settledScreen(_ tmux: TmuxSession, ready: @escaping (String) -> Bool) async throws -> String {
        var previous = try await tmux.waitUntil("the screen to settle", timeout: .seconds(15), ready)
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(250))
            let screen = try tmux.capture()
            if screen == previous, ready(screen) { return screen }
            previous = screen
        }
        throw TmuxSession.Failure(message: "the screen never settled", screen: previous)
    }

    @Test func resizeStormEndsOnAFreshScreen() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["TIDINGS_RESIZE_STORM"] ?? "") ?? 50
        let seed = UInt64(environment["TIDINGS_RESIZE_SEED"] ?? "") ?? 7
        var generator = SplitMix64(seed: seed)
        var sizes: [(Int, Int)] = (0..<count).map { _ in
            (Int.random(in: 1...300, using: &generator), Int.random(in: 1...100, using: &generator))
        }
        let degenerate = [(1, 1), (10, 3), (2, 80), (80, 2)]
        for (offset, size) in degenerate.enumerated() {
            sizes.insert(size, at: min(sizes.count, (offset + 1) * sizes.count / (degenerate.count + 1)))
        }
        // End on a usable size drawn from the same generator.
        sizes.append((Int.random(in: 20...300, using: &generator), Int.random(in: 5...100, using: &generator)))

        let cli = try CLI()
        let imported = try await cli.run("import", CLI.repository + "/data")
        #expect(imported.status == 0, "\(imported)")
        let tidings = try BuiltProducts.executable(named: "tidings")
        let tmux = try TmuxSession(command: [tidings], columns: 80, rows: 24, environment: cli.environment)
        try await tmux.waitFor("1/50")

        for (columns, rows) in sizes {
            try tmux.resize(columns: columns, rows: rows)
            if degenerate.contains(where: { $0 == (columns, rows) }) {
                try await tmux.waitUntil("the too-small line at \(columns)x\(rows)") {
                    Self.showsTooSmall($0, columns: columns)
                }
            }
            #expect(try !tmux.paneDead(), "tidings died at \(columns)x\(rows)")
        }
        let (columns, rows) = sizes[sizes.count - 1]
        let stormed = try await Self.settledScreen(tmux) { $0.contains("1/50") }
        #expect(try !tmux.paneDead())

        let fresh = try TmuxSession(command: [tidings], columns: columns, rows: rows, environment: cli.environment)
        let expected = try await Self.settledScreen(fresh) { $0.contains("1/50") }
        #expect(
            stormed == expected,
            "after \(sizes.count) resizes, at \(columns)x\(rows):\n\(stormed)\n--- fresh ---\n\(expected)")

        try tmux.sendKeys("q")
        #expect(try await tmux.waitForExit() == 0)
        try fresh.sendKeys("q")
        #expect(try await fresh.waitForExit() == 0)
    }
}
