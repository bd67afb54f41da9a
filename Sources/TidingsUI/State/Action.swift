import TidingsCore
import TidingsScreen

/// Everything that can happen to the browser: key presses, resizes and the loop's answers.
public enum Action: Equatable, Sendable {
    /// The browser starts: ask for the tabs and the first page of the `All` tab.
    case start
    case key(Key)
    /// A click or a wheel turn (reported only with the mouse on).
    case mouse(MouseEvent)
    /// Characters that arrived together (a paste, or keys typed faster than the screen
    /// paints): on the search line one edit and one search; elsewhere keys, one by one.
    case typed(String)
    /// Text the terminal marked as pasted: never keys. Into the search line (or the
    /// picker's filter) as one edit; anywhere else it is refused with a message, since a
    /// pasted `q` or `A` must not quit or mark a tab read.
    case pasted(String)
    /// The terminal now has this size.
    case resized(Size)
    case tabsLoaded([TabInfo])
    case headlinesLoaded(HeadlinePage)
    case articleLoaded(Article)
    /// The answer to `.toggleBookmark`: the post's bookmark is now `isBookmarked`, durably.
    case bookmarkChanged(id: String, isBookmarked: Bool)
    /// The answer to `.setRead`: the post is now read or unread.
    case readChanged(id: String, isRead: Bool)
    /// The answer to `.locatePost`: where post `id` is in the whole list of `tab` (or its
    /// unread posts, as asked).
    case postLocated(tab: Shelf, id: String, index: Int?, unreadOnly: Bool = false)
    /// The answer to `.markTabRead`: `count` posts of `tab` became read.
    case tabMarkedRead(tab: Shelf, count: Int)
    /// The answer to `.loadPicks`: every tag, author and outlet, titled as ``TabInfo/init(picked:count:unread:)``.
    case picksLoaded([TabInfo])
    /// The answer to `.countShelf`: the picked tab's fresh counts.
    case shelfCounted(TabInfo)
    /// The time asked for by `.startReadTimer` has passed.
    case readTimerFired(id: String)
    /// The answer to `.findNextUnread`: the list index of the next unread post, or nil.
    case nextUnreadFound(index: Int?)
    /// The answer to `.countMatches`: exactly how many posts of `tab` match `query`, for the
    /// search results of that generation (dropped when they are gone or were reloaded).
    case matchesCounted(tab: Shelf, query: SearchQuery, generation: Int, total: Int)
    /// The `.countMatches` of `tab`'s results of `generation` could not be finished, and why:
    /// the results keep their bound and say so, and a row waited for goes to the last known one.
    case countFailed(tab: Shelf, generation: Int, reason: String)
    /// A background update has finished `done` of `total` sources so far.
    case sourcesUpdating(done: Int, total: Int)
    /// A background update ended: `newPosts` stored in all, `failures` one line per source
    /// that failed (its posts read before the failure are stored).
    case sourcesUpdated(newPosts: Int, sources: Int, failures: [String])
    /// The terminal is slow to take output (its frames block), or has caught up: the status
    /// line says that it shows the latest screen, frames in between being skipped.
    case outputSlow(Bool)
    /// Something the loop did failed; the message goes to the status line.
    case failed(String)
    /// A termination signal arrived: quit with status 128 + signal.
    case signal(Int32)
}
