import TidingsScreen

/// An editing request on the search line, named like ``Command``s.
///
/// The raw value is the stable name shown in the help overlay's "Search line" section; never
/// rename one. While the search line or the `:` prompt is open these take their keys before
/// the key table's commands do, and any other printable key is typed.
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

/// What a key does on a line being typed, the search line's or the `:` prompt's.
enum LineInput: Equatable {
    case edit(LineEdit)
    case character(Character)
}

extension KeyTable {
    /// The one reading of a key on a typed line, shared by the search line and the prompt so
    /// that a rebound edit works in both: the key table's line edits first, then a printable
    /// key as typed text (the config refuses printable keys for edits, so the order only
    /// matters for a table built in code). `nil` for any other key.
    func lineInput(for key: Key) -> LineInput? {
        if let edit = lineEdit(for: key) { return .edit(edit) }
        if case .character(let character) = key { return .character(character) }
        return nil
    }
}
