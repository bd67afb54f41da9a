import Foundation
import TidingsCore
import TidingsLibrary

/// Fetches web sources into the library: `tidings fetch`, `tidings update`, and the
/// browser's background update.
///
/// A run holds the library's import lock from start to end. Sources are fetched at most
/// ``FetchOptions/concurrentSources`` at once and one at a time per host (host and port), so
/// no site sees two requests from Tidings together; a failing source is reported in its
/// ``SourceReport`` and never stops the others. Progress goes to `progress` as it happens;
/// cancelling the calling task cancels the requests in flight (what was stored stays).
public final class WebUpdater: Sendable {
    public let library: Library
    public let client: HTTPClient
    public let reader: DocumentReader
    public let options: FetchOptions

    public init(
        library: Library, client: HTTPClient, reader: @escaping DocumentReader, options: FetchOptions = FetchOptions()
    ) {
        self.library = library
        self.client = client
        self.reader = reader
        self.options = options
    }

    /// Reads each URL (a feed or the first page of a listing), stores its posts and follows
    /// it as a source from now on. Reports come in the order of `urls`.
    public func fetch(_ urls: [String], progress: (@Sendable (FetchProgress) -> Void)? = nil) async -> [SourceReport] {
        let lock = library.holdImportLock()
        defer { withExtendedLifetime(lock) {} }
        return await run(urls, mode: .fetch, progress: progress)
    }

    /// Reads each local file (`file://` URL: a saved page or feed given to `tidings import`)
    /// once and stores its posts, without following it as a source.
    public func readOnce(_ urls: [String], progress: (@Sendable (FetchProgress) -> Void)? = nil) async -> [SourceReport]
    {
        let lock = library.holdImportLock()
        defer { withExtendedLifetime(lock) {} }
        return await run(urls, mode: .readOnce, progress: progress)
    }

    /// Fetches every source again, politely: conditional requests, and a listing read only
    /// until it reaches posts the source gave before (its oldest post on a page, or a page with
    /// nothing new; deeper when the last run was cut short).
    public func update(
        progress: (@Sendable (FetchProgress) -> Void)? = nil
    ) async throws(LibraryError) -> [SourceReport] {
        let lock = library.holdImportLock()
        defer { withExtendedLifetime(lock) {} }
        let urls = try library.webSources().map(\.url)
        return await run(urls, mode: .update, progress: progress)
    }

    /// Runs the sources, one queue per host, at most `concurrentSources` queues at once.
    private func run(
        _ urls: [String], mode: Mode, progress: (@Sendable (FetchProgress) -> Void)?
    ) async -> [SourceReport] {
        var queues: [String: [Int]] = [:]
        var hostOrder: [String] = []
        for (index, url) in urls.enumerated() {
            let host = Self.hostKey(url)
            if queues[host] == nil { hostOrder.append(host) }
            queues[host, default: []].append(index)
        }
        var reports = urls.map(SourceReport.init(url:))
        await withTaskGroup(of: [(Int, SourceReport)].self) { group in
            var next = 0
            func startNext() {
                guard next < hostOrder.count else { return }
                let indices = queues[hostOrder[next]] ?? []
                next += 1
                group.addTask {
                    var done: [(Int, SourceReport)] = []
                    for index in indices {
                        let report = await self.runSource(urls[index], mode: mode, progress: progress)
                        progress?(.finished(report))
                        done.append((index, report))
                    }
                    return done
                }
            }
            for _ in 0..<max(1, options.concurrentSources) { startNext() }
            for await finished in group {
                for (index, report) in finished { reports[index] = report }
                startNext()
            }
        }
        return reports
    }

    /// `host:port` of a URL (the unit of politeness); `file` for local files.
    static func hostKey(_ url: String) -> String {
        guard let parsed = URL(string: url), let host = parsed.host?.lowercased() else { return "file" }
        return parsed.port.map { "\(host):\($0)" } ?? host
    }
}
