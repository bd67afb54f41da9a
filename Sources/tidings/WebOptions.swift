import ArgumentParser
import Foundation
import TidingsCore
import TidingsFeeds
import TidingsLibrary

/// The options `fetch` and `update` share: how deep to read and how long to wait.
struct WebOptions: ParsableArguments {
    @Option(help: "Pages of a listing to read at most, following its next-page links (0: all).")
    var pages = 10
    @Option(help: ArgumentHelp("Seconds allowed for each request, redirects included.", valueName: "seconds"))
    var timeout: Double = 30
    @Flag(help: "Print JSON Lines: one object per source.") var json = false

    func validate() throws {
        if pages < 0 { throw ValidationError("--pages must be 0 (all) or more") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    func updater(_ library: Library) -> WebUpdater {
        WebUpdater(
            library: library, client: HTTPClient(limits: FetchLimits(timeout: timeout)),
            reader: WebUpdater.standardReader, options: FetchOptions(pages: pages))
    }
}

/// Runs web work for a command: the async updater from a synchronous command, a progress line
/// on a terminal's stderr, the reports printed, and the exit status their failures call for.
enum WebRun {
    /// A progress line on stderr when it is a terminal (counts only: no text from the web).
    static func progressLine(sources: Int) -> (@Sendable (FetchProgress) -> Void)? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let counts = Locked((done: 0, new: 0, pages: 0))
        return { event in
            let line: String = counts.withLock { counts in
                switch event {
                case .started: break
                case .stored(_, _, _): counts.pages += 1
                case .finished(let report):
                    counts.done += 1
                    counts.new += report.new
                }
                return
                    "\rfetching: \(counts.done) of \(sources) sources done, \(counts.pages) pages read, \(counts.new) new\u{1B}[K"
            }
            Output.write(Data(line.utf8), to: FileHandle.standardError)
        }
    }

    /// Clears the progress line, if one was drawn.
    static func endProgress() {
        if isatty(STDERR_FILENO) == 1 { Output.write(Data("\r\u{1B}[K".utf8), to: FileHandle.standardError) }
    }

    /// Prints one line (or JSON object) per source; warnings go to stderr.
    static func print(_ reports: [SourceReport], json: Bool) throws {
        for report in reports {
            // Each says what it is itself (`URL:4: warning: …`, as a diagnostic reads).
            for warning in report.warnings { Output.info("tidings: " + warning) }
            if let error = report.error { Output.error(error) }
            if json { try Output.json(SourceReportJSON(report: report)) } else { Output.line(report.line) }
        }
    }

    /// 74 when the library failed, else 69 when a service was unavailable, else 65 when
    /// content was unusable; nil when every source succeeded.
    static func exitStatus(_ reports: [SourceReport]) -> Int32? {
        let failures = Set(reports.compactMap(\.failure))
        if failures.contains(.storage) { return 74 }
        if failures.contains(.network) { return 69 }
        if failures.contains(.content) { return 65 }
        return nil
    }
}

/// A source's report as `--json` prints it: every field present, `null` where unknown.
struct SourceReportJSON: Encodable {
    var report: SourceReport

    enum Key: String, CodingKey {
        case url, title, kind, new, updated, unchanged, pages, notModified, error, failure, newIDs
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(report.url, forKey: .url)
        try container.encode(report.title, forKey: .title)
        try container.encode(report.kind?.rawValue, forKey: .kind)
        try container.encode(report.new, forKey: .new)
        try container.encode(report.updated, forKey: .updated)
        try container.encode(report.unchanged, forKey: .unchanged)
        try container.encode(report.pages, forKey: .pages)
        try container.encode(report.notModified, forKey: .notModified)
        try container.encode(report.error, forKey: .error)
        try container.encode(report.failure?.rawValue, forKey: .failure)
        try container.encode(report.newIDs, forKey: .newIDs)
    }
}
