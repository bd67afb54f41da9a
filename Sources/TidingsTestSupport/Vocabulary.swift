/// The words generated posts are made of, drawn with a Zipf-like skew.
///
/// A few hundred news words written for Tidings plus generated filler words, so that the
/// commonest words appear in about half the posts and the filler ones in very few: the shape
/// full-text search meets in real archives.
enum Vocabulary {
    static let common: [String] = """
        the of and to in a said that on for with as was by north korea korean it from at its is \
        talks government officials pyongyang seoul leader which has have been would but were \
        sanctions summit military week after state media not be an they their this who will more \
        about also than over missile nuclear border china united states president kim defectors \
        report human rights economic aid food trade market markets news agency launch satellite \
        launcher parade army troops navy minister ministry foreign unification envoy diplomats \
        negotiations talks agreement deal statement meeting visit delegation negotiator country \
        people families workers farmers factory city province region village river coast port \
        fishing harvest winter summer drought flood electricity fuel coal prices currency won \
        dollars exports imports smuggling refugees camp prison security police surveillance \
        phones internet radio television broadcast propaganda song film football athletes games \
        olympics hospital doctors medicine vaccine students school university teachers children \
        women soldiers officers general commander ceremony anniversary celebration mass games \
        railway road bridge tunnel airport flight ship cargo vessel container inspection \
        researchers analysts experts satellite imagery photos images reported according sources \
        told reporters interview spokesman conference council resolution united nations security \
        détente café naïve tête-à-tête Zürich São Paulo Sémaphore résumé déjà entrée rôle \
        김정은 평양 조선중앙통신 장마당 개성 신의주 통일부 탈북자 원산 함흥
        """.split(separator: " ").map(String.init)

    private static let syllables = [
        "ka", "ro", "mi", "tan", "sel", "vo", "ren", "pa", "lu", "dor",
        "quin", "ze", "bra", "mo", "til", "gan", "os", "we", "ny", "har",
    ]

    /// Filler words of 2–4 syllables, generated once: many distinct, individually rare tokens.
    static let filler: [String] = {
        var random = SplitMix64(seed: 42)
        return (0..<6_000).map { _ in
            (0..<(2 + random.next(3))).map { _ in syllables[random.next(syllables.count)] }.joined()
        }
    }()

    /// A word: the commonest words far more often than the rest.
    static func word(_ random: inout SplitMix64) -> String {
        // Squaring a uniform draw skews towards index 0: rank-frequency falls off like Zipf's.
        if random.next(100) < 70 {
            let u = Double(random.next(1 << 20)) / Double(1 << 20)
            return common[Int(u * u * u * Double(common.count))]
        }
        return filler[random.next(filler.count)]
    }
}
