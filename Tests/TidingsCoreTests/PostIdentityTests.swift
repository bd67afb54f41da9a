import Testing
import TidingsTestSupport

@testable import TidingsCore

@Suite struct PostIdentityTests {
    @Test func idIsTwelveBase32Characters() {
        let id = PostIdentity.id(title: "A title", outlet: "BBC", paragraphs: ["Body."])
        #expect(id.count == 12)
        #expect(id.allSatisfy { "0123456789abcdefghjkmnpqrstvwxyz".contains($0) })
    }

    @Test func idIsPinned() {
        // Pinned: a change here changes every user's post ids and orphans their bookmarks.
        // sha256("abc" + U+001F), first 60 bits in Crockford base32, checked with Python's hashlib.
        #expect(PostIdentity.id(title: "abc", outlet: nil, paragraphs: []) == "tqmjcyajpe5j")
    }

    @Test func caseAndWhiteSpaceDoNotMatter() {
        let a = PostIdentity.id(title: "Talks  resume in\u{00A0}Geneva", outlet: "BBC", paragraphs: ["One two.\tThree"])
        let b = PostIdentity.id(title: " talks resume in geneva ", outlet: "bbc", paragraphs: ["one two. three"])
        #expect(a == b)
        let accented = PostIdentity.id(title: "DÉTENTE", outlet: nil, paragraphs: ["x"])
        #expect(accented == PostIdentity.id(title: "détente", outlet: nil, paragraphs: ["x"]))
    }

    @Test func contentDifferencesMatter() {
        let base = PostIdentity.id(title: "T", outlet: "BBC", paragraphs: ["a", "b"])
        #expect(base != PostIdentity.id(title: "T", outlet: "CNN", paragraphs: ["a", "b"]))
        #expect(base != PostIdentity.id(title: "T", outlet: "BBC", paragraphs: ["a b"]))
        #expect(base != PostIdentity.id(title: "T", outlet: nil, paragraphs: ["a", "b"]))
        #expect(base != PostIdentity.id(title: "T2", outlet: "BBC", paragraphs: ["a", "b"]))
    }

    /// Every post id of the parser fixtures, as they were when SHA-256 moved from Swift to
    /// libcrypto (and as bookmarks hold them): ASCII, Latin-1, CP1252, no-break spaces and
    /// Hangul, one file at a time in page order.
    static let pinnedFixtureIDs: [String: String] = [
        "basic.txt": "gh2pembv7ehd v2fgdd2b6g38 xaszy4adfc2p",
        "bom.txt": "2c7a81r9mt36",
        "cp1252.txt": "sm4r9r52zk5s",
        "cr-only.txt": "ebf0gwv2kqg0 pfh72wk1e7gg",
        "crlf.txt": "169ek0mrt7yb n7z7m8wfsj46",
        "dates.txt": "6xtcx9xmhthj t6r71w9b0yrb n0hf3acy6xsk y0tryaqp1e3s 87qegk2ck1te 26s0yf87gnk5 0jnr07w9pwjx",
        "doubled-bracket.txt": "07w6e5fqpn18 5g9k5cjgqwrj x8f5xnr47j3e",
        "hangul.txt": "4a7jcaj0cyez p823pzmhfk5k",
        "header-author-archives.txt": "3k6x0yj0h1v4 11yr9q9vwgex",
        "header-author.txt": "xby7qv4emw46 ef3y73prya99",
        "header-monthly.txt": "17nxv3pbbsds 9dbptntsfy91",
        "header-search.txt": "v7yyd1j9aqrb hz7s15nnvxx8",
        "header-tag.txt": "sn1psedvfj0x vqxx409v52em",
        "hostile.txt": "zt7wfyjz2yr2 3r5mpw6xyxr4",
        "latin1.txt": "8tk3gp6drhx5",
        "multiline-paragraph.txt": "ntrw3465cv82",
        "nbsp.txt": "19xvbb9r8dn1 aznkzc1ad2xy",
        "no-final-newline.txt": "9y3ebfke2h5f g0f3zffvjynp",
        "no-header.txt": "aej1j6jkpqbr h8s04n0df8j9",
        "no-outlet.txt": "4yrgnm8853nn kxh510292k11",
        "outlet-only-last.txt": "8bgb406y64h0 qc4r29n5dqbf",
        "posted-no-title.txt": "6s8vwskb37gn",
        "posted-variants.txt": "zp82vtafrn93 4qmkdw3pn2nz 62q0620wat29 cnk6w34c2b6a",
        "shared-a.txt": "q8z9mh4rjbcq fg2t4qt2v3vj nczkh3z67h8v",
        "shared-b.txt": "q8z9mh4rjbcq fg2t4qt2v3vj apxs5035q7bw",
        "stray-and-pagination.txt": "38tjy598fnk3 hbkd49805wvc mf16byv9hk88",
        "title-no-body.txt": "gmax2c30sz2w tc892saj4kja",
    ]

    @Test func fixtureIDsArePinned() throws {
        for (name, ids) in PostIdentityTests.pinnedFixtureIDs {
            let page = try Fixture.page(name)
            #expect(page.posts.map(\.id).joined(separator: " ") == ids, "\(name)")
            for post in page.posts {
                #expect(post.id == PostIdentity.id(title: post.title, outlet: post.outlet, paragraphs: post.paragraphs))
            }
        }
    }

    @Test func whiteSpaceAtTheEdgesOfEachFieldIsDropped() {
        // Each field is trimmed on its own: a field's leading space is not a space between it
        // and the field before.
        let spaced = PostIdentity.id(title: "Title ", outlet: "\u{3000}BBC\t", paragraphs: [" one", "two\u{00A0}"])
        #expect(spaced == PostIdentity.id(title: "title", outlet: "bbc", paragraphs: ["one", "two"]))
        #expect(
            PostIdentity.id(title: "A", outlet: nil, paragraphs: [" "])
                == PostIdentity.id(title: "a", outlet: "", paragraphs: [""]))
    }

    @Test func foldingMatchesTheUnicodeScalarReading() {
        // The byte-wise reading of UTF-8 against the plain scalar-by-scalar definition, over
        // one-, two-, three- and four-byte characters, white space of each width and letters
        // whose lower case is longer than themselves.
        var samples = [
            "Ünïcödé ÀÉÎÕÜ", "İstanbul", "ΣΊΣΥΦΟΣ", "Straße", "김정은이 말했다", "𝐀𝐁 😀 X",
            "a\u{2003}b\u{2028}c\u{0085}d", "\u{FEFF}x", "ＡＢＣ", "Ǆ ǅ ǆ",
            "“Quoted” — dash‐hyphen…\u{2027}\u{2028}\u{2029}\u{200F}\u{2030} 가힣\u{D7A4}\u{ABFF}",
            String(repeating: "İ", count: 40) + " \u{212A}elvin",
        ]
        // ASCII words are folded eight bytes at a time where nothing but case changes: runs of
        // every kind of space, at every offset, on either side of such words.
        let pieces = [
            "a", "Z", "word", "WORD", " ", "  ", "\t", "\n", "\r\n", "\u{7F}", "\u{1}", "é", "İ", "\u{00A0}",
            "Mixed Case Text ", "eight888", "[Reuters]",
            // The edges of the A–Z test: the bytes either side of both ranges of letters.
            "@AZ[`az{",
        ]
        var random = SplitMix64(seed: 0x464F_4C44)
        samples += (0..<3_000).map { _ in (0..<random.next(12)).map { _ in pieces[random.next(pieces.count)] }.joined()
        }
        for sample in samples {
            var fast: [UInt8] = []
            PostIdentity.normalise(sample, into: &fast)
            #expect(fast == Self.plainForm(sample), "\(sample)")
        }
        // A post's fields share one buffer: each is read as if it were alone.
        for _ in 0..<500 {
            let fields = (0..<4).map { _ in (0..<random.next(8)).map { _ in pieces[random.next(pieces.count)] }.joined()
            }
            let form =
                Self.plainForm(fields[0]) + [0x1F] + Self.plainForm(fields[1]) + [0x1E] + Self.plainForm(fields[2])
                + [0x1E] + Self.plainForm(fields[3])
            #expect(
                PostIdentity.id(title: fields[0], outlet: fields[1], paragraphs: [fields[2], fields[3]])
                    == PostIdentity.base32(SHA256.hash(form), characters: PostIdentity.idLength), "\(fields)")
        }
    }

    /// The identity form by its definition, a scalar at a time.
    private static func plainForm(_ text: String) -> [UInt8] {
        var plain: [UInt8] = []
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !plain.isEmpty
                continue
            }
            if pendingSpace { plain.append(0x20) }
            pendingSpace = false
            let folded = scalar.properties.changesWhenCaseFolded ? scalar.properties.lowercaseMapping : String(scalar)
            plain.append(contentsOf: folded.utf8)
        }
        return plain
    }
}
