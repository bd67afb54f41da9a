import TidingsScreen
import TidingsTestSupport
import TidingsUI

/// A browser session driven like the real loop: every effect is answered at once, except
/// searches while ``holdSearches`` is set, which wait in ``held`` to be answered in any order
/// (as a background worker would), and timers, which wait in ``timers``.
struct Harness {
    var state: AppState
    var library: FakeLibrary
    /// Every effect returned so far, in order.
    var effects: [Effect] = []
    var holdSearches = false
    /// Whether exact counts (`.countMatches`) and look-ups of the next unread search result
    /// wait in ``held`` too.
    var holdCounts = false
    /// Search requests not answered yet, oldest first.
    var held: [Effect] = []
    /// Posts whose read timer was started and has not fired, oldest first.
    var timers: [String] = []

    init(
        _ library: FakeLibrary, columns: Int = 80, rows: Int = 24, colors: Bool = false,
        settings: BrowserSettings = .standard, options: BrowserOptions = .standard
    ) {
        self.library = library
        state = AppState(size: Size(columns: columns, rows: rows), colors: colors, settings: settings, options: options)
        send(.start)
    }

    /// Reduces `action`, then the answers to its effects, until nothing is left to answer:
    /// the session loop's own ``dispatch(_:to:perform:)``, with the fake library answering.
    mutating func send(_ action: Action) {
        var state = self.state
        _ = dispatch(action, to: &state) { effect in
            effects.append(effect)
            switch effect {
            case .loadHeadlines(_, let query, _, _, _, _, _) where holdSearches && query != nil:
                held.append(effect)
            case .countMatches where holdCounts, .findNextUnread(_, .some, _, _) where holdCounts:
                held.append(effect)
            case .startReadTimer(let id, _):
                timers.append(id)
            default:
                if let answer = library.answer(effect) { return .next([answer]) }
            }
            return .next([])
        }
        self.state = state
    }

    /// Answers the held search request at `index` (0 is the oldest).
    mutating func release(_ index: Int) {
        let effect = held.remove(at: index)
        if let answer = library.answer(effect) { send(answer) }
    }

    /// The dwell time passes for every timer started so far.
    mutating func fireTimers() {
        let due = timers
        timers = []
        for id in due { send(.readTimerFired(id: id)) }
    }

    mutating func press(_ keys: Key...) {
        for key in keys { send(.key(key)) }
    }

    /// Types printable characters as key presses: `type("jjJ")`.
    mutating func type(_ text: String) {
        for character in text { send(.key(.character(character))) }
    }

    mutating func resize(_ columns: Int, _ rows: Int) {
        send(.resized(Size(columns: columns, rows: rows)))
    }

    /// The effects produced by `body`, and only those.
    mutating func effects(of body: (inout Harness) -> Void) -> [Effect] {
        let start = effects.count
        body(&self)
        return Array(effects[start...])
    }

    var screen: ScreenBuffer { render(state) }

    /// The screen's text rows, for quick assertions.
    var lines: [String] {
        screen.snapshot().split(separator: "\n", omittingEmptySubsequences: false)
            .prefix(state.size.rows).map(String.init)
    }
}
