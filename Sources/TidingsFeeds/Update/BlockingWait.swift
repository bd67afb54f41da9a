import Foundation
import TidingsCore

/// Runs async work to its end from synchronous code (the commands and the bench, which
/// swift-argument-parser runs synchronously), on a detached task, blocking the caller.
///
/// Never call it from a task on the cooperative pool: it blocks the calling thread.
public enum BlockingWait {
    /// `body`'s result, once it has finished.
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let result = Locked<T?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            let value = await body()
            result.withLock { $0 = value }
            done.signal()
        }
        done.wait()
        return result.withLock { $0! }
    }
}
