import Foundation
import GRDB
import TidingsCore

/// Writes one web page's posts inside a transaction, merging each with the post the library
/// already has for the same story.
///
/// Identity (docs/archive-format.md, "Identity of web posts"):
/// - the content id first (``PostIdentity``: the same title, outlet and text is the same
///   story, wherever it was read);
/// - else an alias: a content id under which a copy was merged before (`post_alias`);
/// - else the web address, when it names one story: a post whose `url` is already stored and
///   whose title is the same (``titleKey(_:)``) is that post, even when its text differs (a
///   feed's excerpt against the full page); the copy's content id becomes an alias of the post.
///   An address that names a place rather than a story is never used: the page's own address,
///   a site's root, or an address given on this page to posts of different titles (outlets
///   link every item to a section page).
///
/// Merging keeps the existing post's id (bookmarks and read marks are keyed by it), unions
/// the labels, fills a missing date, address and outlet, and keeps the fuller text (the
/// longer body, with its title). Nothing a web page gave is ever taken back by a later page.
struct WebPageStore {
    let db: Database
    /// The source that gave the page; nil for a local file read once (`tidings import`).
    let source: Int64?
    private var nextOrdinal: Int
    /// Posts this page gave that the source had not given before (in this transaction).
    private var appearedHere: Set<Int64> = []

    init(db: Database, source: Int64?) throws {
        self.db = db
        self.source = source
        nextOrdinal = try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(ordinal), 0) + 1 FROM post") ?? 1
    }

    mutating func store(_ page: WebPage) throws -> WebPageResult {
        var result = WebPageResult()
        var seen = Set<Int64>()
        let placeLinks = Self.placeLinks(of: page)
        for post in page.posts {
            let usableLink = post.url.flatMap { placeLinks.contains($0) ? nil : $0 }
            let (seq, status, known) = try merge(post, link: usableLink, header: page.header)
            result.lastAlreadyFromSource = known
            // The same story twice on one page counts once.
            guard seen.insert(seq).inserted else { continue }
            if known { result.alreadyFromSource += 1 } else { result.newToSource += 1 }
            switch status {
            case .new:
                result.new += 1
                result.newIDs.append(post.id)
            case .updated: result.updated += 1
            case .unchanged: result.unchanged += 1
            }
        }
        return result
    }

    /// Addresses on the page that do not name one story: the page's own, a site's root, and
    /// any given to two posts whose titles differ.
    static func placeLinks(of page: WebPage) -> Set<String> {
        var places: Set<String> = [page.url]
        var titles: [String: String] = [:]
        for post in page.posts {
            guard let url = post.url, !url.isEmpty else { continue }
            if isSiteRoot(url) { places.insert(url) }
            let key = titleKey(post.title)
            if let other = titles[url], other != key { places.insert(url) } else { titles[url] = key }
        }
        return places
    }

    /// Whether `url` is the root of a site (`https://outlet.example/`), which links every story.
    static func isSiteRoot(_ url: String) -> Bool {
        guard let components = URLComponents(string: url), components.host != nil else { return false }
        return (components.path.isEmpty || components.path == "/") && (components.query ?? "").isEmpty
    }

    /// A title compared for identity: letters and digits in lower case, words single-spaced
    /// (a feed's `Ferry  service – resumes` is the page's `Ferry service resumes`).
    static func titleKey(_ title: String) -> String {
        title.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// Stores one post; returns its seq, what happened to it, and whether this source had it.
    private mutating func merge(
        _ incoming: Post, link: String?, header: PageHeader?
    ) throws -> (Int64, Library.PostStatus, Bool) {
        var post = incoming
        if post.id.isEmpty {
            post.id = PostIdentity.id(title: post.title, outlet: post.outlet, paragraphs: post.paragraphs)
        }
        let body = post.paragraphs.joined(separator: "\n")
        var status = Library.PostStatus.unchanged
        let seq: Int64
        let ordinal: Int
        if let row = try existing(post, link: link) {
            seq = row["seq"]
            ordinal = row["ordinal"]
            status = try fill(row, with: post, body: body) ? .updated : .unchanged
        } else {
            ordinal = nextOrdinal
            nextOrdinal += 1
            try db.cachedStatement(
                sql: """
                    INSERT INTO post (id, title, body, outlet, date, ordinal, hangul, url, web) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
                    """
            ).execute(arguments: [
                post.id, post.title, body, post.outlet, post.date?.iso, ordinal,
                HangulBigrams.indexText(title: post.title, paragraphs: post.paragraphs), post.url,
            ])
            seq = db.lastInsertedRowID
            // Indexed now, not in bulk at the end: a later post on this page may merge into
            // this one, and the update trigger's FTS5 'delete' needs the row indexed already.
            try db.cachedStatement(
                sql: """
                    INSERT INTO post_fts(rowid, title, body, hangul) SELECT seq, title, body, hangul FROM post WHERE seq = ?
                    """
            ).execute(arguments: [seq])
            status = .new
        }
        var known = false
        if let source {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO web_appearance (source, post) VALUES (?, ?)").execute(
                arguments: [source, seq])
            if db.changesCount > 0 { appearedHere.insert(seq) }
            known = !appearedHere.contains(seq)
        }
        var labels =
            post.categories.map { PostLabel(.category, $0) } + post.tags.map { PostLabel(.tag, $0) }
            + post.authors.map { PostLabel(.author, $0) }
        if let label = header?.label { labels.append(label) }
        let insertLabel = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO label (kind, name, ordinal, post) VALUES (?, ?, ?, ?)")
        let insertWebLabel = try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO web_label (post, kind, name) VALUES (?, ?, ?)")
        for label in Set(labels) where !label.name.isEmpty {
            try insertLabel.execute(arguments: [label.kind.rawValue, label.name, ordinal, seq])
            if db.changesCount > 0, status == .unchanged { status = .updated }
            try insertWebLabel.execute(arguments: [seq, label.kind.rawValue, label.name])
        }
        return (seq, status, known)
    }

    /// The stored post that is the same story: by content id, else by an alias, else by a web
    /// address that names a story (`link`) and the same title.
    private func existing(_ post: Post, link: String?) throws -> Row? {
        let columns = "seq, id, title, body, outlet, date, ordinal, url, web"
        if let row = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT \(columns) FROM post WHERE id = ?"), arguments: [post.id])
        {
            return row
        }
        if let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT \(columns) FROM post WHERE seq = (SELECT post FROM post_alias WHERE id = ?)
                    """), arguments: [post.id])
        {
            return row
        }
        guard let link, !link.isEmpty else { return nil }
        let key = Self.titleKey(post.title)
        return try Row.fetchAll(
            db.cachedStatement(sql: "SELECT \(columns) FROM post WHERE url = ? ORDER BY seq"), arguments: [link]
        )
        .first { Self.titleKey($0["title"]) == key }
    }

    /// Fills what the stored post lacks and keeps the fuller text; true when anything changed
    /// (being marked as from the web is bookkeeping, not a change).
    private func fill(_ row: Row, with post: Post, body: String) throws -> Bool {
        let seq: Int64 = row["seq"]
        var changed = false
        if (row["id"] as String) != post.id {
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO post_alias (id, post) VALUES (?, ?)").execute(
                arguments: [post.id, seq])
        }
        if (row["date"] as String?) == nil, let date = post.date {
            try db.cachedStatement(sql: "UPDATE post SET date = ? WHERE seq = ?").execute(arguments: [date.iso, seq])
            changed = true
        }
        if (row["url"] as String?) == nil, let url = post.url, !url.isEmpty {
            try db.cachedStatement(sql: "UPDATE post SET url = ? WHERE seq = ?").execute(arguments: [url, seq])
            changed = true
        }
        if (row["outlet"] as String?) == nil, let outlet = post.outlet {
            try db.cachedStatement(sql: "UPDATE post SET outlet = ? WHERE seq = ?").execute(arguments: [outlet, seq])
            changed = true
        }
        let storedBody: String = row["body"]
        if body.count > storedBody.count {
            // The full-text index follows by the post_fts_update trigger.
            try db.cachedStatement(sql: "UPDATE post SET title = ?, body = ?, hangul = ? WHERE seq = ?").execute(
                arguments: [
                    post.title, body, HangulBigrams.indexText(title: post.title, paragraphs: post.paragraphs), seq,
                ])
            changed = true
        }
        if (row["web"] as Int) == 0 {
            try db.cachedStatement(sql: "UPDATE post SET web = 1 WHERE seq = ?").execute(arguments: [seq])
        }
        return changed
    }
}
