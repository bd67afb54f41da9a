import TidingsCore

/// A tab as the session loop reports it: its kind, a plain title and how many posts it holds.
///
/// The title is a bare name ("All", "Military", "Bookmarks"); the renderer adds the `★`
/// of the bookmarks tab and the count itself.
public struct TabInfo: Equatable, Sendable {
    public var kind: Shelf
    public var title: String
    public var count: Int

    public init(kind: Shelf, title: String, count: Int) {
        self.kind = kind
        self.title = title
        self.count = count
    }
}
