import Foundation
import Glibc
import Synchronization
import TidingsScreen

/// An in-memory ``Terminal`` for the session loop: hands out a script of events and keeps
/// every frame the loop presents.
///
/// A `.waitUntil` step holds the script until the last frame passes its check, answering
/// `.timeout` meanwhile after waiting on the loop's wake-up pipe as the real terminal does, so
/// search answers from the worker arrive in between. It gives up after ``patience`` (the
/// test then fails on ``gaveUp``) rather than hang; the loop itself is never timed. The
/// patience is long on purpose: the worker's tasks run on Swift's shared thread pool, which
/// the other suites' blocking tests may hold for a minute or more of a full `swift test`.
final class FakeTerminal: Terminal {
    enum Step {
        case key(Key)
        case event(TerminalEvent)
        /// Waits until the last presented frame passes `check`.
        case waitUntil(String, (ScreenBuffer) -> Bool)
        /// Moves ``clock`` on by this many milliseconds (nothing arrives meanwhile: `.timeout`).
        case pause(Int)
        /// From here on each frame takes ``slowFrameMilliseconds`` of ``clock`` to write and
        /// leaves the output backlogged once (as a link whose buffers are full, when
        /// `backlogging`), or no longer.
        case slowWrites(Bool, backlogging: Bool = true)
    }

    /// The session's clock when the test gives it one: moved only by `.pause` and slow writes.
    let clock = VirtualClock()
    /// How long a frame takes to write while writes are slow.
    let slowFrameMilliseconds = 200
    private var writesAreSlow = false
    private var writesBacklog = true
    private var backlogged = false
    /// How many times the loop found the output backlogged (and held a frame back).
    private(set) var heldFrames = 0

    let size: Size
    let supportsColor = false
    private(set) var frames: [ScreenBuffer] = []
    private(set) var invalidations = 0
    /// What `y` (and `o` without a browser) copied, in order.
    private(set) var clipboard: [String] = []
    /// The programs `o` ran, each as its arguments.
    private(set) var programsRun: [[String]] = []
    /// The status the next program "exits" with; nil: it cannot be started.
    var programStatus: Int32? = 0
    /// The wait that never came true, if one did not.
    private(set) var gaveUp: String?
    private var steps: [Step]
    private var waitingSince: Date?
    let patience: TimeInterval = 300

    init(columns: Int = 80, rows: Int = 24, _ steps: [Step]) {
        size = Size(columns: columns, rows: rows)
        self.steps = steps
    }

    /// Types each character as a key press.
    static func type(_ text: String) -> [Step] { text.map { .key(.character($0)) } }

    var lastFrame: String { frames.last?.snapshot() ?? "" }

    func nextEvent(timeoutMilliseconds: Int, wakingOn wake: Int32?) -> TerminalEvent {
        while let step = steps.first {
            switch step {
            case .key(let key):
                steps.removeFirst()
                return .key(key)
            case .event(let event):
                steps.removeFirst()
                return event
            case .pause(let milliseconds):
                steps.removeFirst()
                clock.advance(milliseconds: milliseconds)
                return .timeout
            case .slowWrites(let slow, let backlogging):
                steps.removeFirst()
                writesAreSlow = slow
                writesBacklog = backlogging
                continue
            case .waitUntil(let what, let check):
                if let frame = frames.last, check(frame) {
                    steps.removeFirst()
                    waitingSince = nil
                    continue
                }
                let since = waitingSince ?? Date()
                waitingSince = since
                guard Date().timeIntervalSince(since) < patience else {
                    gaveUp = what
                    steps = []
                    return .hangup
                }
                var wanted = pollfd(fd: wake ?? -1, events: Int16(POLLIN), revents: 0)
                let wait = timeoutMilliseconds < 0 ? 50 : min(50, timeoutMilliseconds)
                _ = poll(&wanted, 1, Int32(wait))
                return .timeout
            }
        }
        // The script is over: the terminal goes away.
        return .hangup
    }

    func present(_ buffer: ScreenBuffer) {
        frames.append(buffer)
        if writesAreSlow {
            clock.advance(milliseconds: slowFrameMilliseconds)
            backlogged = writesBacklog
        }
    }

    func outputIsBacklogged() -> Bool {
        guard backlogged else { return false }
        backlogged = false
        heldFrames += 1
        return true
    }

    func invalidate() { invalidations += 1 }

    func copyToClipboard(_ text: String) -> Bool {
        clipboard.append(text)
        return true
    }

    func runExternalProgram(_ arguments: [String]) -> Int32? {
        programsRun.append(arguments)
        return programStatus
    }
}

/// A clock for the session that moves only when the test says so, so that what is a run of
/// keys and what is a slow write does not depend on how busy the machine is.
final class VirtualClock: Sendable {
    private let start = ContinuousClock.now
    private let elapsed = Atomic<Int>(0)

    func advance(milliseconds: Int) { elapsed.add(milliseconds, ordering: .sequentiallyConsistent) }

    var now: ContinuousClock.Instant {
        start + .milliseconds(elapsed.load(ordering: .sequentiallyConsistent))
    }
}
