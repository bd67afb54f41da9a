import Testing

@testable import TidingsWeb

@Suite("HTML to paragraphs")
struct ParagraphConverterTests {
    private func paragraphs(_ html: String) -> [String] { HTMLFragment.paragraphs(html) }

    @Test("block elements are paragraphs, however they nest")
    func nestedBlocks() {
        #expect(paragraphs("<div>one<div>two <p>three</p></div>four</div>") == ["one", "two", "three", "four"])
        #expect(
            paragraphs("<blockquote><p>quoted</p></blockquote><h3>Head</h3><ol><li>a</li><li>b</li></ol>")
                == ["quoted", "Head", "a", "b"])
        #expect(
            paragraphs("<section><article><header><h1>T</h1></header><p>Body</p></article></section>") == ["T", "Body"])
    }

    @Test("unclosed and misnested tags recover like a browser")
    func unclosed() {
        #expect(paragraphs("<p>one<p>two<ul><li>three<li>four</ul>five") == ["one", "two", "three", "four", "five"])
        #expect(paragraphs("<p><b>bold <i>both</b> italic</i> end") == ["bold both italic end"])
        #expect(paragraphs("<p>unterminated <a href='x") == ["unterminated"])
    }

    @Test("entities are decoded: named, decimal, hexadecimal, no-break spaces")
    func entities() {
        #expect(
            paragraphs("<p>Caf&eacute; &amp; tea&#8217;s&nbsp;menu &#x263A; &lt;b&gt; &quot;q&quot; &hellip;</p>")
                == ["Café & tea’s menu ☺ <b> \"q\" …"])
        #expect(paragraphs("<p>&amp;amp; stays one level deep</p>") == ["&amp; stays one level deep"])
    }

    @Test("scripts, styles, frames, forms, comments and images vanish")
    func removed() {
        let html = """
            <p>before<!-- hidden comment --> after</p>
            <script>var x = "SCRIPT";</script><style>p { color: red }</style>
            <iframe src="https://example.org/">IFRAME</iframe><noscript>NOSCRIPT</noscript>
            <form><label>FORM</label><input value="INPUT"><textarea>TEXTAREA</textarea><button>BUTTON</button></form>
            <p>inline <img src="a.png" alt="ALT"> image <object>OBJECT</object><svg><text>SVG</text></svg></p>
            """
        #expect(paragraphs(html) == ["before after", "inline image"])
    }

    @Test("links keep their text")
    func links() {
        #expect(
            paragraphs("<p>Read <a href=\"/x\">the <em>full</em> report</a>, here.</p>") == [
                "Read the full report, here."
            ])
    }

    @Test("one <br> joins lines with a space; two or more end the paragraph")
    func breaks() {
        #expect(
            paragraphs("first line<br>second line<br/><br />third<br>\n  <br>\n<br>fourth<br>")
                == ["first line second line", "third", "fourth"])
        #expect(paragraphs("<p>a<br><br></p><p>b</p>") == ["a", "b"])
    }

    @Test("table rows are paragraphs, cells separated by spaces")
    func tables() {
        #expect(
            paragraphs(
                "<table><caption>Prices</caption><tr><th>Item</th><th>Won</th></tr><tr><td>Rice</td><td>5,000</td></tr></table>"
            )
                == ["Prices", "Item Won", "Rice 5,000"])
    }

    @Test("white space collapses; pre keeps its blank lines as paragraph breaks")
    func whitespace() {
        #expect(paragraphs("  <p>\n\t spaced \n  out\u{00A0}\u{00A0}text  </p>\n\n") == ["spaced out text"])
        #expect(paragraphs("<pre>line one\nline two\n\n  line three</pre>") == ["line one line two", "line three"])
        #expect(paragraphs("   \n ") == [])
        #expect(paragraphs("<p></p><div> </div>") == [])
    }

    @Test("control characters and escape bytes never come out raw")
    func controls() {
        let html = "<p>red \u{1B}[31mtext\u{07} bell &#27;[2J &#155;6n \u{7F} del \u{85} next</p><p>tab\there</p>"
        let result = paragraphs(html)
        let scalars = result.joined().unicodeScalars
        #expect(!scalars.contains { $0.value < 0x20 || ($0.value >= 0x7F && $0.value <= 0x9F) })
        #expect(result.first?.contains("red") == true && result.first?.contains("text") == true)
        #expect(result.last == "tab here")
        #expect(WebText.line("a\u{1B}b\u{9B}c\u{00}d") == "abcd")
    }

    @Test("deep nesting: read in full to a sane depth; absurd depth neither crashes nor loses what came before")
    func deepNesting() {
        func nested(_ depth: Int) -> String {
            "<p>before</p>" + String(repeating: "<div><span>", count: depth) + "deep"
                + String(repeating: "</span></div>", count: depth) + "<p>after</p>"
        }
        #expect(paragraphs(nested(100)) == ["before", "deep", "after"])
        // libxml2 stops an HTML document at 256 open elements; what came before is kept.
        #expect(paragraphs(nested(20_000)).first == "before")
    }

    @Test("plain text: blank lines separate paragraphs, lines join")
    func plain() {
        #expect(WebText.paragraphs(plain: "one\r\ntwo\n\n\nthree\r\rfour") == ["one two", "three", "four"])
    }
}
