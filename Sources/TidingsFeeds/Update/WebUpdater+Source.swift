import Foundation
import TidingsCore
import TidingsLibrary

extension WebUpdater {
    /// How a source is run.
    enum Mode: Sendable {
        /// `fetch`: read as deep as the page limit and follow the source from now on.
        case fetch
        /// `update`: conditional requests, and stop at the posts the source gave before when
        /// the last run was caught up.
        case update
        /// A local file given to `tidings import`: its posts are stored, nothing is remembered
        /// about it (a moved file must not make every later update fail).
        case readOnce
    }

    /// One source from its first page down, as deep as it should go (see ``WebSource/isCaughtUp``).
    func runSource(_ url: String, mode: Mode, progress: (@Sendable (FetchProgress) -> Void)?) async -> SourceReport {
        var report = SourceReport(url: url)
        progress?(.started(url: url))
        let before: WebSource?
        do {
            before = mode == .readOnce ? nil : try library.webSource(url)
        } catch {
            return failed(report, error.description, .storage, mode: mode)
        }
        report.title = before?.title
        report.kind = before?.kind
        // Conditional requests and stopping early only after a run that read as deep as it should.
        let caughtUp = mode == .update && before?.isCaughtUp == true
        var pageURL = url
        var visited: Set<String> = [url]
        // Pagination may stay on the source's host or on the host its first page redirected to.
        var hosts: Set<String> = [Self.hostKey(url)]
        var validators: (etag: String?, lastModified: String?)?
        var reachedKnown = false
        var cutAtLimit = false
        while true {
            if Task.isCancelled { return failed(report, "\(url): cancelled", .network, mode: mode) }
            let isFirst = report.pages == 0
            let request = FetchRequest(
                url: pageURL, etag: isFirst && caughtUp ? before?.etag : nil,
                lastModified: isFirst && caughtUp ? before?.lastModified : nil)
            let body: FetchedBody
            do {
                switch try await client.fetch(request) {
                case .notModified:
                    report.notModified = true
                    return record(
                        report, .completed(kind: nil, title: nil, validators: nil, caughtUp: true), mode: mode)
                case .body(let fetched):
                    body = fetched
                }
            } catch {
                return failed(report, error.description, error.isNetwork ? .network : .content, mode: mode)
            }
            let document: ReadDocument
            do {
                document = try reader(body.bytes, body.url, body.contentType)
            } catch {
                // The reader's errors may name the URL already (TidingsWeb's do).
                let message = "\(error)"
                return failed(
                    report,
                    message.hasPrefix(body.url) || message.hasPrefix(pageURL) ? message : "\(pageURL): \(message)",
                    .content, mode: mode)
            }
            report.warnings += document.diagnostics
            // An empty feed is a feed; a page without posts is not a listing to follow.
            if document.page.kind == .pages && document.page.posts.isEmpty {
                if isFirst {
                    return failed(report, "\(pageURL): neither a feed nor a page of posts", .content, mode: mode)
                }
                break
            }
            if isFirst {
                validators = (body.etag, body.lastModified)
                report.kind = document.page.kind
                if let title = document.page.title, !title.isEmpty { report.title = title }
                hosts.insert(Self.hostKey(body.url))
            }
            let stored: WebPageResult
            do {
                stored = try library.storeWebPage(document.page, source: mode == .readOnce ? nil : url)
            } catch {
                return failed(report, error.description, .storage, mode: mode)
            }
            report.pages += 1
            report.new += stored.new
            report.updated += stored.updated
            report.unchanged += stored.unchanged
            report.newIDs += stored.newIDs
            if stored.alreadyFromSource > 0 { reachedKnown = true }
            progress?(.stored(url: url, page: report.pages, newSoFar: report.new))
            // Reached what the last run read: the page's oldest post is one the source gave, or
            // nothing on it is new (a sticky post on page 1 alone is not the end).
            if caughtUp && (stored.lastAlreadyFromSource || stored.newToSource == 0) { break }
            guard let next = document.nextPage, visited.insert(next).inserted else { break }
            guard allowedNextPage(next, of: url, hosts: hosts) else {
                report.warnings.append("\(pageURL): warning: the next page \(next) is on another site; not followed")
                break
            }
            if options.pages != 0 && report.pages >= options.pages {
                cutAtLimit = true
                break
            }
            pageURL = next
        }
        // Stopped by the page limit above the posts the source gave before: the posts between
        // were never read, so the next update must read on past what it has (a first fetch
        // has nothing below to join: the limit is how much history was wanted).
        report.stoppedAtPageLimit = cutAtLimit && !reachedKnown && (before?.posts ?? 0) > 0
        return record(
            report,
            .completed(
                kind: report.kind, title: report.title, validators: validators,
                caughtUp: !report.stoppedAtPageLimit), mode: mode)
    }

    /// Pagination stays on the source's own host (or the one its first page redirected to),
    /// over http or https: Tidings never fetches what the reader did not point it at.
    private func allowedNextPage(_ next: String, of source: String, hosts: Set<String>) -> Bool {
        guard let nextURL = URL(string: next), let sourceURL = URL(string: source) else { return false }
        let scheme = nextURL.scheme?.lowercased()
        // A local file's links are not followed: a saved page's "next" may name any file.
        if sourceURL.scheme?.lowercased() == "file" { return false }
        return (scheme == "http" || scheme == "https") && hosts.contains(Self.hostKey(next))
    }

    private func record(_ report: SourceReport, _ record: WebFetchRecord, mode: Mode) -> SourceReport {
        if mode == .readOnce { return report }
        do {
            try library.recordWebFetch(report.url, record)
            return report
        } catch {
            var report = report
            report.error = error.description
            report.failure = .storage
            return report
        }
    }

    private func failed(_ report: SourceReport, _ message: String, _ failure: SourceFailure, mode: Mode) -> SourceReport
    {
        var report = report
        report.error = message
        report.failure = failure
        if failure != .storage && mode != .readOnce { try? library.recordWebFetch(report.url, .failed(message)) }
        return report
    }
}
