import Glibc

/// A value shared between threads, guarded by a POSIX mutex.
///
/// Not the standard library's `Mutex`: on Linux a contended `Mutex` hands the lock over
/// through a priority-inheritance futex inside the (uninstrumented) runtime, so
/// ThreadSanitizer cannot see the hand-over and reports the guarded value as raced, which
/// hides real races behind false ones. `pthread_mutex_lock` is intercepted by the sanitizers.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    // Guarded by `mutex`; never touched outside `withLock`.
    private var value: Value
    // Heap-allocated: a pthread mutex must not move once initialised.
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    public init(_ value: Value) {
        self.value = value
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with the value, holding the lock.
    public func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body(&value)
    }
}
