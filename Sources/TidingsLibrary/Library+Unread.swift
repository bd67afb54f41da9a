import GRDB
import TidingsCore

/// A shelf's unread posts, for the browser's unread-only toggle (`U`): their count here; their
/// pages and positions are ``Library/headlines(on:offset:limit:unreadOnly:)`` and
/// ``Library/position(ofPost:on:unreadOnly:)``.
extension Library {
    /// How many of the shelf's posts are unread: its count less its read posts, counted from
    /// the read marks as ``readCounts()`` does.
    public func unreadCount(on shelf: Shelf) throws(LibraryError) -> Int {
        try read { db in
            let count: Int?
            switch shelf {
            case .all:
                count = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT posts FROM tally WHERE kind = 'all' AND name = '')
                             - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID WHERE r.readAt IS NOT NULL)
                        """)
            case .category, .tag, .author:
                let label = shelf.label!
                count = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT COALESCE(MAX(posts), 0) FROM tally WHERE kind = ?1 AND name = ?2)
                             - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID
                                JOIN label l ON l.post = p.seq AND l.kind = ?1 AND l.name = ?2
                                WHERE r.readAt IS NOT NULL)
                        """, arguments: [label.kind, label.name])
            case .outlet(let name):
                count = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT (SELECT COUNT(*) FROM post WHERE outlet = ?1)
                             - (SELECT COUNT(*) FROM reading r JOIN post p ON p.id = r.postID
                                WHERE p.outlet = ?1 AND r.readAt IS NOT NULL)
                        """, arguments: [name])
            case .bookmarks:
                count = try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM bookmark b JOIN post p ON p.id = b.postID
                        LEFT JOIN reading r ON r.postID = p.id WHERE r.readAt IS NULL
                        """)
            }
            return max(0, count ?? 0)
        }
    }

    /// The condition that post `p` has no read mark.
    static let isUnread = "NOT EXISTS (SELECT 1 FROM reading rm WHERE rm.postID = p.id AND rm.readAt IS NOT NULL)"
}
