import Synchronization
import TidingsCore
import TidingsLibrary
import TidingsUI

/// One page of a search the reducer asked for, with what it needs to answer.
struct SearchRequest: Sendable {
    var tab: TabKind
    var query: String
    var order: TidingsUI.SearchOrder
    var offset: Int
    var limit: Int
    var generation: Int
}

/// Runs searches off the session's thread so typing never waits for the database.
///
/// Each request runs as a task on a reader connection of its own. A request of a newer
/// generation cancels the older ones: cancelling the task interrupts its SQLite statement
/// (``Library/search(_:on:order:offset:limit:counting:snippets:)``, async variant), so a slow
/// query for "s" stops as soon as "sa" is typed. Finished answers wait in a queue that the
/// session drains between key presses.
final class SearchWorker: Sendable {
    private struct Jobs {
        /// Tasks under way by generation, each under a token of its own.
        var running: [Int: [Int: Task<Void, Never>]] = [:]
        var nextToken = 0
        var finished: [Action] = []
    }

    private let library: Library
    private let jobs = Mutex(Jobs())

    init(library: Library) {
        self.library = library
    }

    /// Whether a search is under way or an answer waits to be taken.
    var isBusy: Bool { jobs.withLock { !$0.running.isEmpty || !$0.finished.isEmpty } }

    /// Starts `request`, cancelling every search of an older generation.
    func submit(_ request: SearchRequest) {
        // Registered under the lock that the task's own completion takes, so a task can never
        // finish before it is known and leave the worker looking busy.
        jobs.withLock { jobs in
            for (generation, tasks) in jobs.running where generation < request.generation {
                tasks.values.forEach { $0.cancel() }
                jobs.running[generation] = nil
            }
            let token = jobs.nextToken
            jobs.nextToken += 1
            jobs.running[request.generation, default: [:]][token] = Task.detached { [self] in
                let answer = await SearchWorker.answer(request, library: library)
                self.jobs.withLock { jobs in
                    if let answer { jobs.finished.append(answer) }
                    jobs.running[request.generation]?[token] = nil
                    if jobs.running[request.generation]?.isEmpty == true { jobs.running[request.generation] = nil }
                }
            }
        }
    }

    /// Cancels every search under way; their answers, if any still come, are stale anyway.
    func cancelAll() {
        jobs.withLock { jobs in
            jobs.running.values.forEach { $0.values.forEach { $0.cancel() } }
        }
    }

    /// The answers that arrived since the last call, oldest first.
    func takeFinished() -> [Action] {
        jobs.withLock { jobs in
            defer { jobs.finished.removeAll() }
            return jobs.finished
        }
    }

    /// Runs one request; nil when it was cancelled (a newer one answers instead).
    static func answer(_ request: SearchRequest, library: Library) async -> Action? {
        let query = SearchQuery(request.query, typing: true)
        do {
            let page = try await library.search(
                query, on: BrowserSession.shelf(request.tab), order: request.order == .relevance ? .relevance : .archive,
                offset: request.offset, limit: request.limit, counting: true)
            return .headlinesLoaded(HeadlinePage(
                tab: request.tab, offset: request.offset, total: page.total ?? request.offset + page.rows.count,
                rows: page.rows.map {
                    Headline(id: $0.id, title: $0.title, outlet: $0.outlet, isBookmarked: $0.isBookmarked,
                             isUnread: $0.isUnread, titleHighlights: $0.titleMatches)
                },
                query: request.query, order: request.order, generation: request.generation,
                hint: page.hints.isEmpty ? nil : page.hints.joined(separator: "; ")))
        } catch {
            switch error {
            case .cancelled:
                return nil
            case .unsearchable(let hint):
                return .headlinesLoaded(HeadlinePage(
                    tab: request.tab, offset: request.offset, total: 0, rows: [], query: request.query,
                    order: request.order, generation: request.generation, hint: hint, failed: true))
            case .library(let error):
                return .failed(error.description)
            }
        }
    }
}
