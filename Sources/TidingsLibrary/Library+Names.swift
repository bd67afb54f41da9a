import GRDB
import TidingsCore

/// One rule for a name given on the command line (`list --author`, `--category`, `--tag`,
/// `--outlet`) and in the search language (`author:`): case, accents and punctuation do not
/// matter, and part of a name will do.
extension Library {
    /// The stored name that `given` names in `field`: the one equal to it without case,
    /// accents or punctuation, else the only one containing it.
    ///
    /// - Throws: ``LibraryError/notFound(_:)`` when no name matches (`no author matches
    ///   “jane”`), ``LibraryError/ambiguous(_:)`` listing the candidates when several contain it.
    public func resolveName(_ given: String, field: SearchQuery.Filter.Field) throws(LibraryError) -> String {
        let names = try read { db in try SearchPlan.names(of: field, in: db) }
        let wanted = SearchPlan.words(given)
        if let exact = names.first(where: { SearchPlan.words($0) == wanted }) { return exact }
        let partial = names.filter { SearchPlan.name($0, contains: given) }
        if partial.count == 1 { return partial[0] }
        let kind = field.rawValue
        if partial.isEmpty { throw LibraryError.notFound("no \(kind) matches “\(given)”") }
        let shown = partial.prefix(8).map { "“\($0)”" }.joined(separator: ", ")
        let more = partial.count > 8 ? " and \(partial.count - 8) more" : ""
        throw LibraryError.ambiguous("\(kind) “\(given)” could be \(shown)\(more): give more of the name")
    }

    /// Which of `ids` are read and which bookmarked, in a few queries (for `--json`).
    public func marks(ofPosts ids: [String]) throws(LibraryError) -> (read: Set<String>, bookmarked: Set<String>) {
        try read { db in
            var read = Set<String>()
            var bookmarked = Set<String>()
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(chunk + 500, ids.count)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                read.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT postID FROM reading WHERE readAt IS NOT NULL AND postID IN (\(marks))",
                        arguments: StatementArguments(part)))
                bookmarked.formUnion(
                    try String.fetchAll(
                        db, sql: "SELECT postID FROM bookmark WHERE postID IN (\(marks))",
                        arguments: StatementArguments(part)))
            }
            return (read, bookmarked)
        }
    }
}
