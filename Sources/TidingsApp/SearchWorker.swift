import TidingsCore
import TidingsLibrary
import TidingsUI

/// One page of a search the reducer asked for, with what it needs to answer.
struct SearchRequest: Sendable {
    var tab: Shelf
    var query: SearchQuery
    var order: SearchOrder
    var offset: Int
    var limit: Int
    var generation: Int
}

/// An exact count of a search's matches the reducer asked for (its first page gave a bound).
struct CountRequest: Sendable {
    var tab: Shelf
    var query: SearchQuery
    var generation: Int
}

/// A look-up of the next unread post in search results the reducer asked for.
struct NextUnreadRequest: Sendable {
    var tab: Shelf
    var query: SearchQuery
    var order: SearchOrder
    var after: Int
}

/// Runs searches off the session's thread so typing never waits for the database.
///
/// Each request runs as a task on a reader connection of its own. A request of a newer
/// generation cancels the older ones: cancelling the task interrupts its SQLite statement
/// (``Library/search(_:on:order:offset:limit:counting:countBound:snippets:ranking:)``, async variant), so a slow
/// query for "s" stops as soon as "sa" is typed. Finished answers wait in a queue that the
/// session drains between key presses, woken by `answered`. Looking for the next unread post in search results
/// (`u`), which may page through thousands of matches, runs here too.
final class SearchWorker: Sendable {
    private struct Jobs {
        /// Tasks under way by generation, each under a token of its own.
        var running: [Int: [Int: Task<Void, Never>]] = [:]
        var nextToken = 0
        var finished: [Action] = []
        /// The newest search generation submitted: a next-unread look-up runs under it.
        var latestGeneration = 0
        /// The next-unread look-up under way, if any.
        var unread: (generation: Int, token: Int)?
    }

    private let library: Library
    /// How far the first stage counts (``RankingScope/typingBound``; tests use a small one).
    private let countBound: Int
    private let jobs = Locked(Jobs())
    /// Called after each answer is queued, from the task's thread: wakes the loop.
    private let answered: @Sendable () -> Void

    init(
        library: Library, countBound: Int = RankingScope.typingBound, answered: @escaping @Sendable () -> Void = {}
    ) {
        self.library = library
        self.countBound = countBound
        self.answered = answered
    }

    /// Whether a search is under way or an answer waits to be taken.
    var isBusy: Bool { jobs.withLock { !$0.running.isEmpty || !$0.finished.isEmpty } }

    /// Starts `request`, cancelling every search of an older generation.
    func submit(_ request: SearchRequest) {
        start(generation: request.generation) { [countBound] library, send in
            await SearchWorker.answer(request, library: library, countBound: countBound, send: send)
        }
    }

    /// Starts counting a search's matches exactly, under the generation of the results it
    /// answers: the next query cancels it like any search of an older generation.
    func submit(_ request: CountRequest) {
        start(generation: request.generation) { library, send in
            await SearchWorker.count(request, library: library, send: send)
        }
    }

    /// Starts looking for the next unread post in search results. It runs under the newest
    /// generation, so the next search (a new query, a cleared one) cancels it; a newer look-up
    /// replaces it. The reducer drops an answer for a list no longer on screen.
    func findNextUnread(_ request: NextUnreadRequest) {
        start(generation: nil) { library, send in
            await SearchWorker.nextUnread(request, library: library, send: send)
        }
    }

    /// Runs `work` as a task registered under `generation`; nil is a next-unread look-up,
    /// which runs under the newest generation and replaces the one under way.
    private func start(generation: Int?, work: @escaping @Sendable (Library, (Action) -> Void) async -> Void) {
        let isUnread = generation == nil
        // Registered under the lock that the task's own completion takes, so a task can never
        // finish before it is known and leave the worker looking busy.
        jobs.withLock { jobs in
            if let generation {
                for (older, tasks) in jobs.running where older < generation {
                    tasks.values.forEach { $0.cancel() }
                    jobs.running[older] = nil
                }
                jobs.latestGeneration = max(jobs.latestGeneration, generation)
            }
            let generation = generation ?? jobs.latestGeneration
            if isUnread, let previous = jobs.unread {
                jobs.running[previous.generation]?.removeValue(forKey: previous.token)?.cancel()
                if jobs.running[previous.generation]?.isEmpty == true { jobs.running[previous.generation] = nil }
            }
            let token = jobs.nextToken
            jobs.nextToken += 1
            if isUnread { jobs.unread = (generation, token) }
            jobs.running[generation, default: [:]][token] = Task.detached { [self] in
                await work(library) { answer in
                    self.jobs.withLock { $0.finished.append(answer) }
                    self.answered()
                }
                self.jobs.withLock { jobs in
                    jobs.running[generation]?[token] = nil
                    if jobs.running[generation]?.isEmpty == true { jobs.running[generation] = nil }
                    if jobs.unread?.token == token { jobs.unread = nil }
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

    /// Runs one request and answers through `send`; says nothing when it was cancelled (a newer
    /// request answers instead).
    ///
    /// The first page of a relevance search answers twice: the matches in archive order with
    /// their count first, marked provisional (a few milliseconds at any size), then the ranked
    /// page, interrupted if the next key arrives first. The ranking is the live one
    /// (``RankingScope/typing``), bounded to fit between two keys; when it would not rank at
    /// all (a word being typed that begins too many words), the archive page is the answer.
    static func answer(
        _ request: SearchRequest, library: Library, countBound bound: Int = RankingScope.typingBound,
        send: (Action) -> Void
    ) async {
        let query = request.query
        var count: MatchCount?
        do {
            if request.order == .relevance, request.offset == 0 {
                // Counted up to the bound only: past it the page says so, and the exact figure
                // is counted when the person needs it (`.countMatches`).
                let early = try await library.search(
                    query, on: request.tab, order: .archive, offset: 0, limit: request.limit, counting: true,
                    countBound: bound)
                count = early.count
                if let declined = try await library.liveRankingDeclined(query, on: request.tab) {
                    // Not ranked while typing: the archive-order page is the answer.
                    var final = early
                    final.hints.append(declined)
                    var answer = page(final, for: request, count: early.count, provisional: false)
                    answer.isUnranked = true
                    send(.headlinesLoaded(answer))
                    return
                }
                send(.headlinesLoaded(page(early, for: request, count: early.count, provisional: true)))
            }
            let page = try await library.search(
                query, on: request.tab, order: request.order, offset: request.offset, limit: request.limit,
                counting: count == nil, countBound: bound, ranking: .typing(known: count))
            send(
                .headlinesLoaded(SearchWorker.page(page, for: request, count: count ?? page.count, provisional: false)))
        } catch {
            switch error {
            case .cancelled:
                return
            case .unsearchable(let hint):
                send(
                    .headlinesLoaded(
                        HeadlinePage(
                            tab: request.tab, offset: request.offset, total: 0, rows: [], query: request.query,
                            order: request.order, generation: request.generation, hint: hint, failed: true)))
            case .library(let error):
                // Answered as a failed page too, so the query does not stay `searching…`.
                send(
                    .headlinesLoaded(
                        HeadlinePage(
                            tab: request.tab, offset: request.offset, total: 0, rows: [], query: request.query,
                            order: request.order, generation: request.generation, hint: "the search failed",
                            failed: true)))
                send(.failed(error.description))
            }
        }
    }

    /// Counts exactly how many posts match (after a first page that counted up to the bound)
    /// and answers with `.matchesCounted`, or `.countFailed` so that nothing waits for it;
    /// says nothing when it was cancelled (a newer query superseded it). The count walks every
    /// match, which for a broad prefix in a large library is far slower than a page: that is
    /// why it runs only when asked.
    static func count(_ request: CountRequest, library: Library, send: (Action) -> Void) async {
        func fail(_ reason: String) {
            send(.countFailed(tab: request.tab, generation: request.generation, reason: reason))
        }
        do {
            let counted = try await library.search(
                request.query, on: request.tab, order: .archive, offset: 0, limit: 0, counting: true)
            guard let total = counted.total else { return fail("the library gave no count") }
            send(
                .matchesCounted(
                    tab: request.tab, query: request.query, generation: request.generation, total: total))
        } catch {
            switch error {
            case .cancelled: return
            case .unsearchable(let hint): fail(hint)
            case .library(let error): fail(error.description)
            }
        }
    }

    /// Runs one next-unread look-up and answers with `.nextUnreadFound`; says nothing when
    /// it was cancelled (the search it was for changed).
    static func nextUnread(_ request: NextUnreadRequest, library: Library, send: (Action) -> Void) async {
        do {
            let index = try await library.nextUnread(
                matching: request.query, on: request.tab, order: request.order, after: request.after,
                ranking: .typing)
            send(.nextUnreadFound(index: index))
        } catch {
            if error != .cancelled { send(.failed(error.description)) }
        }
    }

    /// A library search page as the reducer's headline page.
    private static func page(
        _ page: SearchPage, for request: SearchRequest, count: MatchCount?, provisional: Bool
    ) -> HeadlinePage {
        HeadlinePage(
            tab: request.tab, offset: request.offset, total: count?.known ?? request.offset + page.rows.count,
            rows: page.rows.map(\.headline),
            query: request.query, order: request.order, generation: request.generation,
            hint: page.hints.isEmpty ? nil : page.hints.joined(separator: "; "), isProvisional: provisional,
            totalIsExact: count?.isExact ?? true)
    }
}
