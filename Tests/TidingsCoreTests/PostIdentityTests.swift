import Testing

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
}
