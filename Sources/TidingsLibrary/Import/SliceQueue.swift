import Foundation
import TidingsCore

/// One file's posts on their way from the worker parsing it to the writer, a slice at a time.
///
/// The worker stays at most `capacity` slices ahead of the writer, so a large file is never
/// held parsed whole: what it costs in memory is its bytes and a few slices, however many
/// posts it has.
final class SliceQueue: @unchecked Sendable {
    /// Some of a file's posts in page order, with the diagnostics met while reading them.
    struct Slice {
        var page: ArchivePage
        /// Whether this is the file's last slice.
        var isLast: Bool
    }

    private let capacity = 2
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var waiting: [Slice] = []
    private var cancelled = false

    /// Hands a slice to the writer, blocking while `capacity` slices wait; false once the
    /// import has been cancelled, when the worker should stop parsing.
    func put(_ page: ArchivePage, isLast: Bool) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled, waiting.count >= capacity { condition.wait() }
        guard !cancelled else { return false }
        waiting.append(Slice(page: page, isLast: isLast))
        condition.broadcast()
        return true
    }

    /// Blocks until the next slice is parsed and returns it.
    func take() -> Slice {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty { condition.wait() }
        let slice = waiting.removeFirst()
        condition.broadcast()
        return slice
    }

    /// Stops the worker: the writer gave up (a storage error), so nobody will take the rest.
    func cancel() {
        condition.lock()
        cancelled = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
