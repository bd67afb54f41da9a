import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsUI

/// Runs `R`'s update of the web sources off the session's thread, so keys keep being answered.
///
/// Like ``SearchWorker``: progress and the final answer wait as actions in a queue that the
/// session drains between keys, and each one wakes the loop through `answered`. One update
/// at a time (the reducer does not ask for a second while one runs). Quitting cancels it;
/// what was stored stays, and the next update completes it (the updater's caught-up mark).
final class UpdateWorker: Sendable {
    private struct Jobs {
        var task: Task<Void, Never>?
        var finished: [Action] = []
    }

    private let updater: WebUpdater?
    private let jobs = Locked(Jobs())
    private let answered: @Sendable () -> Void

    /// `updater` nil: this browser cannot fetch (its answer says there are no sources).
    init(updater: WebUpdater?, answered: @escaping @Sendable () -> Void = {}) {
        self.updater = updater
        self.answered = answered
    }

    /// Whether an update runs or an answer waits to be taken.
    var isBusy: Bool { jobs.withLock { $0.task != nil || !$0.finished.isEmpty } }

    /// Starts updating every source.
    func start() {
        guard let updater else {
            send(.sourcesUpdated(newPosts: 0, sources: 0, failures: []), done: true)
            return
        }
        jobs.withLock { jobs in
            jobs.task = Task.detached { [self] in
                let total: Int
                do {
                    total = try updater.library.webSources().count
                } catch {
                    send(.sourcesUpdated(newPosts: 0, sources: 1, failures: ["\(error)"]), done: true)
                    return
                }
                let finishedSources = Locked(0)
                do {
                    let reports = try await updater.update { progress in
                        guard case .finished = progress else { return }
                        let done = finishedSources.withLock { count in
                            count += 1
                            return count
                        }
                        self.send(.sourcesUpdating(done: done, total: total), done: false)
                    }
                    let failures = reports.compactMap(\.error)
                    let newPosts = reports.reduce(0) { $0 + $1.new }
                    send(.sourcesUpdated(newPosts: newPosts, sources: reports.count, failures: failures), done: true)
                } catch {
                    send(.sourcesUpdated(newPosts: 0, sources: max(1, total), failures: ["\(error)"]), done: true)
                }
            }
        }
    }

    /// Stops the update under way (quitting); its answer, if any still comes, is dropped.
    func cancel() {
        let task = jobs.withLock { jobs in
            defer { jobs.task = nil }
            return jobs.task
        }
        task?.cancel()
    }

    /// The answers that arrived since the last call, in order.
    func takeFinished() -> [Action] {
        jobs.withLock { jobs in
            defer { jobs.finished.removeAll() }
            return jobs.finished
        }
    }

    private func send(_ action: Action, done: Bool) {
        jobs.withLock { jobs in
            jobs.finished.append(action)
            if done { jobs.task = nil }
        }
        answered()
    }
}
