import TidingsScreen
import TidingsUI

/// Keeping the terminal light: the article put off during a run of keys, and frames coalesced
/// while the terminal is slow to take output (docs/architecture.md, "Light on the wire").
extension BrowserSession {
    /// A frame whose write took this long means the terminal is not keeping up (writes block
    /// once the link's buffers are full); a quick one means it caught up.
    static let slowFrame: Duration = .milliseconds(150)
    /// How often a frame held back for a backlogged terminal is tried again.
    static let backlogRetryMilliseconds = 20
    /// Most events taken in one go while the terminal is slow.
    static let waitingEventLimit = 4_096

    /// Draws the current state, unless the terminal has not taken the last frame yet (then the
    /// frame waits, and the keys meanwhile go on being applied); tells the state when the
    /// terminal turns slow or catches up. Returns an exit status to quit.
    func draw() -> Int32? {
        if state.isOutputSlow, terminal.outputIsBacklogged() {
            framePending = true
            return nil
        }
        let started = clock()
        terminal.present(render(state))
        framePending = false
        let slow = started.duration(to: clock()) >= Self.slowFrame
        guard slow != state.isOutputSlow else { return nil }
        // The status line says so (or stops saying so) in the next frame.
        framePending = true
        return dispatch(.outputSlow(slow))
    }

    /// Every event already waiting, read without waiting, as actions.
    func waitingEvents() -> [Action] {
        var actions: [Action] = []
        while actions.count < Self.waitingEventLimit {
            switch terminal.nextEvent(timeoutMilliseconds: 0, wakingOn: nil) {
            case .key(let key):
                pacing.keyArrived(at: clock())
                actions.append(.key(key))
            case .mouse(let event):
                pacing.keyArrived(at: clock())
                actions.append(.mouse(event))
            case .paste(let text): actions.append(.pasted(text))
            case .resize: actions.append(.resized(terminal.size))
            case .signal(let number): return actions + [.signal(number)]
            case .hangup: return actions + [.signal(1)]
            case .timeout: return actions
            }
        }
        return actions
    }

    /// Loads the post put off during a run of keys once input has been quiet long enough;
    /// nil when nothing was due, else the outcome (an exit status to quit, or nil to go on).
    func loadDeferredArticle() -> Int32?? {
        guard let id = deferredArticle, let quiet = pacing.quietAt, clock() >= quiet else { return nil }
        deferredArticle = nil
        pacing.endRun()
        // Still the post the pane waits for (a later key may have moved on, or opened it).
        guard state.article.id == id, state.article.current == nil else { return nil }
        switch perform(.loadArticle(id: id)) {
        case .quit(let status): return .some(status)
        case .next(let actions):
            for action in actions {
                if let status = dispatch(action) { return .some(status) }
            }
            return .some(nil)
        }
    }
}
