import Testing
import TidingsCore

@testable import TidingsWeb

@Suite("Documents that give no posts: one clear error naming the URL")
struct WebContentErrorTests {
    private func error(_ bytes: [UInt8], url: String, contentType: String? = nil) -> WebContentError? {
        do {
            _ = try WebDocumentReader.read(bytes, url: url, contentType: contentType)
            return nil
        } catch {
            return error
        }
    }

    @Test("malformed XML names the line and the parser's reason")
    func malformed() throws {
        let url = FixtureSite.url("bad/malformed.xml")
        let failure = try #require(error(try FixtureSite.bytes("bad/malformed.xml"), url: url))
        #expect(failure.url == url)
        #expect(failure.line == 11)
        #expect(failure.reason.hasPrefix("malformed XML at line 11: "))
        #expect(failure.description.hasPrefix(url + ": malformed XML"))
        #expect(
            failure.diagnostic.line == 11 && failure.diagnostic.file == url && failure.diagnostic.severity == .error)
    }

    @Test("an unknown character set, from the prolog, the HTTP header or a meta tag")
    func unknownCharset() throws {
        let url = FixtureSite.url("bad/unknown-charset.xml")
        let prolog = try #require(error(try FixtureSite.bytes("bad/unknown-charset.xml"), url: url))
        #expect(prolog.reason == "unknown character set “x-tidings-unheard-of”")
        #expect(prolog.url == url)
        let header = try #require(
            error(Array("<rss/>".utf8), url: "http://127.0.0.1:1/h", contentType: "text/xml; charset=\"x-foo\""))
        #expect(header.reason == "unknown character set “x-foo”")
        let meta = try #require(
            error(
                Array(
                    "<html><head><meta charset=\"klingon-8\"></head><body><article><h2 class=entry-title>T</h2></article></body></html>"
                        .utf8),
                url: "http://127.0.0.1:1/m"))
        #expect(meta.reason == "unknown character set “klingon-8”")
    }

    @Test("a page with no posts, an empty body, binary noise, JSON: neither a feed nor a page with posts")
    func noPosts() throws {
        let url = FixtureSite.url("bad/no-posts.html")
        let page = try #require(error(try FixtureSite.bytes("bad/no-posts.html"), url: url))
        #expect(page.reason == "neither a feed nor an archive page with posts")
        #expect(page.url == url)
        #expect(error([], url: "http://127.0.0.1:1/e")?.reason == "empty document")
        #expect(error(Array(" \n\t ".utf8), url: "http://127.0.0.1:1/e")?.reason == "empty document")
        let noise = (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }
        #expect(error(noise, url: "http://127.0.0.1:1/n")?.reason == "neither a feed nor an archive page with posts")
        #expect(error(Array("{\"items\": []}".utf8), url: "http://127.0.0.1:1/j")?.url == "http://127.0.0.1:1/j")
    }

    @Test("kind comes from content: a feed named .html and a page named .xml")
    func kindByContent() throws {
        let feed = try WebDocumentReader.read(
            try FixtureSite.bytes("feed/index.xml"), url: "http://127.0.0.1:1/page.html", contentType: "text/html")
        #expect(feed.kind == .feed)
        let page = try WebDocumentReader.read(
            try FixtureSite.bytes("index.html"), url: "http://127.0.0.1:1/feed.xml", contentType: "application/rss+xml")
        #expect(page.kind == .pages)
    }

    @Test("an HTML page's meta charset is honoured when HTTP names none; undeclared Latin-1 warns")
    func metaCharset() throws {
        var bytes = Array(
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\"></head><body><article><h2 class=\"entry-title\">Caf"
                .utf8)
        bytes += [0xE9]
        bytes +=
            Array("</h2><div class=\"entry-content\"><p>na".utf8) + [0xEF]
            + Array("ve</p></div></article></body></html>".utf8)
        let document = try WebDocumentReader.read(bytes, url: "http://127.0.0.1:1/meta", contentType: "text/html")
        #expect(document.posts.first?.title == "Café")
        #expect(document.posts.first?.paragraphs == ["naïve"])
        #expect(document.diagnostics.isEmpty)

        let undeclared = Array("<article><h2 class=\"entry-title\">Caf".utf8) + [0xE9] + Array("</h2></article>".utf8)
        let guessed = try WebDocumentReader.read(undeclared, url: "http://127.0.0.1:1/guess", contentType: nil)
        #expect(guessed.posts.first?.title == "Café")
        #expect(guessed.diagnostics.first?.severity == .warning)
        #expect(guessed.diagnostics.first?.file == "http://127.0.0.1:1/guess")
    }

    @Test("a UTF-16 feed with a byte order mark")
    func utf16() throws {
        let xml =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?><rss><channel><title>Sixteen</title><item><title>평양</title></item></channel></rss>"
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in xml.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let document = try WebDocumentReader.read(bytes, url: "http://127.0.0.1:1/u16", contentType: nil)
        #expect(document.posts.first?.title == "평양")
    }
}
