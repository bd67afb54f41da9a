import GRDB

extension Library {
    /// The web sources a damaged file still lists; none when it has no such table (made before
    /// `v4-web`) or the table cannot be read.
    static func salvageWebSources(_ db: Database) -> [String] {
        let urls = (try? String.fetchAll(db, sql: "SELECT url FROM web_source ORDER BY id")) ?? []
        return urls.filter { $0.hasPrefix("http://") || $0.hasPrefix("https://") || $0.hasPrefix("file://") }
    }

    /// Follows `urls` again in a rebuilt library, not caught up, so the next `tidings update`
    /// reads each as deep as `--pages` and brings back what the web still has of its posts
    /// (web posts are not in any archive file to re-import). Returns the URLs kept.
    func keepWebSources(_ urls: [String]) throws(LibraryError) -> [String] {
        guard !urls.isEmpty else { return [] }
        return try save("the web sources") { db in
            for url in urls { _ = try Library.upsertWebSource(url, kind: nil, title: nil, in: db) }
            return urls
        }
    }
}
