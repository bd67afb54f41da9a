import TidingsCore

/// Writes synthetic archive pages in the blog's format, the same for the same parameters.
///
/// For benchmarks and scale tests: `posts` stories over `pages` pages, titles of about 60
/// characters and about five paragraphs of about 300, words drawn with a Zipf-like skew so
/// that some words are in nearly half the posts and others are rare, some Hangul and accented
/// words, dates on most posts, and a share of stories repeated on an author page, as on the blog.
public struct CorpusGenerator: Sendable {
    public var posts: Int
    public var pages: Int
    public var seed: UInt64
    /// Fraction of posts that appear a second time, on an author page.
    public var sharedFraction = 0.05

    public init(posts: Int, pages: Int, seed: UInt64 = 1) {
        self.posts = max(0, posts)
        self.pages = max(1, min(pages, max(1, posts)))
        self.seed = seed
    }

    public static let categories = [
        "DPRK Government", "Human Rights", "Military", "Economy", "Refugees", "Diplomacy",
        "Culture", "Sports", "Technology", "Health", "Border", "Nuclear Programme",
    ]
    public static let authors = [
        "Grant Montgomery", "Jane Holloway", "Min-jun Park", "Élodie Marchand", "Tomás Ferreira",
        "Seo-yeon Kim", "Aidan Walsh", "Priya Raman", "Lars Eriksen", "Hye-jin Choi",
    ]
    public static let outlets = [
        "BBC", "Reuters", "NK News", "Yonhap", "AP", "NPR", "Le Monde", "The Guardian", "Daily NK",
        "CNN", "Bloomberg", "Korea JoongAng Daily", "South China Morning Post", "TIME", "UPI",
    ]

    /// The file name of page `index` (zero-padded so names sort in page order).
    public func fileName(ofPage index: Int) -> String {
        let digits = String(index)
        return "page-" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".txt"
    }

    /// How many stories page `index` introduces (the rest of its posts are shared copies).
    func storyRange(ofPage index: Int) -> Range<Int> {
        let base = posts / pages
        let extra = posts % pages
        let start = index * base + min(index, extra)
        return start..<(start + base + (index < extra ? 1 : 0))
    }

    /// The text of page `index`, built without holding any other page in memory.
    public func page(_ index: Int) -> String {
        let stories = storyRange(ofPage: index)
        let isAuthorPage = index % 5 == 4
        var text =
            isAuthorPage
            ? "Author Archives for \(CorpusGenerator.authors[index % CorpusGenerator.authors.count])\n\n"
            : "Category: \(CorpusGenerator.categories[index % CorpusGenerator.categories.count])\n\n"
        text.reserveCapacity(stories.count * 2_100)
        for story in stories {
            text += self.story(story)
        }
        // Author pages repeat a few stories of the page before, as the blog does.
        if isAuthorPage, index > 0 {
            let previous = storyRange(ofPage: index - 1)
            let count = Int(Double(previous.count) * sharedFraction * 5)
            for story in previous.prefix(count) { text += self.story(story) }
        }
        text += "← Older posts\n"
        return text
    }

    /// One story in archive form; story `n` is always the same text.
    public func story(_ n: Int) -> String {
        var random = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(n))
        var title = sentence(&random, minLength: 48, maxLength: 72, capitalise: true, terminator: "")
        title += " \(n)"  // keeps every generated title distinct, like real headlines
        let day = random.next(28) + 1
        let month = CorpusGenerator.months[random.next(12)]
        let year = 2015 + random.next(10)
        let dated = random.next(10) < 8
        let author = CorpusGenerator.authors[random.next(CorpusGenerator.authors.count)]
        var text = title + "\n\nPosted on " + (dated ? "\(month) \(day), \(year) " : "") + "by " + author + "\n\n"
        let paragraphCount = 3 + random.next(5)
        for _ in 0..<paragraphCount {
            text += paragraph(&random) + "\n\n"
        }
        text += "[" + CorpusGenerator.outlets[random.next(CorpusGenerator.outlets.count)] + "]\n\n"
        return text
    }

    private static let months = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    private func paragraph(_ random: inout SplitMix64) -> String {
        var text = ""
        let target = 200 + random.next(200)
        while text.count < target {
            if !text.isEmpty { text += " " }
            text += sentence(&random, minLength: 60, maxLength: 160, capitalise: true, terminator: ".")
        }
        return text
    }

    private func sentence(
        _ random: inout SplitMix64, minLength: Int, maxLength: Int, capitalise: Bool,
        terminator: String
    ) -> String {
        var text = ""
        let target = minLength + random.next(max(1, maxLength - minLength))
        while text.utf8.count < target {
            let word = Vocabulary.word(&random)
            if text.isEmpty, capitalise {
                text = word.prefix(1).uppercased() + word.dropFirst()
            } else {
                text += " " + word
            }
        }
        return text + terminator
    }
}

/// A small, fast, seedable random number generator (SplitMix64): same seed, same sequence.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in 0..<bound.
    public mutating func next(_ bound: Int) -> Int {
        Int(next() % UInt64(max(1, bound)))
    }
}
