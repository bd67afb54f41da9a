/// What the loop made of one effect: the actions that answer it, or the status to quit with.
public enum EffectOutcome: Equatable, Sendable {
    case next([Action])
    case quit(Int32)
}

/// Applies `first` to `state`, then every action its effects lead to, oldest first; returns
/// an exit status when an effect asks to quit. The session loop and the tests' harness both
/// run the reducer through this, each with its own `perform`.
public func dispatch(_ first: Action, to state: inout AppState, perform: (Effect) -> EffectOutcome) -> Int32? {
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
