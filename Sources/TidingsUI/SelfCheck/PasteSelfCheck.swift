import TidingsScreen

/// The paste checks the fuzzer runs: a burst of any text, into the search line or the list,
/// leaves a line within its limit, asks for at most one search, and a screen without controls.
public enum PasteSelfCheck {
    /// Checks pasting `text`; nil when all holds, else what failed.
    public static func failure(pasting text: String) -> String? {
        var state = AppState(size: Size(columns: 60, rows: 12), colors: false)
        _ = reduce(&state, .start)
        _ = reduce(&state, .key(.character("/")))
        let effects = reduce(&state, .typed(text))
        let searches = effects.filter { if case .loadHeadlines(_, .some, _, _, _, _, _) = $0 { true } else { false } }
        if searches.count > 1 { return "\(searches.count) searches for one paste" }
        if let line = state.searches[state.activeTab]?.line, line.characters.count > SearchLine.maximumLength {
            return "the search line holds \(line.characters.count) characters"
        }
        if let line = state.searches[state.activeTab]?.line.text, !Sanitizer.isClean(line) {
            return "the search line holds text the sanitiser would change: \(line.debugDescription)"
        }
        _ = render(state)
        // From the list too: keys one by one until the line opens.
        var list = AppState(size: Size(columns: 60, rows: 12), colors: false)
        _ = reduce(&list, .start)
        _ = reduce(&list, .typed(text))
        _ = render(list)
        return bracketedFailure(pasting: text)
    }

    /// The same text as a bracketed paste: through the terminal's ``BracketedPaste/Collector``
    /// (its characters, then the end marker), then into the search line (one search at most,
    /// the line clean and within its limit) and into the list, where it must change nothing
    /// but the message: a paste is never keys.
    static func bracketedFailure(pasting text: String) -> String? {
        var collector = BracketedPaste.Collector()
        for scalar in text.unicodeScalars where !collector.take(.character(scalar.value)) {}
        collector.take(.end)
        let pasted = collector.text
        if !Sanitizer.isClean(pasted) { return "the bracketed paste gave unclean text: \(pasted.debugDescription)" }
        var state = AppState(size: Size(columns: 60, rows: 12), colors: false)
        _ = reduce(&state, .start)
        _ = reduce(&state, .key(.character("/")))
        let effects = reduce(&state, .pasted(pasted))
        let searches = effects.filter { if case .loadHeadlines(_, .some, _, _, _, _, _) = $0 { true } else { false } }
        if searches.count > 1 { return "\(searches.count) searches for one bracketed paste" }
        if let line = state.searches[state.activeTab]?.line, line.characters.count > SearchLine.maximumLength {
            return "a bracketed paste left \(line.characters.count) characters on the search line"
        }
        _ = render(state)
        var list = AppState(size: Size(columns: 60, rows: 12), colors: false)
        _ = reduce(&list, .start)
        var before = list
        let listEffects = reduce(&list, .pasted(pasted))
        before.message = list.message
        if !listEffects.isEmpty || list != before { return "a bracketed paste in the list acted as keys" }
        _ = render(list)
        return nil
    }
}
