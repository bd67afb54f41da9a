import Glibc
import TidingsCore
import TidingsFeeds
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
    /// `R`'s background update of the web sources.
    let updates: UpdateWorker
    /// How `o` opens a link.
    let opener: LinkOpener
    /// Wakes the loop when a search answers; nil only when no pipe could be made, and the
    /// loop then polls for answers.
    let wake: WakePipe?
    /// Read timers under way: when one is due the reducer decides whether its post is still shown.
    var timers: [ReadTimer] = []
    /// Whether keys come in a run (holding `j`), when the article pane's load is put off.
    var pacing = KeyPacing()
    /// The post whose load was put off during a run of keys, loaded once input is quiet.
    var deferredArticle: String?
    /// A frame not drawn yet because the terminal had not taken the last one.
    var framePending = false
    /// The session's clock; tests pass their own to tell runs of keys from single keys.
    let clock: @Sendable () -> ContinuousClock.Instant

    /// `updater` fetches the web sources for `R` (nil: this browser does not fetch); `opener`
    /// decides how `o` opens a link; `settings` are the config file's keys, theme and layout;
    /// `options` carries the preview mode and the mouse (the terminal was opened with the same
    /// mouse choice).
    public convenience init(
        library: Library, terminal: any Terminal, greeting: String? = nil,
        updater: WebUpdater? = nil, opener: LinkOpener = LinkOpener(), settings: BrowserSettings = .standard,
        options: BrowserOptions = .standard
    ) {
        self.init(
            library: library, terminal: terminal, greeting: greeting, updater: updater, opener: opener,
            settings: settings, options: options, clock: { ContinuousClock.now })
    }

    /// The session with its own clock (tests).
    init(
        library: Library, terminal: any Terminal, greeting: String?, updater: WebUpdater?, opener: LinkOpener,
        settings: BrowserSettings = .standard, options: BrowserOptions,
        clock: @escaping @Sendable () -> ContinuousClock.Instant, countBound: Int = RankingScope.typingBound
    ) {
        self.clock = clock
        self.library = library
        self.terminal = terminal
        self.greeting = greeting
        let wake = WakePipe()
        self.wake = wake
        searches = SearchWorker(library: library, countBound: countBound) { wake?.signal() }
        updates = UpdateWorker(updater: updater) { wake?.signal() }
        self.opener = opener
        state = AppState(size: terminal.size, colors: terminal.supportsColor, settings: settings, options: options)
    }

    /// Runs until the user quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        defer {
            searches.cancelAll()
            updates.cancel()
        }
        if let status = dispatch(.start) { return status }
        if let greeting { _ = dispatch(.failed(greeting)) }
        var changed = true
        while true {
            if changed || framePending, let status = draw() { return status }
            var actions: [Action] = []
            switch terminal.nextEvent(timeoutMilliseconds: nextTimeout(), wakingOn: wake?.readEnd) {
            case .key(let key):
                pacing.keyArrived(at: clock())
                actions += burst(startingWith: key)
            case .mouse(let event):
                pacing.keyArrived(at: clock())
                actions.append(.mouse(event))
            case .paste(let text):
                pacing.keyArrived(at: clock())
                actions.append(.pasted(text))
            case .resize: actions.append(.resized(terminal.size))
            case .timeout: break
            case .hangup: return 129
            case .signal(let number): actions.append(.signal(number))
            }
            // A terminal slow to take output gets the latest screen only: every key already
            // waiting is applied before the next frame, instead of a frame per key.
            if state.isOutputSlow { actions += waitingEvents() }
            // Search answers and due timers come after the key that was waiting, in order.
            // Drained first: an answer that comes after the drain wakes the next wait.
            wake?.drain()
            actions += searches.takeFinished()
            actions += updates.takeFinished()
            actions += dueTimers()
            changed = !actions.isEmpty
            for action in actions {
                if let status = dispatch(action) { return status }
            }
            if let outcome = loadDeferredArticle() {
                if let status = outcome { return status }
                changed = true
            }
        }
    }

    /// Most characters taken into one burst: far above any query (the search line holds
    /// ``SearchLine/maximumLength``), small enough that a key after a huge paste waits little.
    static let burstLimit = 16_384

    /// `first` and, on the search line, every character already waiting behind it, read
    /// without waiting: such a run (a paste, or keys typed faster than frames) becomes one
    /// `.typed` action, so a 100 KB paste is one edit, one search and one frame instead of one
    /// per character. The key that ends the run (Esc, Ctrl-C, Enter) follows it in order.
    /// Elsewhere each key is one action as before, its effects done before the next is read
    /// (a toggle is saved, and its message drawn, before the next key).
    private func burst(startingWith first: Key) -> [Action] {
        guard case .character(let character) = first, state.isEditingSearch else { return [.key(first)] }
        var text = String(character)
        var count = 1
        while count < Self.burstLimit {
            switch terminal.nextEvent(timeoutMilliseconds: 0, wakingOn: nil) {
            case .key(.character(let next)):
                text.append(next)
                count += 1
            case .key(let other): return [count == 1 ? .key(first) : .typed(text), .key(other)]
            case .paste(let pasted): return [count == 1 ? .key(first) : .typed(text), .pasted(pasted)]
            case .resize: return [count == 1 ? .key(first) : .typed(text), .resized(terminal.size)]
            case .mouse(let event): return [count == 1 ? .key(first) : .typed(text), .mouse(event)]
            case .signal(let number): return [count == 1 ? .key(first) : .typed(text), .signal(number)]
            // Gone mid-burst: ended like a hang-up signal (129), the burst before it applied.
            case .hangup: return [count == 1 ? .key(first) : .typed(text), .signal(SIGHUP)]
            case .timeout: return [count == 1 ? .key(first) : .typed(text)]
            }
        }
        return [.typed(text)]
    }

    /// How long to wait for a key: until the next read timer, else as long as it takes (a
    /// search answer wakes the wait). Without a wake-up pipe, briefly while a search is under
    /// way, so that its answer still paints as soon as it arrives.
    private func nextTimeout() -> Int {
        if wake == nil, searches.isBusy || updates.isBusy { return 4 }
        // A frame held back for a backlogged terminal is tried again soon.
        if framePending { return Self.backlogRetryMilliseconds }
        var dues = timers.map(\.due)
        if deferredArticle != nil, let quiet = pacing.quietAt { dues.append(quiet) }
        guard let due = dues.min() else { return -1 }
        let wait = clock().duration(to: due)
        return max(
            0, min(500, Int(wait.components.seconds * 1_000 + wait.components.attoseconds / 1_000_000_000_000_000)))
    }

    /// The read timers that are due, as actions, removed from the list.
    private func dueTimers() -> [Action] {
        let now = clock()
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
