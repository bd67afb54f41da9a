/// Where a reader was in a long article: a paragraph and a character offset inside it.
///
/// An anchor in the text rather than a screen line, so that it stays right when the terminal
/// is resized and the article wraps differently.
public struct ReadingPosition: Hashable, Sendable {
    /// Index of the paragraph, from 0.
    public var paragraph: Int
    /// Offset in characters inside that paragraph, from 0.
    public var characterOffset: Int

    /// The start of the article.
    public static let top = ReadingPosition(paragraph: 0, characterOffset: 0)

    public init(paragraph: Int, characterOffset: Int) {
        self.paragraph = paragraph
        self.characterOffset = characterOffset
    }
}

/// What the reader has done with one post: what the article view shows and restores.
public struct PostMarks: Hashable, Sendable {
    public var isBookmarked: Bool
    public var isUnread: Bool
    /// ``ReadingPosition/top`` when none was stored.
    public var position: ReadingPosition

    public init(isBookmarked: Bool, isUnread: Bool, position: ReadingPosition) {
        self.isBookmarked = isBookmarked
        self.isUnread = isUnread
        self.position = position
    }
}
