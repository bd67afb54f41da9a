import TidingsCore

/// One thing the writer stores in an import transaction.
enum ImportStep {
    /// A file that has not changed since its last complete import.
    case unchanged(SourceFile)
    /// Some of a changed file's posts. A file comes in one slice or several, in order; they
    /// may fall into different transactions (see ``ImportTransaction``).
    case slice(Slice)

    /// A slice of a changed file, placed in the file.
    struct Slice {
        var file: SourceFile
        var page: ArchivePage
        /// The page position of the slice's first post: the number of posts before it.
        var position: Int
        /// Whether the file ends with this slice.
        var isLast: Bool
        /// Whether the file starts with this slice.
        var isFirst: Bool { position == 0 }
    }

    /// The posts the step adds to its transaction.
    var posts: Int {
        switch self {
        case .unchanged: return 0
        case .slice(let slice): return slice.page.posts.count
        }
    }
}
