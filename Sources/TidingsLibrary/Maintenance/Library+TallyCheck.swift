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
                "the count of \(row["kind"] as String) “\(row["name"] as String)” says \((row["posts"] as Int?) ?? 0), its posts are \(row["n"] as Int)"
            }
            let all = try Int.fetchOne(db, sql: "SELECT posts FROM tally WHERE kind = 'all' AND name = ''") ?? 0
            let posts = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM post") ?? 0
            if all != posts { problems.append("the count of all posts says \(all), there are \(posts)") }
            return problems
        }
    }
}
