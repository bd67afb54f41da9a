import Foundation

/// A bookmark as listings and exports show it.
///
/// While the library holds the post, its details are the post's own; once the post has left
/// the library (its archive file changed), they are what was stored when it was bookmarked,
/// so that a listing can still say what the bookmark was. The bookmark itself stays, keyed by
/// the post's stable id, and shows again when the post is imported again.
public struct Bookmark: Hashable, Sendable {
    /// The post's stable id (12 characters).
    public var postID: String
    public var bookmarkedAt: Date
    public var title: String?
    public var outlet: String?
    /// Category names, sorted; empty when the post is not in the library.
    public var categories: [String]
    /// Publication day as `yyyy-MM-dd`, when known.
    public var date: String?
    /// False when no imported archive holds the post at the moment.
    public var isInLibrary: Bool

    public init(
        postID: String, bookmarkedAt: Date, title: String? = nil, outlet: String? = nil,
        categories: [String] = [], date: String? = nil, isInLibrary: Bool = true
    ) {
        self.postID = postID
        self.bookmarkedAt = bookmarkedAt
        self.title = title
        self.outlet = outlet
        self.categories = categories
        self.date = date
        self.isInLibrary = isInLibrary
    }
}

/// What ``Library/setBookmark(_:postID:)`` did.
public struct BookmarkChange: Hashable, Sendable {
    /// The full id the given id (or prefix) named.
    public var postID: String
    /// The post's title (the stored one when the post is not in the library).
    public var title: String?
    /// The state now on disk.
    public var isBookmarked: Bool
    /// False when the post already was in that state.
    public var changed: Bool
}

/// What ``Library/restoreBookmarks(_:)`` did with each bookmark it was given.
public struct BookmarkRestore: Hashable, Sendable {
    /// Ids newly bookmarked.
    public var restored: [String] = []
    /// Ids that were bookmarked already (their original time is kept).
    public var alreadyBookmarked: [String] = []
    /// Bookmarks whose posts this library does not hold, kept (when asked) with the title and
    /// outlet given; they show once their posts are imported.
    public var notInLibrary: [Bookmark] = []
    /// Bookmarks whose posts this library does not hold that were not kept (restoring
    /// without keeping the missing ones).
    public var skippedMissing = 0

    public init() {}
}
