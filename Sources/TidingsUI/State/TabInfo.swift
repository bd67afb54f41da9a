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

    /// A tag, author or outlet as the picker lists it and its tab shows it: `#Sanctions`,
    /// `by Jane Holloway`, `from Reuters`.
    public init(picked kind: Shelf, count: Int, unread: Int) {
        let title =
            switch kind {
            case .tag(let name): "#" + name
            case .author(let name): "by " + name
            case .outlet(let name): "from " + name
            case .category(let name): name
            case .all: "All"
            case .bookmarks: "Bookmarks"
            }
        self.init(kind: kind, title: title, count: count, unread: unread)
    }

    public init(kind: Shelf, title: String, count: Int, unread: Int? = nil) {
        self.kind = kind
        self.title = title
        self.count = count
        self.unread = unread
    }
}
