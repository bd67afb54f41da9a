import Testing

@testable import TidingsUI

/// Between the pane's blocks and the paragraph indexes the library stores: blank paragraphs
/// (also those blank only once sanitised) have no block, so the two numberings differ.
@Suite("Article: blocks and paragraph indexes")
struct ArticleParagraphsTests {
    /// Paragraphs 1 and 3 are not shown: one is spaces, the other only an escape character.
    let article = Article(id: "a", title: "Title", paragraphs: ["First.", "   ", "Second.", "\u{1B}", "Third."])

    @Test("each shown block maps to its paragraph's index, the heading to none")
    func blockToParagraph() {
        #expect(article.paragraphIndex(ofBlock: 0) == nil)
        #expect(article.paragraphIndex(ofBlock: 1) == 0)
        #expect(article.paragraphIndex(ofBlock: 2) == 2)
        #expect(article.paragraphIndex(ofBlock: 3) == 4)
        #expect(article.paragraphIndex(ofBlock: 4) == nil)
    }

    @Test("a stored paragraph index maps back to the block the layout draws it in")
    func paragraphToBlock() {
        for block in 1...3 {
            let paragraph = article.paragraphIndex(ofBlock: block)!
            #expect(article.anchor(paragraph: paragraph, character: 7) == ArticleAnchor(block: block, character: 7))
        }
        let layout = ArticleLayout(article: article, width: 40)
        let third = layout.lines[layout.lineIndex(of: article.anchor(paragraph: 4, character: 0)!)]
        #expect(third.text == "Third.")
        #expect(article.anchor(paragraph: -1, character: 0) == nil)
    }

    @Test("leaving an article asks to store the paragraph index, blank paragraphs counted")
    func leavingStoresTheRawIndex() {
        var library = Fixtures.library()
        let first = library.posts[.all]![0]
        library.replace(
            first, paragraphs: ["First.", "   ", "Second.", "\u{1B}", "Third."] + Array(repeating: "More.", count: 30))
        var session = Harness(library)
        session.press(.enter)
        // Scroll until the third shown paragraph ("Third.", stored as paragraph 4) is on top.
        var presses = 0
        while session.state.article.anchor.block < 3, presses < 20 {
            session.type("j")
            presses += 1
        }
        let anchor = session.state.article.anchor
        #expect(anchor.block == 3)
        session.type("J")
        #expect(session.effects.contains(.saveReadingPosition(id: first.id, anchor: anchor, paragraph: 4)))
    }
}
