import Testing
import TidingsCore
import TidingsTestSupport

/// The query parser: every construct of docs/search.md, and hostile input.
@Suite struct SearchQueryTests {
    typealias Term = SearchQuery.Term

    /// The query's clauses in the query language, one string per clause.
    private func clauses(_ query: SearchQuery) -> [String] {
        query.clauses.map {
            $0.map {
                ($0.inTitle ? "title:" : "") + ($0.isPhrase ? "\"\($0.text)\"" : $0.text) + ($0.isPrefix ? "*" : "")
            }.joined(separator: "|")
        }
    }

    @Test func wordsMustAllMatch() {
        let query = SearchQuery("kim  jong   un")
        #expect(clauses(query) == ["kim", "jong", "un"])
        #expect(query.excluded.isEmpty && query.filters.isEmpty && query.hints.isEmpty)
        #expect(query.understood == "kim jong un")
        #expect(query.hasPositiveTerms)
    }

    @Test func theWordBeingTypedIsAPrefix() {
        #expect(clauses(SearchQuery("kim jo", typing: true)) == ["kim", "jo*"])
        // A space after the last word means it is finished.
        #expect(clauses(SearchQuery("kim jo ", typing: true)) == ["kim", "jo"])
        // Not live: no prefix, unless asked for with *.
        #expect(clauses(SearchQuery("kim jo")) == ["kim", "jo"])
        #expect(clauses(SearchQuery("kor* un")) == ["kor*", "un"])
        #expect(SearchQuery("kor*").clauses[0][0].segments == [.words(["kor"], prefix: true)])
        // An unclosed phrase being typed ends in a prefix; a closed one does not.
        #expect(clauses(SearchQuery("\"kim jo", typing: true)) == ["\"kim jo\"*"])
        #expect(clauses(SearchQuery("\"kim jo\"", typing: true)) == ["\"kim jo\""])
        #expect(clauses(SearchQuery("title:sum", typing: true)) == ["title:sum*"])
        // An exclusion being typed is not a prefix: `-k` must not hide every word in k.
        #expect(SearchQuery("kim -mis", typing: true).excluded == [Term(text: "mis")])
    }

    @Test func phrasesExclusionsAndAlternatives() {
        let query = SearchQuery("\"human rights\" -missile -\"state media\" seoul OR pyongyang OR busan")
        #expect(clauses(query) == ["\"human rights\"", "seoul|pyongyang|busan"])
        #expect(query.excluded == [Term(text: "missile"), Term(text: "state media", isPhrase: true)])
        #expect(query.understood == "\"human rights\" (seoul OR pyongyang OR busan) -missile -\"state media\"")
        #expect(query.hints.isEmpty)
        #expect(SearchQuery("kim NOT missile").excluded == [Term(text: "missile")])
        // Lowercase `or` and `not` are words.
        #expect(clauses(SearchQuery("war or peace")) == ["war", "or", "peace"])
        // Curly quotes from a phone keyboard work as quotes.
        #expect(clauses(SearchQuery("“north korea”")) == ["\"north korea\""])
    }

    @Test func fields() {
        let query = SearchQuery(
            "title:summit title:\"kim jong\" author:holloway outlet:\"daily nk\" source:bbc category:Economy -tag:sports"
        )
        #expect(clauses(query) == ["title:summit", "title:\"kim jong\""])
        #expect(
            query.filters == [
                .init(field: .author, value: "holloway"), .init(field: .outlet, value: "daily nk"),
                .init(field: .outlet, value: "bbc"), .init(field: .category, value: "Economy"),
                .init(field: .tag, value: "sports", isExcluded: true),
            ])
        #expect(
            query.understood.hasSuffix("author:holloway outlet:\"daily nk\" outlet:bbc category:Economy -tag:sports"))
        // Field names ignore case; `title: word` with a space still scopes the word.
        #expect(clauses(SearchQuery("TITLE:summit")) == ["title:summit"])
        #expect(clauses(SearchQuery("title: summit talks")) == ["title:summit", "talks"])
        // Unknown fields are just words (the colon separates them).
        #expect(clauses(SearchQuery("http://example.com")) == ["http://example.com"])
        #expect(
            SearchQuery("http://example.com").clauses[0][0].segments == [
                .words(["http", "example", "com"], prefix: false)
            ])
    }

    @Test func fieldsWithoutValuesAreHinted() {
        let alone = SearchQuery("title:")
        #expect(alone.isEmpty)
        #expect(alone.hints == ["‘title:’ needs a word"])
        #expect(SearchQuery("kim author:").hints == ["‘author:’ needs a name"])
        #expect(SearchQuery("title: OR kim").hints.contains("‘title:’ needs a word"))
        #expect(SearchQuery("author:*").hints == ["‘author:’ needs a name"])
        #expect(clauses(SearchQuery("title: author:kim")) == [])
    }

    @Test func wordsAreSplitLikeTheIndexSplitsThem() {
        let term = SearchQuery("tête-à-tête").clauses[0][0]
        #expect(term.segments == [.words(["tête", "à", "tête"], prefix: false)])
        #expect(SearchText.fold("DÉTENTE") == "detente")
        #expect(SearchText.fold("Tête-à-Tête Zürich São ÅNGSTRÖM naïve") == "tete-a-tete zurich sao angstrom naive")
        #expect(SearchText.fold("e\u{301}te\u{301}") == "ete")
        #expect(
            SearchText.tokens(in: "North Korea's 2019 \"summit\"—in Hanoi") == [
                "North", "Korea", "s", "2019", "summit", "in", "Hanoi",
            ])
    }

    @Test func koreanRunsBecomeSubstringSegments() {
        #expect(SearchQuery("정은").clauses[0][0].segments == [.hangul("정은")])
        #expect(SearchQuery("김정은이").clauses[0][0].segments == [.hangul("김정은이")])
        // One syllable: a prefix at word starts and inside Korean words.
        #expect(SearchQuery("정").clauses[0][0].segments == [.syllable("정")])
        // Mixed phrases keep their ordinary words together.
        #expect(
            SearchQuery("\"kim jong 김정은 visit\"").clauses[0][0].segments
                == [.words(["kim", "jong"], prefix: false), .hangul("김정은"), .words(["visit"], prefix: false)])
        // A word mixing scripts stays an ordinary word.
        #expect(SearchQuery("K팝").clauses[0][0].segments == [.words(["K팝"], prefix: false)])
    }

    @Test func operatorsOutOfPlaceAreIgnoredWithHints() {
        #expect(SearchQuery("AND").isEmpty)
        #expect(SearchQuery("kim AND moon").hints == ["‘AND’ is implied between words"])
        #expect(clauses(SearchQuery("kim AND moon")) == ["kim", "moon"])
        #expect(SearchQuery("OR kim").hints == ["‘OR’ needs a word on each side"])
        #expect(SearchQuery("kim OR").hints == ["‘OR’ needs a word on each side"])
        #expect(SearchQuery("kim OR author:x").hints == ["‘OR’ needs a word on each side"])
        #expect(SearchQuery("kim NOT").hints == ["‘NOT’ needs a word after it"])
        #expect(SearchQuery("-").hints == ["‘-’ needs a word right after it"])
        #expect(SearchQuery("kim - moon").hints == ["‘-’ needs a word right after it"])
        // NEAR is not an operator here: it is the word "near".
        #expect(clauses(SearchQuery("NEAR(kim moon)")) == ["NEAR(kim", "moon)"])
        #expect(SearchQuery("* : ( )").isEmpty)
        #expect(SearchQuery("(").hints == ["‘(’ ignored: no letters or digits"])
    }

    @Test func unbalancedQuotesAreClosed() {
        let query = SearchQuery("\"north korea")
        #expect(clauses(query) == ["\"north korea\""])
        #expect(query.hints == ["unbalanced quote closed"])
        #expect(SearchQuery("\"").isEmpty)
        #expect(SearchQuery("\"").hints == ["unbalanced quote closed"])
        #expect(clauses(SearchQuery("kim\"jong un\" x")) == ["kim", "\"jong un\"", "x"])
    }

    @Test func controlCharactersAreRemovedFirst() {
        let query = SearchQuery("kim\u{0}jong\u{1B}[2J\u{7}\tun\u{202E}gnal\u{AD}ki")
        #expect(query.text == "kim jong [2J  ungnalki")
        #expect(clauses(query) == ["kim", "jong", "[2J", "ungnalki"])
        #expect(!query.understood.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x202E })
    }

    @Test func longInputIsCapped() {
        let long = SearchQuery(String(repeating: "a", count: 10_000))
        #expect(long.text.count == SearchQuery.maximumLength)
        #expect(long.hints == ["query cut to 512 characters"])
        let many = SearchQuery((1...100).map { "w\($0)" }.joined(separator: " "))
        #expect(many.clauses.count == SearchQuery.maximumTerms)
        #expect(many.hints == ["only the first 32 terms are used"])
    }

    @Test func randomHostileStringsNeverCrashTheParser() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            let text = SearchQueryTests.hostileString(&random)
            let query = SearchQuery(text, typing: random.next(2) == 0)
            #expect(query.text.count <= SearchQuery.maximumLength)
            #expect(
                query.clauses.flatMap { $0 }.count + query.excluded.count + query.filters.count
                    <= SearchQuery.maximumTerms)
            for term in query.positiveTerms + query.excluded {
                #expect(!term.segments.isEmpty, "\(text.debugDescription)")
            }
            #expect(!query.understood.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
            _ = SearchHighlighter(query).matches(in: text, isTitle: true)
        }
    }

    /// A string from an alphabet of the characters most likely to upset a query language.
    static func hostileString(_ random: inout SplitMix64) -> String {
        let alphabet: [String] = [
            "\u{0}", "\"", "\"", "*", ":", "-", "(", ")", " ", " ", "a", "kim", "OR", "AND",
            "NOT", "NEAR", "title:", "author:", "^", "+", "'", "\\", "김", "정은", "é", "e\u{301}",
            "🙂", "👩‍👩‍👧", "\u{1B}[31m", "\u{202E}", "\u{FEFF}", "\t", "\n", "{", "}", ",", ".",
            "“", "”", "ß", "İ", "0", "NEAR(", "col:", "_", "%",
        ]
        let length = random.next(40)
        return (0..<length).map { _ in alphabet[random.next(alphabet.count)] }.joined()
    }
}
