/// One terminal cell of a ``ScreenBuffer``.
///
/// A wide character occupies two cells: the first holds the grapheme with `width == 2`,
/// the second is a continuation cell (`text` empty, `width == 0`) that the adapter skips.
public struct Cell: Hashable, Sendable {
    /// The grapheme drawn in this cell, already sanitised; a single space for blank cells.
    public var text: String
    /// Display columns taken by `text`: 1, 2, or 0 for a continuation cell.
    public var width: UInt8
    public var style: Style

    public init(_ text: String = " ", width: UInt8 = 1, style: Style = .plain) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell()

    /// True for the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
