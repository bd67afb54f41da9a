import TidingsScreen

/// The text typed on the search line and the cursor in it.
///
/// Kept as `Character`s so that the cursor moves and deletes whole graphemes: a Hangul
/// syllable or an accented letter is one step, however many scalars it is made of.
public struct SearchLine: Equatable, Sendable {
    /// Longer input is ignored: a query that long is a paste gone wrong, and every keystroke
    /// sends the whole text to the library.
    public static let maximumLength = 1_000

    public private(set) var characters: [Character] = []
    /// Index in ``characters`` before which typing inserts.
    public private(set) var cursor = 0

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// The text as a query: surrounding spaces dropped, `nil` when nothing is left (so that
    /// typing the space before the next word asks nothing new).
    public var query: String? {
        guard let first = characters.firstIndex(where: { !$0.isWhitespace }),
            let last = characters.lastIndex(where: { !$0.isWhitespace })
        else { return nil }
        return String(characters[first...last])
    }

    /// Inserts typed or pasted text at the cursor, in one pass over the line however long
    /// the text. It is sanitised first (control characters dropped; TAB and line breaks
    /// become spaces), and the line is re-segmented so that a combining mark or a jamo typed
    /// on its own joins the character before it. Returns false when some of it did not fit
    /// within ``maximumLength`` and was dropped.
    @discardableResult
    mutating func insert(_ text: String) -> Bool {
        let clean = Array(Sanitizer.clean(text))
        guard !clean.isEmpty else { return true }
        let room = Self.maximumLength - characters.count
        guard room > 0 else { return false }
        let kept = clean.prefix(room)
        let before = String(characters[..<cursor]) + String(kept)
        let joined = Array(before + String(characters[cursor...]))
        guard joined.count <= Self.maximumLength else { return false }
        cursor = min(Array(before).count, joined.count)
        characters = joined
        return kept.count == clean.count
    }

    /// Puts the cursor after the last character (editing a kept query again).
    mutating func moveToEnd() { cursor = characters.count }

    /// Applies an editing request; returns false for `accept` and `cancel`, which are not
    /// edits of the text but of the search.
    @discardableResult
    mutating func apply(_ edit: LineEdit) -> Bool {
        switch edit {
        case .deleteBack:
            guard cursor > 0 else { break }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .deleteWord:
            // Like a shell: the spaces before the cursor, then the word before them.
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
        case .clear:
            characters.removeAll()
            cursor = 0
        case .cursorLeft:
            cursor = max(0, cursor - 1)
        case .cursorRight:
            cursor = min(characters.count, cursor + 1)
        case .accept, .cancel:
            return false
        }
        return true
    }
}
