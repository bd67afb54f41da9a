extension SearchQuery {
    /// Input beyond this many characters is cut off (with a hint): nobody types more, and it
    /// bounds the work a pasted novel can cause.
    public static let maximumLength = 512
    /// Words, phrases and filters beyond this many are ignored (with a hint).
    public static let maximumTerms = 32

    /// `text` without control characters: C0 and C1 controls and DEL become spaces (so that
    /// `a<TAB>b` stays two words) and invisible format characters (bidirectional controls,
    /// zero-width characters, the soft hyphen, the byte order mark) are dropped. A NUL byte
    /// once cut an FTS query short; after this, no control character reaches the index.
    public static func removingControlCharacters(from text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F:
                scalars.append(" ")
            default:
                if scalar.properties.generalCategory == .format { continue }
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

/// Reads search-line text into a ``SearchQuery`` (the grammar is in docs/search.md).
///
/// Two passes: the text is cut into lexemes (quoted phrases and bare chunks between spaces),
/// then the lexemes are read left to right with a little state for what is pending (a `-` or
/// `NOT`, a field name waiting for its value, an `OR` waiting for its right side). Anything
/// that does not fit is dropped with a hint instead of an error.
struct SearchQueryParser {
    /// A quoted phrase or a run of characters between spaces and quotes.
    private struct Lexeme {
        var text: String
        var isQuoted: Bool
        var isClosed: Bool
        /// No space between this lexeme and the one before (`-"…"`, `title:"…"`).
        var isGlued: Bool
    }

    /// What a field name before `:` selects.
    private enum Field {
        case title
        case filter(SearchQuery.Filter.Field)

        init?(named name: Substring) {
            switch name.lowercased() {
            case "title": self = .title
            case "author": self = .filter(.author)
            case "outlet", "source": self = .filter(.outlet)
            case "category": self = .filter(.category)
            case "tag": self = .filter(.tag)
            default: return nil
            }
        }
    }

    private let text: String
    private let typing: Bool
    private var lexemes: [Lexeme] = []
    private var query: SearchQuery
    private var itemCount = 0

    // What is pending while reading lexemes.
    private var pendingNot = false
    private var pendingMinus = false
    private var pendingField: (field: Field, name: String, excluded: Bool)?
    private var pendingOr = false
    private var lastWasClause = false

    init(_ raw: String, typing: Bool) {
        var text = SearchQuery.removingControlCharacters(from: raw)
        var hints: [String] = []
        if text.count > SearchQuery.maximumLength {
            text = String(text.prefix(SearchQuery.maximumLength))
            hints.append("query cut to \(SearchQuery.maximumLength) characters")
        }
        self.text = text
        self.typing = typing
        query = SearchQuery(text: text, hints: hints)
    }

    func parse() -> SearchQuery {
        var parser = self
        parser.lex()
        parser.read()
        return parser.query
    }

    private static func isQuote(_ character: Character) -> Bool {
        character == "\"" || character == "\u{201C}" || character == "\u{201D}"
    }

    private mutating func lex() {
        let characters = Array(text)
        var index = 0
        var previousEnd = -1
        while index < characters.count {
            if characters[index].isWhitespace {
                index += 1
                continue
            }
            let glued = previousEnd == index
            if SearchQueryParser.isQuote(characters[index]) {
                var end = index + 1
                while end < characters.count, !SearchQueryParser.isQuote(characters[end]) { end += 1 }
                let closed = end < characters.count
                if !closed { hint("unbalanced quote closed") }
                lexemes.append(
                    Lexeme(
                        text: String(characters[(index + 1)..<end]), isQuoted: true, isClosed: closed,
                        isGlued: glued))
                index = closed ? end + 1 : end
            } else {
                var end = index
                while end < characters.count, !characters[end].isWhitespace,
                    !SearchQueryParser.isQuote(characters[end])
                { end += 1 }
                lexemes.append(
                    Lexeme(
                        text: String(characters[index..<end]), isQuoted: false, isClosed: true,
                        isGlued: glued))
                index = end
            }
            previousEnd = index
        }
    }

    private mutating func read() {
        for (position, lexeme) in lexemes.enumerated() {
            if itemCount >= SearchQuery.maximumTerms {
                hint("only the first \(SearchQuery.maximumTerms) terms are used")
                break
            }
            let isLast = position == lexemes.count - 1
            if lexeme.isQuoted {
                let negated = takeNot()
                let excluded = takeMinus() || negated
                if let pending = pendingField {
                    pendingField = nil
                    add(
                        lexeme.text, field: pending.field, name: pending.name, quoted: true,
                        excluded: pending.excluded || excluded, typed: isLast && !lexeme.isClosed)
                } else {
                    add(
                        lexeme.text, field: nil, name: "", quoted: true, excluded: excluded,
                        typed: isLast && !lexeme.isClosed)
                }
                continue
            }
            readBare(lexeme, position: position, isLast: isLast)
        }
        if pendingOr { hint("‘OR’ needs a word on each side") }
        if pendingNot { hint("‘NOT’ needs a word after it") }
        dropPendingField()
    }

    private mutating func readBare(_ lexeme: Lexeme, position: Int, isLast: Bool) {
        var chunk = Substring(lexeme.text)
        switch chunk {
        case "OR":
            dropPendingField()
            if lastWasClause, !pendingOr, !pendingNot {
                pendingOr = true
            } else {
                hint("‘OR’ needs a word on each side")
            }
            return
        case "AND":
            hint("‘AND’ is implied between words")
            return
        case "NOT":
            dropPendingField()
            pendingNot = true
            return
        default:
            break
        }
        // NOT applies to whatever comes next, a field included.
        var excluded = takeNot()
        if chunk.hasPrefix("-") {
            excluded = true
            chunk = chunk.dropFirst()
        }
        let typed = isLast && !text.last!.isWhitespace
        if let colon = chunk.firstIndex(of: ":"), let field = Field(named: chunk[..<colon]) {
            dropPendingField()
            let name = String(chunk[..<colon]).lowercased()
            let value = chunk[chunk.index(after: colon)...]
            if value.isEmpty {
                pendingField = (field, name, excluded)
            } else {
                add(String(value), field: field, name: name, quoted: false, excluded: excluded, typed: typed)
            }
            return
        }
        if chunk.isEmpty {
            let next = position + 1 < lexemes.count ? lexemes[position + 1] : nil
            if let next, next.isGlued, next.isQuoted {
                pendingMinus = true
            } else {
                hint("‘-’ needs a word right after it")
            }
            return
        }
        if let pending = pendingField {
            pendingField = nil
            add(
                String(chunk), field: pending.field, name: pending.name, quoted: false,
                excluded: pending.excluded || excluded, typed: typed)
        } else {
            add(String(chunk), field: nil, name: "", quoted: false, excluded: excluded, typed: typed)
        }
    }

    /// Adds a term or a filter; `typed` marks the word still being typed (a prefix when live).
    private mutating func add(_ value: String, field: Field?, name: String, quoted: Bool, excluded: Bool, typed: Bool) {
        if case .filter(let kind)? = field {
            let words = SearchText.tokens(in: value)
            guard !words.isEmpty else {
                hint("‘\(name):’ needs a name")
                return
            }
            let normalised = quoted ? value.split(whereSeparator: \.isWhitespace).joined(separator: " ") : value
            query.filters.append(SearchQuery.Filter(field: kind, value: normalised, isExcluded: excluded))
            noteItem(isClause: false)
            return
        }
        var text = value
        var prefix = false
        if !quoted {
            while text.hasSuffix("*") {
                text.removeLast()
                prefix = true
            }
        }
        guard !SearchText.tokens(in: text).isEmpty else {
            if field != nil {
                hint("‘title:’ needs a word")
            } else if !value.isEmpty {
                hint("‘\(String(value.prefix(12)))’ ignored: no letters or digits")
            }
            return
        }
        if typing, typed, !excluded { prefix = true }
        let term = SearchQuery.Term(text: text, isPhrase: quoted, isPrefix: prefix, inTitle: field != nil)
        if excluded {
            query.excluded.append(term)
            noteItem(isClause: false)
        } else if pendingOr, !query.clauses.isEmpty {
            query.clauses[query.clauses.count - 1].append(term)
            pendingOr = false
            noteItem(isClause: true)
        } else {
            query.clauses.append([term])
            noteItem(isClause: true)
        }
    }

    private mutating func noteItem(isClause: Bool) {
        itemCount += 1
        if !isClause, pendingOr {
            hint("‘OR’ needs a word on each side")
            pendingOr = false
        }
        lastWasClause = isClause
    }

    private mutating func takeNot() -> Bool {
        defer { pendingNot = false }
        return pendingNot
    }

    private mutating func takeMinus() -> Bool {
        defer { pendingMinus = false }
        return pendingMinus
    }

    /// A field name with no value after it is dropped, with a hint.
    private mutating func dropPendingField() {
        guard let pending = pendingField else { return }
        pendingField = nil
        hint(pending.name == "title" ? "‘title:’ needs a word" : "‘\(pending.name):’ needs a name")
    }

    private mutating func hint(_ message: String) {
        if !query.hints.contains(message) { query.hints.append(message) }
    }
}
