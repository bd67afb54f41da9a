/// An editing request on the search line, named like ``Command``s.
///
/// The raw value is the stable name shown in the help overlay's "Search line" section; never
/// rename one. While the search line is open these take their keys before the key table's
/// commands do, and any other printable key is typed.
public enum LineEdit: String, CaseIterable, Hashable, Sendable {
    case deleteBack = "delete-back"
    case clear = "clear-line"
    case deleteWord = "delete-word"
    case cursorLeft = "cursor-left"
    case cursorRight = "cursor-right"
    /// Keep the filter and go back to browsing the results.
    case accept = "keep-filter"
    /// Clear the search and go back to the list as it was.
    case cancel = "clear-search"

    /// The name shown in the help overlay.
    public var name: String { rawValue }
}
