import Foundation
import TidingsCore
import TidingsLibrary

extension WebUpdater {
    /// One source from its first page down, as deep as it should go (see ``WebSource/isCaughtUp``).
    func runSource(_ url: String, polite: Bool, progress: (@Sendable (FetchProgress) -> Void)?) async -> SourceReport {
        var report = SourceReport(url: url)
        progress?(.started(url: url))
        let before: WebSource?
        do {
            before = try library.webSource(url)
        } catch {
            return failed(report, error.description, .storage)
        }
        report.title = before?.title
        report.kind = before?.kind
        // Conditional requests and stopping early only after a run that read as deep as it should.
        let caughtUp = polite && before?.isCaughtUp == true
        var pageURL = url
        var visited: Set<String> = [url]
        var validators: (etag: String?, lastModified: String?)?
        while true {
            if Task.isCancelled { return failed(report, "\(url): cancelled", .network) }
            let isFirst = report.pages == 0
            let request = FetchRequest(url: pageURL, etag: isFirst && caughtUp ? before?.etag : nil,
                                       lastModified: isFirst && caughtUp ? before?.lastModified : nil)
            let body: FetchedBody
            do {
                switch try await client.fetch(request) {
                case .notModified:
                    report.notModified = true
                    return record(report, .completed(kind: nil, title: nil, validators: nil, caughtUp: true))
                case .body(let fetched):
                    body = fetched
                }
            } catch {
                return failed(report, error.description, error.isNetwork ? .network : .content)
            }
            let document: ReadDocument
            do {
                document = try reader(body.bytes, body.url, body.contentType)
            } catch {
                // The reader's errors may name the URL already (TidingsWeb's do).
                let message = "\(error)"
                return failed(report, message.hasPrefix(body.url) || message.hasPrefix(pageURL) ? message : "\(pageURL): \(message)", .content)
            }
            report.warnings += document.diagnostics
            // An empty feed is a feed; a page without posts is not a listing to follow.
            if document.page.kind == .pages && document.page.posts.isEmpty {
                if isFirst { return failed(report, "\(pageURL): neither a feed nor a page of posts", .content) }
                break
            }
            if isFirst {
                validators = (body.etag, body.lastModified)
                report.kind = document.page.kind
                if let title = document.page.title, !title.isEmpty { report.title = title }
            }
            let stored: WebPageResult
            do {
                stored = try library.storeWebPage(document.page, source: url)
            } catch {
                return failed(report, error.description, .storage)
            }
            report.pages += 1
            report.new += stored.new
            report.updated += stored.updated
            report.unchanged += stored.unchanged
            report.newIDs += stored.newIDs
            progress?(.stored(url: url, page: report.pages, newSoFar: report.new))
            if caughtUp && stored.alreadyFromSource > 0 { break }
            guard options.pages == 0 || report.pages < options.pages,
                  let next = document.nextPage, allowedNextPage(next, of: url), visited.insert(next).inserted else { break }
            pageURL = next
        }
        return record(report, .completed(kind: report.kind, title: report.title, validators: validators, caughtUp: true))
    }

    /// Pagination stays on the source's own host, over http or https: Tidings never fetches
    /// what the reader did not point it at.
    private func allowedNextPage(_ next: String, of source: String) -> Bool {
        guard let nextURL = URL(string: next), let sourceURL = URL(string: source) else { return false }
        let scheme = nextURL.scheme?.lowercased()
        // A local file's links are not followed: a saved page's "next" may name any file.
        if sourceURL.scheme?.lowercased() == "file" { return false }
        return (scheme == "http" || scheme == "https") && Self.hostKey(next) == Self.hostKey(source)
    }

    private func record(_ report: SourceReport, _ record: WebFetchRecord) -> SourceReport {
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

    private func failed(_ report: SourceReport, _ message: String, _ failure: SourceFailure) -> SourceReport {
        var report = report
        report.error = message
        report.failure = failure
        if failure != .storage { try? library.recordWebFetch(report.url, .failed(message)) }
        return report
    }
}
