import TidingsLibrary
import TidingsUI

/// Runs the browser: feeds terminal events to the reducer, runs its effects, draws frames.
///
/// The only place where the pure UI meets the outside world: effects become library queries
/// here, and their answers go back to the reducer as actions.
public final class BrowserSession {
    let library: Library
    let terminal: any Terminal
    public private(set) var state: AppState
    /// Post counts per shelf, read with the tabs: the headline pages' totals come from here
    /// instead of a COUNT(*) on every page load.
    var totals: [TabKind: Int] = [:]
    /// A message for the status line of the first frame (such as "imported the sample").
    var greeting: String?

    public init(library: Library, terminal: any Terminal, greeting: String? = nil) {
        self.library = library
        self.terminal = terminal
        self.greeting = greeting
        state = AppState(size: terminal.size, colors: terminal.supportsColor)
    }

    /// Runs until the user quits or the terminal goes away; returns the exit status.
    public func run() -> Int32 {
        if let status = dispatch(.start) { return status }
        if let greeting { _ = dispatch(.failed(greeting)) }
        while true {
            terminal.present(render(state))
            let action: Action
            switch terminal.nextEvent(timeoutMilliseconds: 500) {
            case .key(let key): action = .key(key)
            case .resize: action = .resized(terminal.size)
            case .timeout: continue
            case .hangup: return 129
            case .signal(let number): action = .signal(number)
            }
            if let status = dispatch(action) { return status }
        }
    }

    /// Applies an action and every action its effects lead to; returns an exit status to quit.
    func dispatch(_ first: Action) -> Int32? {
        var queue = [first]
        while !queue.isEmpty {
            let action = queue.removeFirst()
            for effect in reduce(&state, action) {
                switch perform(effect) {
                case .quit(let status): return status
                case .next(let actions): queue += actions
                }
            }
        }
        return nil
    }
}
