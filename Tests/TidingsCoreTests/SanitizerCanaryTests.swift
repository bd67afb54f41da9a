import Foundation
import XCTest

/// Deliberate memory and threading bugs that prove a sanitizer run fails when it should.
///
/// Skipped unless `TIDINGS_CANARY` names them: `scripts/reliability.sh` runs the suite under
/// AddressSanitizer with `TIDINGS_CANARY=asan` and expects the run to fail, and under
/// ThreadSanitizer with `TIDINGS_CANARY=tsan` likewise (docs/testing.md). Never set it in CI.
final class SanitizerCanaryTests: XCTestCase {
    private var canary: String { ProcessInfo.processInfo.environment["TIDINGS_CANARY"] ?? "" }

    /// A heap use-after-free: AddressSanitizer must stop the run.
    func testAddressSanitizerCanary() throws {
        try XCTSkipUnless(canary == "asan", "set TIDINGS_CANARY=asan to run")
        let pointer = UnsafeMutablePointer<Int>.allocate(capacity: 8)
        pointer.initialize(repeating: 7, count: 8)
        pointer.deallocate()
        let value = pointer[3]  // use after free
        XCTAssertNotEqual(value, -1)
    }

    /// Two threads increment one counter without synchronisation: ThreadSanitizer must
    /// stop the run (with `halt_on_error=1`).
    func testThreadSanitizerCanary() throws {
        try XCTSkipUnless(canary == "tsan", "set TIDINGS_CANARY=tsan to run")
        final class Counter: @unchecked Sendable { var value = 0 }
        let counter = Counter()
        let done = DispatchGroup()
        for _ in 0..<2 {
            done.enter()
            Thread.detachNewThread {
                for _ in 0..<10_000 { counter.value += 1 }  // the race
                done.leave()
            }
        }
        done.wait()
        XCTAssertGreaterThan(counter.value, 0)
    }
}
