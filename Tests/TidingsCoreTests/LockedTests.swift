import Dispatch
import Testing
import TidingsCore

/// `Locked` serialises every access: concurrent increments all count. Under
/// ThreadSanitizer (scripts/reliability.sh --tsan) this also proves the sanitizer sees the
/// lock, which the standard library's `Mutex` hid from it under contention.
@Test func lockedValueCountsEveryConcurrentIncrement() {
    let counter = Locked(0)
    let threads = 8
    let increments = 20_000
    DispatchQueue.concurrentPerform(iterations: threads) { _ in
        for _ in 0..<increments { counter.withLock { $0 += 1 } }
    }
    #expect(counter.withLock { $0 } == threads * increments)
}
