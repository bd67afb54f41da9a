import ArgumentParser
import Foundation
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// `tidings-bench update-keys`: the Down key in the real browser while `R` updates web sources.
///
/// `--sources` feeds on as many local servers (FixtureServer, each answering after `--delay`)
/// are fetched into a fresh library; then each feed gains `--items` new posts, the browser
/// starts on a pseudo-terminal, Down is timed a while with nothing else running, then `R` is
/// sent and Down is timed again until the library holds every new post. The update parses and
/// stores on other threads of the browser's process; the key must not wait for it.
struct UpdateKeysBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update-keys", abstract: "Time Down/Up keys in the browser while R updates web sources.")
    @Option(help: "Web sources (local servers) to update.") var sources = 8
    @Option(help: "New posts each source gains (items of about 5 KB).") var items = 150
    @Option(help: "Seconds each server waits before it answers.") var delay = 0.05
    @Option(help: "Down keys to time before R.") var keys = 60
    @Option(help: "Terminal size, COLUMNSxROWS.") var size = "120x40"
    @Flag(help: "Print the result as JSON.") var json = false

    func run() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tidings-bench-update-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("library.sqlite").path
        var servers: [FixtureServer] = []
        for index in 0..<sources {
            let server = try FixtureServer(root: nil)
            server.route(
                "/feed/",
                .content(FetchBench.feed(items: 10, offset: (index + 1) * 10_000), contentType: "application/rss+xml"))
            servers.append(server)
        }
        let library = try Library(path: path)
        let updater = WebUpdater(library: library, client: HTTPClient(), reader: WebUpdater.standardReader)
        let urls = servers.map { $0.url("/feed/") }
        let first = BlockingWait.wait { await updater.fetch(urls) }
        if let failed = first.first(where: { $0.error != nil }) { throw BenchError(failed.error ?? "") }
        // Each feed now holds its new posts first, then the ten it had.
        for (index, server) in servers.enumerated() {
            server.route(
                "/feed/",
                .content(
                    FetchBench.feed(items: items + 10, offset: (index + 1) * 10_000 - items),
                    contentType: "application/rss+xml"))
            server.setDelay(delay)
        }
        let expected = try library.count() + sources * items

        let probe = try BrowserProbe(library: path, size: size)
        let terminal = try probe.start()
        guard terminal.settle(quietMilliseconds: 50, timeout: 30, ready: probe.isListDrawn).isReady else {
            throw BenchError("the browser never showed its list; the screen was:\n\(terminal.screen.text)")
        }
        var quiet: [Double] = []
        for index in 0..<keys { quiet.append(try Self.move(terminal, rows: probe.rows, down: index % 2 == 0)) }
        let started = DispatchTime.now()
        terminal.send(Array("R".utf8))
        var during: [Double] = []
        var stored = try library.count()
        while stored < expected, during.count < 2_000 {
            during.append(try Self.move(terminal, rows: probe.rows, down: during.count % 2 == 0))
            stored = try library.count()
        }
        let updateSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        terminal.send(Array("q".utf8))
        guard stored >= expected else { throw BenchError("the update stored \(stored) of \(expected) posts") }
        let result: [String: Double] = [
            "sources": Double(sources), "new_posts": Double(sources * items), "update_seconds": updateSeconds,
            "down_quiet_median_ms": median(quiet), "down_quiet_p95_ms": percentile(quiet, 0.95),
            "down_during_update_median_ms": median(during), "down_during_update_p95_ms": percentile(during, 0.95),
            "down_during_update_max_ms": during.max() ?? 0, "keys_during_update": Double(during.count),
        ]
        if json {
            try printJSON(result)
        } else {
            print(
                String(
                    format: "update-keys: %d sources, %d new posts in %.2f s; Down median %.2f ms, p95 %.2f ms quiet; "
                        + "%.2f ms, p95 %.2f ms, max %.2f ms during the update (%d keys)",
                    sources, sources * items, updateSeconds, median(quiet), percentile(quiet, 0.95), median(during),
                    percentile(during, 0.95),
                    during.max() ?? 0, during.count))
        }
    }

    /// One Down (or Up) key, timed from the write to the frame whose status line shows the
    /// selection one row further (the browser draws the status line with the rest of the frame).
    /// Down and Up alternate so the selection never reaches an end. Not "settled": the update's
    /// threads keep the process busy, so quiet would only come with its end.
    static func move(_ terminal: PseudoTerminal, rows: Int, down: Bool) throws -> Double {
        func position(_ screen: TerminalScreen) -> Int? {
            let first = screen.row(rows - 1).split(separator: " ").first ?? ""
            return Int(first.split(separator: "/").first?.filter(\.isNumber) ?? "")
        }
        guard let before = position(terminal.screen) else {
            throw BenchError("no position on the status line:\n\(terminal.screen.text)")
        }
        let sent = DispatchTime.now()
        terminal.send([0x1B, 0x4F, down ? 0x42 : 0x41])
        guard let shown = terminal.waitUntil(timeout: 10, { position($0) == before + (down ? 1 : -1) }) else {
            throw BenchError("\(down ? "Down" : "Up") was not answered within 10 s:\n\(terminal.screen.text)")
        }
        return milliseconds(from: sent, to: shown)
    }
}
