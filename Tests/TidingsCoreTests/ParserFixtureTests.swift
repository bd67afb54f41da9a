import Testing
import TidingsTestSupport

@testable import TidingsCore

@Suite struct ParserFixtureTests {
    @Test func basicPage() throws {
        let page = try Fixture.page("basic.txt")
        #expect(page.header == .category("Diplomacy"))
        #expect(page.diagnostics.isEmpty)
        #expect(
            page.titles == [
                "Liaison office reopens in Kaesong after a year of silence",
                "Foreign ministers agree to meet again before the end of the year",
                "Railway survey team crosses the border for the first time in a decade",
            ])
        #expect(page.postLines == [3, 13, 21])
        #expect(page.outlets == ["Yonhap", "Reuters", "BBC"])
        #expect(page.posts.map(\.paragraphs.count) == [2, 1, 2])
        #expect(page.posts.allSatisfy { $0.categories == ["Diplomacy"] })
        #expect(page.posts[1].date == PostDate(year: 2019, month: 6, day: 4))
        #expect(page.posts[1].authors == ["Jane Holloway"])
        #expect(page.posts.map(\.id) == ["gh2pembv7ehd", "v2fgdd2b6g38", "xaszy4adfc2p"])
    }

    @Test func pageWithoutHeader() throws {
        let page = try Fixture.page("no-header.txt")
        #expect(page.header == nil)
        #expect(page.postLines == [1, 9])
        #expect(page.outlets == ["NK News", "Reuters"])
        #expect(page.posts.allSatisfy { $0.categories.isEmpty && $0.authors.isEmpty && $0.tags.isEmpty })
    }

    @Test(arguments: [
        ("header-tag.txt", PageHeader.tag("Sanctions")),
        ("header-author-archives.txt", PageHeader.author("Min-jun Park")),
        ("header-author.txt", PageHeader.author("Jane Holloway")),
        ("header-monthly.txt", PageHeader.dateArchive("May 2019")),
        ("header-search.txt", PageHeader.searchResults("rice prices")),
    ])
    func headerForms(file: String, header: PageHeader) throws {
        let page = try Fixture.page(file)
        #expect(page.header == header)
        #expect(page.posts.count == 2)
        #expect(page.diagnostics.isEmpty)
    }

    @Test func headerLabels() throws {
        #expect(
            try Fixture.page("header-tag.txt").posts.allSatisfy { $0.tags == ["Sanctions"] && $0.categories.isEmpty })
        let archives = try Fixture.page("header-author-archives.txt")
        #expect(archives.posts.allSatisfy { $0.authors == ["Min-jun Park"] })
        #expect(archives.posts[1].date == PostDate(year: 2019, month: 5, day: 10))
        let author = try Fixture.page("header-author.txt")
        #expect(author.posts[1].authors == ["Daniel Okafor", "Jane Holloway"])
        for file in ["header-monthly.txt", "header-search.txt"] {
            let page = try Fixture.page(file)
            #expect(
                page.posts.allSatisfy {
                    $0.categories.isEmpty && $0.tags.isEmpty && $0.authors.isEmpty && $0.date == nil
                })
        }
    }

    @Test func byteOrderMarkIsDropped() throws {
        let page = try Fixture.page("bom.txt")
        #expect(page.encoding == .utf8)
        #expect(page.diagnostics.isEmpty)
        #expect(page.header == .category("Economy"))
        #expect(page.titles == ["Currency traders return to the markets of Hyesan"])
        #expect(!page.posts[0].paragraphs.joined().unicodeScalars.contains("\u{FEFF}"))
    }

    @Test(arguments: ["crlf.txt", "cr-only.txt", "no-final-newline.txt"])
    func lineEndings(file: String) throws {
        let page = try Fixture.page(file)
        #expect(page.posts.count == 2)
        #expect(page.diagnostics.isEmpty)
        let all = page.posts.flatMap { [$0.title] + $0.paragraphs + [$0.outlet ?? ""] + $0.categories + $0.authors }
        #expect(!all.contains { $0.contains("\r") || $0.contains("\n") })
    }

    @Test func crlfDetails() throws {
        let page = try Fixture.page("crlf.txt")
        #expect(page.postLines == [3, 13])
        #expect(page.posts[0].date == PostDate(year: 2019, month: 7, day: 2))
        #expect(page.posts[0].authors == ["Hye-jin Lee"])
        #expect(page.outlets == ["Yonhap", "Al Jazeera"])
    }

    @Test func noBreakSpaces() throws {
        let page = try Fixture.page("nbsp.txt")
        #expect(page.posts.count == 2)
        #expect(
            page.posts[0].paragraphs == [
                "The troupe performed in eleven cities and drew large crowds, its organisers said.",
                "Acrobats and trapeze artists made up most of the programme.",
            ])
        #expect(page.posts[0].date == PostDate(year: 2019, month: 6, day: 1))
        #expect(page.posts[0].outlet == "Yonhap")
        #expect(page.posts[1].date == nil && page.posts[1].authors.isEmpty)
        let all = page.posts.flatMap { [$0.title] + $0.paragraphs + [$0.outlet ?? ""] }
        #expect(!all.contains { $0.unicodeScalars.contains("\u{00A0}") })
    }

    @Test func latin1AndWindows1252() throws {
        let latin = try Fixture.page("latin1.txt")
        #expect(latin.encoding == .latin1)
        #expect(latin.messages == ["latin1.txt: warning: not valid UTF-8; read as ISO-8859-1 (Latin-1)"])
        #expect(latin.titles == ["Café talks in Zürich end without a deal"])
        let body = latin.posts[0].paragraphs.joined(separator: " ")
        for word in ["café", "façade", "£2 million", "à huis clos"] { #expect(body.contains(word)) }

        let windows = try Fixture.page("cp1252.txt")
        #expect(windows.encoding == .windows1252)
        #expect(windows.messages == ["cp1252.txt: warning: not valid UTF-8; read as Windows-1252"])
        #expect(windows.titles == ["Seoul and Tokyo agree on a \u{201C}hotline\u{201D} for incidents at sea"])
        #expect(
            windows.posts[0].paragraphs[1]
                == "It will be tested in the 2019\u{2013}2020 winter season, the coast guard\u{2019}s spokesman said.")
    }

    @Test func outlets() throws {
        let doubled = try Fixture.page("doubled-bracket.txt")
        #expect(doubled.outlets == ["Bloomberg", "The Guardian", "NK News"])
        #expect(doubled.posts.allSatisfy { $0.paragraphs.count == 1 && !$0.paragraphs[0].contains("[") })
        let none = try Fixture.page("no-outlet.txt")
        #expect(none.outlets == [nil, "NK News"])
        #expect(none.posts[0].paragraphs.count == 2)
        let middle = try Fixture.page("outlet-only-last.txt")
        #expect(middle.outlets == ["Reuters", nil])
        #expect(middle.posts[0].paragraphs.count == 3)
        #expect(middle.posts[0].paragraphs[1].hasPrefix("[Editor’s note:"))
        #expect(middle.posts[1].paragraphs[0].hasPrefix("[Updated] Officials later confirmed"))
    }

    @Test func postedLineVariants() throws {
        let page = try Fixture.page("posted-variants.txt")
        #expect(page.postLines == [1, 9, 17, 25])
        #expect(
            page.posts.map(\.date) == [
                nil, PostDate(year: 2019, month: 5, day: 10), nil, PostDate(year: 2019, month: 5, day: 10),
            ])
        #expect(page.posts.map(\.authors) == [[], [], ["Sofia Brandt"], ["Sofia Brandt"]])
        #expect(page.diagnostics.isEmpty)
    }

    @Test func strayTextAndPagination() throws {
        let page = try Fixture.page("stray-and-pagination.txt")
        #expect(page.header == .category("Border"))
        #expect(page.postLines == [7, 17, 28])
        #expect(page.posts.allSatisfy { $0.paragraphs.count == 1 })
        #expect(page.outlets == ["Daily NK", "Radio Free Asia", "Reuters"])
        #expect(page.diagnostics.isEmpty)
        let text = page.posts.flatMap(\.paragraphs).joined()
        #expect(!text.contains("Older") && !text.contains("Newer"))
    }

    @Test func multilineParagraph() throws {
        let page = try Fixture.page("multiline-paragraph.txt")
        #expect(page.posts[0].paragraphs.count == 2)
        #expect(
            page.posts[0].paragraphs[0]
                == "The state symphony orchestra performed works by Tchaikovsky and Rachmaninov at a concert hall in the capital on Saturday evening."
        )
    }

    @Test func titleWithoutBodyIsAnErrorAndOthersAreKept() throws {
        let page = try Fixture.page("title-no-body.txt")
        #expect(page.postLines == [3, 15])
        #expect(
            page.messages == [
                "title-no-body.txt:11: error: post “Cement factory promises to double its output” has a title but no body; skipped"
            ])
    }

    @Test func postedLineWithoutTitle() throws {
        let page = try Fixture.page("posted-no-title.txt")
        #expect(page.postLines == [7])
        #expect(page.diagnostics.count == 1)
        #expect(page.messages[0].hasPrefix("posted-no-title.txt:1: error: “Posted on” line without a title above it"))
    }

    @Test(arguments: [
        ("empty.txt", "empty.txt: error: empty file"),
        ("blank-only.txt", "blank-only.txt: error: no posts found: the file is blank"),
        ("no-posts.txt", "no-posts.txt: error: no posts found: no “Posted on … by …” line"),
        ("binary.bin", "binary.bin: error: binary file (NUL byte at offset 17); not an archive page"),
    ])
    func unreadableFiles(file: String, message: String) throws {
        let page = try Fixture.page(file)
        #expect(page.posts.isEmpty)
        #expect(page.messages == [message])
        #expect(page.hasErrors)
    }

    @Test func sharedStoriesHaveTheSameIds() throws {
        let a = try Fixture.page("shared-a.txt")
        let b = try Fixture.page("shared-b.txt")
        #expect(a.posts.map(\.id) == ["q8z9mh4rjbcq", "fg2t4qt2v3vj", "nczkh3z67h8v"])
        #expect(b.posts.map(\.id) == ["q8z9mh4rjbcq", "fg2t4qt2v3vj", "apxs5035q7bw"])
        #expect(Set(a.posts.map(\.id) + b.posts.map(\.id)).count == 4)
    }

    @Test func hostileTextIsKeptAsWritten() throws {
        let page = try Fixture.page("hostile.txt")
        #expect(page.diagnostics.isEmpty)
        #expect(page.posts[0].title == "Markets reopen\u{1B}[2J in Sinuiju after the flood")
        #expect(page.posts[0].outlet == "NK\u{1B}c News")
        #expect(page.posts[0].paragraphs.joined().contains("\u{1B}]0;pwned\u{07}"))
    }

    @Test func hangul() throws {
        let page = try Fixture.page("hangul.txt")
        #expect(page.header == .category("북한 정치"))
        #expect(page.titles == ["김정은 위원장, 평양에서 새해 연설", "Markets in 신의주 reopen after the summer floods"])
        #expect(page.outlets == ["연합뉴스", "Daily NK"])
        #expect(page.posts[1].authors == ["박민준"])
    }

    @Test func dates() throws {
        let page = try Fixture.page("dates.txt")
        let may10 = PostDate(year: 2019, month: 5, day: 10)
        let dec2 = PostDate(year: 2019, month: 12, day: 2)
        let sept5 = PostDate(year: 2018, month: 9, day: 5)
        #expect(page.posts.map(\.date) == [may10, dec2, sept5, may10, may10, dec2, nil])
        #expect(page.messages.count == 1)
        #expect(page.messages[0].hasPrefix("dates.txt:53: warning: could not read the date “February 30, 2020”"))
    }

    @Test func neverCrashesOnArbitraryBytes() {
        var random = SplitMix64(seed: 7)
        let alphabet: [UInt8] =
            Array("Posted on by [BBC]\n\r \u{00A0}Category: x\n".utf8) + [0xFF, 0xC3, 0x80, 0x1B, 0xE2]
        for _ in 0..<2_000 {
            let bytes = (0..<random.next(300)).map { _ in alphabet[random.next(alphabet.count)] }
            let page = ArchiveParser.parse(bytes: bytes, file: "random")
            #expect(page.posts.count <= bytes.count)
        }
    }
}
