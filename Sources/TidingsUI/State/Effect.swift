import TidingsCore

/// Work the reducer asks the session loop to do; the loop answers with actions.
///
/// The reducer stays pure: it never touches the library, the terminal or a clock, it returns
/// these. The loop should switch exhaustively so that a new case is a compile error there
/// rather than silently ignored. Answers may arrive in any order and late: each carries
/// enough for the reducer to recognise a stale one.
public enum Effect: Equatable, Sendable {
    /// Query the tab list; answer with `.tabsLoaded`.
    case loadTabs
    /// List every tag, author and outlet with its counts for the picker; answer with `.picksLoaded`.
    case loadPicks
    /// Count one shelf's posts and unread posts (the picked tab); answer with `.shelfCounted`.
    case countShelf(Shelf)
    /// Query `limit` rows of a list from `offset`; answer with `.headlinesLoaded` whose page
    /// echoes `tab`, `query`, `order` and `generation`.
    ///
    /// `query == nil`: the tab's whole list (`order` means nothing; the page's `total` may be
    /// a lower bound, the reducer takes the length from the tab's count). Otherwise the posts of
    /// `tab` matching `query` (the search language: `words "phrase" -exclude a OR b title:
    /// author: outlet: category:`, parsed once as the line changed), in `order`, with the
    /// page's `summary`, and a `hint` when the query was read loosely; a query that cannot be
    /// run answers with `failed: true` and a short `hint`, never an SQL error.
    ///
    /// `unreadOnly`: only the tab's unread posts, in the same order; the page's `total` is
    /// then their number (the reducer keeps it).
    ///
    /// Searches may run on a background worker: a request with a higher `generation` for the
    /// same tab supersedes the earlier ones, which may be cancelled and need no answer.
    case loadHeadlines(
        tab: Shelf, query: SearchQuery? = nil, order: SearchOrder = .archive, offset: Int, limit: Int,
        generation: Int = 0, unreadOnly: Bool = false)
    /// Count exactly how many posts of `tab` match `query`, for search results whose first
    /// page gave only a bound (`totalIsExact == false`); answer with `.matchesCounted`
    /// echoing `tab`, `query` and `generation`. It may take most of a second on a large
    /// library, so it runs on the search worker and, like a search, a request of a newer
    /// generation supersedes it (it may be cancelled and need no answer).
    case countMatches(tab: Shelf, query: SearchQuery, generation: Int)
    /// The search requests under way are no longer wanted (the search was cleared); nothing
    /// answers this, and their answers, if any still come, are dropped.
    case cancelSearch
    /// Query one whole post; answer with `.articleLoaded` (or `.failed`), `savedPosition` filled.
    /// (Search matches are marked by the renderer, so a new query needs no new answer.)
    case loadArticle(id: String)
    /// Add the post to the bookmarks, or remove it if it is there; answer, once the change is
    /// durable, with `.bookmarkChanged` (the new state), or `.failed` with a message for the
    /// status line (read-only library, full disk), and the mark then stays as it was.
    case toggleBookmark(id: String)
    /// Find the index of post `id` in the whole list of `tab` (with `unreadOnly`, in its list
    /// of unread posts: where the post is, or would be were it unread); answer with
    /// `.postLocated` (index nil when the post is not in the tab).
    case locatePost(tab: Shelf, id: String, unreadOnly: Bool = false)
    /// Mark every post of the tab read; answer with `.tabMarkedRead` (how many changed), or `.failed`.
    case markTabRead(tab: Shelf)
    /// Mark the post read or unread; answer with `.readChanged`, or `.failed`.
    case setRead(id: String, isRead: Bool)
    /// Answer with `.readTimerFired(id:)` once `milliseconds` have passed (while keys keep
    /// arriving); the reducer decides then whether the post is still shown.
    case startReadTimer(id: String, milliseconds: Int)
    /// Find the first unread post after list index `after` in the list `tab` + `query` (in
    /// `order`; `query == nil` for the whole tab); answer with `.nextUnreadFound(index:)`,
    /// its index in that list, or nil when none follows.
    case findNextUnread(tab: Shelf, query: SearchQuery?, order: SearchOrder, after: Int)
    /// Store where the reader left the post, for `Article.savedPosition`; `.top` means the
    /// reader went back to the top, so any stored position can be forgotten. `paragraph` is
    /// the anchor's block as an index into `Article.paragraphs` (nil for the heading), what
    /// the library stores with `anchor.character`, so the loop need not load the post again.
    /// No answer is needed (`.failed` with a message if it could not be saved).
    case saveReadingPosition(id: String, anchor: ArticleAnchor, paragraph: Int?)
    /// Fetch every web source again in the background; answer with `.sourcesUpdating` as
    /// sources finish, then once with `.sourcesUpdated`. Keys go on being answered meanwhile.
    case updateSources
    /// Open `url` in the reader's browser, or copy it where no browser can run; answer with
    /// `.failed` carrying what was done, for the status line.
    case openLink(url: String)
    /// Put `url` on the reader's clipboard; answer with `.failed` carrying what was done.
    case copyLink(url: String)
    /// Repaint the whole screen on the next frame (Ctrl-L): call `Terminal.invalidate()`.
    case redraw
    /// Leave the browser, restore the terminal and exit with `status`.
    case quit(status: Int32)
}
