import TidingsCore

/// One archive file on its way into the library, as the importer's readers leave it.
struct SourceFile: Sendable {
    /// What the reader found.
    enum Content: Sendable {
        /// Same size and time as last import: not even read.
        case unchanged
        /// Read, but its bytes equal the last import's: only the stored time changes.
        case sameBytes
        /// Read and being parsed: its posts come through the queue a slice at a time.
        case parsed(SliceQueue)
        /// Could not be read at all.
        case unreadable(Diagnostic)
    }

    var path: String
    var size: Int64
    var modified: Double
    var digest: String
    var content: Content
}

/// What the library remembers of a source file from its last complete import.
struct SourceStamp: Sendable {
    var size: Int64
    var modified: Double
    var digest: String
}
