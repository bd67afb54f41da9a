import TidingsCore
import TidingsLibrary
import TidingsScreen
import TidingsUI

/// Runs the browser: feeds terminal events to the reducer, runs its effects, draws frames.
///
/// The only place where the pure UI meets the outside world: effects become library queries
/// here, and their answers go back to the reducer as actions.
public final class BrowserSession {
    let library: Library
    let terminal: any Terminal
    public private(set) var state: AppState
    /// A message for the status line of the first frame (such as "imported the sample").
    var greeting: String?
    /// Searches run here, off the loop's thread.
    let searches: SearchWorker
    /// Wakes the loop when a search answers; nil only when no pipe could be made, and the
    /// loop then polls for answers.
    let wake: WakePipe?
    /// Read timers under way: when one is due the reducer decides whether its post is still shown.
    var timers: [ReadTimer] = []

    public init(library: Library, terminal: any Terminal, greeting: String? = nil) {
        self.library = library
        self.terminal = terminal
        self.greeting = greeting
        let wake = WakePipe()
        self.wake = wake
        searches = SearchWorker(library: library) { wake?.signal() }
        state = AppState(size: terminal.size, colors: terminal.supportsColor)
    }

    /// Runs until the user quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        defer { searches.cancelAll() }
        if let status = dispatch(.start) { return status }
        if let greeting { _ = dispatch(.failed(greeting)) }
        var changed = true
        while true {
            if changed { terminal.present(render(state)) }
            var actions: [Action] = []
            switch terminal.nextEvent(timeoutMilliseconds: nextTimeout(), wakingOn: wake?.readEnd) {
            case .key(let key): actions.append(.key(key))
            case .resize: actions.append(.resized(terminal.size))
            case .timeout: break
            case .hangup: return 129
            case .signal(let number): actions.append(.signal(number))
            }
            // Search answers and due timers come after the key that was waiting, in order.
            // Drained first: an answer that comes after the drain wakes the next wait.
            wake?.drain()
            actions += searches.takeFinished()
            actions += dueTimers()
            changed = !actions.isEmpty
            for action in actions {
                if let status = dispatch(action) { return status }
            }
        }
    }

    /// How long to wait for a key: until the next read timer, else as long as it takes (a
    /// search answer wakes the wait). Without a wake-up pipe, briefly while a search is under
    /// way, so that its answer still paints as soon as it arrives.
    private func nextTimeout() -> Int {
        if wake == nil, searches.isBusy { return 4 }
        guard let due = timers.map(\.due).min() else { return -1 }
        let wait = ContinuousClock.now.duration(to: due)
        return max(0, min(500, Int(wait.components.seconds * 1_000 + wait.components.attoseconds / 1_000_000_000_000_000)))
    }

    /// The read timers that are due, as actions, removed from the list.
    private func dueTimers() -> [Action] {
        let now = ContinuousClock.now
        let due = timers.filter { $0.due <= now }
        timers.removeAll { $0.due <= now }
        return due.map { .readTimerFired(id: $0.id) }
    }

    /// A read timer: the post becomes read if it is still shown when `due` comes.
    struct ReadTimer {
        var id: String
        var due: ContinuousClock.Instant
    }

    /// Applies an action and every action its effects lead to; returns an exit status to quit.
    func dispatch(_ action: Action) -> Int32? {
        var state = self.state
        defer { self.state = state }
        return TidingsUI.dispatch(action, to: &state) { perform($0) }
    }
}
