/// Words the way the full-text index sees them, for the query parser and the highlighter.
///
/// The index (FTS5 `unicode61`, diacritics removed) splits text on everything that is not a
/// letter, a digit or a private-use character and compares words without case or accents.
/// Tidings repeats that here in plain Swift so that the query builder knows which words a
/// query holds (and never sends the index an empty one), and so that the browser can mark
/// matches in titles and paragraphs with the same notion of a word, without a database.
public enum SearchText {
    /// A word of some text: its characters as written and folded, and where it stands.
    public struct Word: Hashable, Sendable {
        /// The word as written.
        public var text: String
        /// The word without case or accents, as the index compares it.
        public var folded: String
        /// Its position in the text, in `Character`s (grapheme clusters) from the start.
        public var characters: Range<Int>
        /// Each character's folded form, for marking only the typed part of a prefix match.
        public var foldedCharacters: [String]
    }

    /// Whether `character` belongs to a word: letters, digits and private-use characters.
    public static func isWordCharacter(_ character: Character) -> Bool {
        guard let first = character.unicodeScalars.first else { return false }
        switch first.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber, .privateUse:
            return true
        default:
            return false
        }
    }

    /// The words of `text` as written: `tête-à-tête` → `["tête", "à", "tête"]`.
    public static func tokens(in text: some StringProtocol) -> [String] {
        var tokens: [String] = []
        var current = ""
        for character in text {
            if isWordCharacter(character) {
                current.append(character)
            } else if !current.isEmpty {
                tokens.append(current)
                current = ""
            }
        }
        if !current.isEmpty { tokens.append(current) }
        return tokens
    }

    /// The words of `text` with their folded forms and positions (for marking matches).
    public static func words(in text: some StringProtocol) -> [Word] {
        var words: [Word] = []
        var offset = 0
        var start = 0
        var written = ""
        var folded: [String] = []
        func flush() {
            guard !written.isEmpty else { return }
            words.append(
                Word(
                    text: written, folded: folded.joined(), characters: start..<offset,
                    foldedCharacters: folded))
            written = ""
            folded = []
        }
        for character in text {
            if isWordCharacter(character) {
                if written.isEmpty { start = offset }
                written.append(character)
                folded.append(fold(character))
            } else {
                flush()
            }
            offset += 1
        }
        flush()
        return words
    }

    /// `text` without case or accents: `DÉTENTE` → `détente` → `detente`.
    public static func fold(_ text: some StringProtocol) -> String {
        var result = ""
        for character in text { result += fold(character) }
        return result
    }

    /// One character without case or accents; combining marks are dropped, so a decomposed
    /// `e` + U+0301 folds like a precomposed `é`.
    public static func fold(_ character: Character) -> String {
        // ASCII is nearly all of what is typed and indexed: skip the tables for it.
        if let ascii = character.asciiValue {
            return String(Character(Unicode.Scalar((65...90).contains(ascii) ? ascii + 32 : ascii)))
        }
        var result = String.UnicodeScalarView()
        for scalar in character.lowercased().unicodeScalars {
            if scalar.properties.generalCategory == .nonspacingMark { continue }
            result.append(baseLetters[scalar] ?? scalar)
        }
        return String(result)
    }

    /// Whether `text` is made of precomposed Hangul syllables only (and is not empty).
    public static func isHangul(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy(HangulBigrams.isSyllable)
    }

    /// Latin letters with diacritics and their base letters, from Unicode's canonical
    /// decompositions (a letter whose decomposition is an ASCII letter plus combining marks),
    /// the letters `unicode61`'s `remove_diacritics` folds. Generated; lowercase bases.
    private static let baseLetters: [Unicode.Scalar: Unicode.Scalar] = {
        var table: [Unicode.Scalar: Unicode.Scalar] = [:]
        for (accented, base) in zip(accented.unicodeScalars, bases.unicodeScalars) {
            table[accented] = base
        }
        return table
    }()

    private static let accented = """
        ÀÁÂÃÄÅÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜÝàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆć\
        ĈĉĊċČčĎďĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭĮįİĴĵĶķĹĺĻļĽľŃńŅņŇňŌōŎŏŐőŔŕ\
        ŖŗŘřŚśŜŝŞşŠšŢţŤťŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƠơƯưǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟ\
        ǠǡǦǧǨǩǪǫǬǭǰǴǵǸǹǺǻȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȞȟȦȧȨȩȪȫȬȭȮȯȰȱȲȳ\
        ḀḁḂḃḄḅḆḇḈḉḊḋḌḍḎḏḐḑḒḓḔḕḖḗḘḙḚḛḜḝḞḟḠḡḢḣḤḥḦḧḨḩḪḫḬḭḮḯḰḱḲḳḴḵḶḷḸḹḺḻḼ\
        ḽḾḿṀṁṂṃṄṅṆṇṈṉṊṋṌṍṎṏṐṑṒṓṔṕṖṗṘṙṚṛṜṝṞṟṠṡṢṣṤṥṦṧṨṩṪṫṬṭṮṯṰṱṲṳṴṵṶṷṸṹ\
        ṺṻṼṽṾṿẀẁẂẃẄẅẆẇẈẉẊẋẌẍẎẏẐẑẒẓẔẕẖẗẘẙẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼ\
        ẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ
        """
    private static let bases = """
        aaaaaaceeeeiiiinooooouuuuyaaaaaaceeeeiiiinooooouuuuyyaaaaaacc\
        ccccccddeeeeeeeeeegggggggghhiiiiiiiiijjkkllllllnnnnnnoooooorr\
        rrrrssssssssttttuuuuuuuuuuuuwwyyyzzzzzzoouuaaiioouuuuuuuuuuaa\
        aaggkkoooojggnnaaaaaaeeeeiiiioooorrrruuuusstthhaaeeooooooooyy\
        aabbbbbbccddddddddddeeeeeeeeeeffgghhhhhhhhhhiiiikkkkkklllllll\
        lmmmmmmnnnnnnnnoooooooopppprrrrrrrrssssssssssttttttttuuuuuuuu\
        uuvvvvwwwwwwwwwwxxxxyyzzzzzzhtwyaaaaaaaaaaaaaaaaaaaaaaaaeeeee\
        eeeeeeeeeeeiiiioooooooooooooooooooooooouuuuuuuuuuuuuuyyyyyyyy
        """
}
