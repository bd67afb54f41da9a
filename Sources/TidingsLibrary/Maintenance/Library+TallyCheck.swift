import GRDB

extension Library {
    /// Labels and tallies that disagree (the triggers' counts against the rows themselves), as
    /// sentences for `tidings check`; empty when they agree. Web pages and archive files both
    /// add and take back labels, so the counts the tab bar shows are checked, not assumed.
    func tallyProblems() throws(LibraryError) -> [String] {
        try read { db in
            var problems = try Row.fetchAll(
                db,
                sql: """
                    SELECT l.kind, l.name, l.n, t.posts FROM (SELECT kind, name, COUNT(*) AS n FROM label GROUP BY kind, name) l
                    LEFT JOIN tally t ON t.kind = l.kind AND t.name = l.name WHERE t.posts IS NOT l.n
                    UNION ALL
                    SELECT t.kind, t.name, 0, t.posts FROM tally t WHERE t.kind <> 'all'
                    AND NOT EXISTS (SELECT 1 FROM label WHERE kind = t.kind AND name = t.name) AND t.posts <> 0
                    LIMIT 5
                    """
            ).map { row -> String in
                // Read leniently: a damaged file can hold NULLs, or numbers where the schema has
                // text, and check must report it, never trap on it.
                let kind = row.salvaged("kind", as: String.self) ?? "(no kind)"
                let name = row.salvaged("name", as: String.self) ?? "(no name)"
                let posts = row.salvaged("posts", as: Int.self) ?? 0
                return
                    "the count of \(kind) “\(name)” says \(posts), its posts are \(row.salvaged("n", as: Int.self) ?? 0)"
            }
            let all = try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all' AND name = ''") ?? 0
            let posts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0
            if all != posts { problems.append("the count of all posts says \(all), there are \(posts)") }
            return problems
        }
    }
}
