/// Work the reducer asks the session loop to do; the loop answers with actions.
///
/// The reducer stays pure: it never touches the library or the terminal, it returns these.
/// More cases will come (search, bookmark, mark-read); the loop should switch exhaustively
/// so that a new case is a compile error there rather than silently ignored.
public enum Effect: Equatable, Sendable {
    /// Query the tab list; answer with `.tabsLoaded`.
    case loadTabs
    /// Query `limit` headlines of `tab` starting at `offset`; answer with `.headlinesLoaded`.
    case loadHeadlines(tab: TabKind, offset: Int, limit: Int)
    /// Query one whole post; answer with `.articleLoaded` (or `.failed`).
    case loadArticle(id: String)
    /// Repaint the whole screen on the next frame (Ctrl-L): call `Terminal.invalidate()`.
    case redraw
    /// Leave the browser, restore the terminal and exit with `status`.
    case quit(status: Int32)
}
