import TidingsCore
import TidingsScreen

/// Everything that can happen to the browser: key presses, resizes and the loop's answers.
public enum Action: Equatable, Sendable {
    /// The browser starts: ask for the tabs and the first page of the `All` tab.
    case start
    case key(Key)
    /// The terminal now has this size.
    case resized(Size)
    case tabsLoaded([TabInfo])
    case headlinesLoaded(HeadlinePage)
    case articleLoaded(Article)
    /// The answer to `.toggleBookmark`: the post's bookmark is now `isBookmarked`, durably.
    case bookmarkChanged(id: String, isBookmarked: Bool)
    /// The answer to `.setRead`: the post is now read or unread.
    case readChanged(id: String, isRead: Bool)
    /// The answer to `.locatePost`: where post `id` is in the whole list of `tab`.
    case postLocated(tab: Shelf, id: String, index: Int?)
    /// The answer to `.markTabRead`: `count` posts of `tab` became read.
    case tabMarkedRead(tab: Shelf, count: Int)
    /// The time asked for by `.startReadTimer` has passed.
    case readTimerFired(id: String)
    /// The answer to `.findNextUnread`: the list index of the next unread post, or nil.
    case nextUnreadFound(index: Int?)
    /// Something the loop did failed; the message goes to the status line.
    case failed(String)
    /// A termination signal arrived: quit with status 128 + signal.
    case signal(Int32)
}
