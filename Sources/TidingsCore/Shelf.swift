/// A list of posts to page through: every post, one category, or the bookmarks. The library
/// reads shelves; each of the browser's tabs shows one.
public enum Shelf: Hashable, Sendable {
    case all
    case category(String)
    case bookmarks
}
