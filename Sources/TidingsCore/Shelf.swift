/// A list of posts to page through: every post, one category, tag, author or outlet, or the
/// bookmarks. The library reads shelves; each of the browser's tabs shows one.
public enum Shelf: Hashable, Sendable {
    case all
    case category(String)
    /// The posts with this tag (a label, as categories are).
    case tag(String)
    /// The posts by this author (a label).
    case author(String)
    /// The posts of this outlet (a column of the post).
    case outlet(String)
    case bookmarks

    /// For a shelf of labelled posts (category, tag, author): the label's kind as the library
    /// stores it and the name; nil for the others.
    public var label: (kind: String, name: String)? {
        switch self {
        case .category(let name): ("category", name)
        case .tag(let name): ("tag", name)
        case .author(let name): ("author", name)
        case .all, .outlet, .bookmarks: nil
        }
    }
}
