/// Between the pane's blocks and the stored paragraph indexes.
///
/// The pane numbers blocks from the heading (0) through the paragraphs it shows, leaving out
/// those blank once sanitised; the library stores an index into ``Article/paragraphs``, which
/// counts every paragraph. Both directions live here, beside the layout that skips the blank
/// ones, so the session never needs the post's text to convert.
extension Article {
    /// The index in ``paragraphs`` of block `block`'s paragraph; nil for the heading (block 0
    /// or less) and for a block past the last paragraph shown.
    public func paragraphIndex(ofBlock block: Int) -> Int? {
        guard block > 0 else { return nil }
        var seen = 0
        for (index, paragraph) in paragraphs.enumerated() where !ArticleLayout.isBlank(raw: paragraph) {
            seen += 1
            if seen == block { return index }
        }
        return nil
    }

    /// The anchor of character `character` of `paragraphs[paragraph]`: the block showing that
    /// paragraph (the last one shown before it, should it be blank); nil when there is none.
    public func anchor(paragraph: Int, character: Int) -> ArticleAnchor? {
        guard paragraph >= 0 else { return nil }
        let block = paragraphs.prefix(paragraph + 1).filter { !ArticleLayout.isBlank(raw: $0) }.count
        guard block > 0 else { return nil }
        return ArticleAnchor(block: block, character: character)
    }
}
