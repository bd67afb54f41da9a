import TidingsCore

/// A tab as the session loop reports it: its kind, a plain title and how many posts it holds.
///
/// The title is a bare name ("All", "Military", "Bookmarks"); the renderer adds the `★`
/// of the bookmarks tab and the count itself.
public struct TabInfo: Equatable, Sendable {
    public var kind: Shelf
    public var title: String
    public var count: Int
    /// How many of its posts are unread, when the loop counted them (All and the categories);
    /// the tab bar then shows `unread/count`.
    public var unread: Int?

    public init(kind: Shelf, title: String, count: Int, unread: Int? = nil) {
        self.kind = kind
        self.title = title
        self.count = count
        self.unread = unread
    }
}
