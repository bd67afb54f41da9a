/// A scroll position in an article that survives reflow: a block, and the character of that
/// block's text that begins the top line.
///
/// Block 0 is the heading (title, meta line, blank line); block `n` is the `n`th non-empty
/// paragraph. After a resize the line holding the same character comes to the top, so the
/// reader keeps their place to within a line.
public struct ArticleAnchor: Hashable, Sendable {
    public var block: Int
    /// Offset in `Character`s into the block's text (the heading counts title, meta line and
    /// notice one after another).
    public var character: Int

    public init(block: Int, character: Int) {
        self.block = block
        self.character = character
    }

    public static let top = ArticleAnchor(block: 0, character: 0)
}
