/// Where each key, value and array element of a TOML text starts, by key path.
///
/// TOMLKit reports positions for syntax errors only; a wrong value in a well-formed file
/// must be shown where it is too, so this walks the text once more. It only runs on text
/// that TOMLKit has accepted, so it reads leniently: it follows tables, dotted and quoted
/// keys, inline tables and arrays (over several lines too), and skips everything else.
struct SourceMap {
    /// Keys and table headers: `["theme", "unread", "fg"]` → where `fg` is written.
    private(set) var keys: [[String]: SourcePosition] = [:]
    /// Where each key's value starts.
    private(set) var values: [[String]: SourcePosition] = [:]

    init(scalars: [Unicode.Scalar]) {
        var scanner = Scanner(scalars)
        var table: [String] = []
        while let c = scanner.peek() {
            let before = scanner.index
            switch c {
            case " ", "\t", "\n", "\r": scanner.advance()
            case "#": scanner.skipToLineEnd()
            case "[":
                let start = scanner.position
                scanner.advance()
                if scanner.peek() == "[" { scanner.advance() }
                table = scanner.readKey()
                record(key: table, at: start)
                scanner.skipToLineEnd()
            default:
                readKeyValue(&scanner, prefix: table)
                scanner.skipToLineEnd()
            }
            if scanner.index == before { scanner.advance() }
        }
    }

    /// Where the scalar at `index` is, counted as the map counts (the one place that counts
    /// lines and columns), for problems found before the text is parsed.
    static func position(ofScalar index: Int, in scalars: [Unicode.Scalar]) -> SourcePosition {
        var scanner = Scanner(scalars)
        while scanner.index < min(index, scalars.count) { scanner.advance() }
        return scanner.position
    }

    /// The key's position, else its nearest ancestor's, else the start of the file.
    func place(ofKey path: [String]) -> SourcePosition {
        var path = path
        while !path.isEmpty {
            if let position = keys[path] { return position }
            path.removeLast()
        }
        return .start
    }

    /// The value's position (array elements are paths ending in their index), else the key's.
    func place(ofValue path: [String]) -> SourcePosition {
        values[path] ?? place(ofKey: path)
    }

    private mutating func record(key path: [String], at position: SourcePosition) {
        // Dotted keys (`a.b = 1`) also place their parents, unless these have a header.
        for end in 1...max(1, path.count) where end <= path.count {
            let prefix = Array(path.prefix(end))
            if keys[prefix] == nil || end == path.count { keys[prefix] = position }
        }
    }

    private mutating func readKeyValue(_ scanner: inout Scanner, prefix: [String]) {
        let start = scanner.position
        let path = prefix + scanner.readKey()
        record(key: path, at: start)
        scanner.skipBlanks()
        guard scanner.peek() == "=" else { return }
        scanner.advance()
        scanner.skipBlanks()
        readValue(&scanner, path: path)
    }

    private mutating func readValue(_ scanner: inout Scanner, path: [String]) {
        values[path] = scanner.position
        switch scanner.peek() {
        case "{":
            scanner.advance()
            while let c = scanner.peek(), c != "}", c != "\n" {
                let before = scanner.index
                if c == "," || c == " " || c == "\t" {
                    scanner.advance()
                } else {
                    readKeyValue(&scanner, prefix: path)
                }
                if scanner.index == before { scanner.advance() }
            }
            if scanner.peek() == "}" { scanner.advance() }
        case "[":
            scanner.advance()
            var index = 0
            while let c = scanner.peek(), c != "]" {
                let before = scanner.index
                switch c {
                case " ", "\t", "\n", "\r", ",": scanner.advance()
                case "#": scanner.skipToLineEnd()
                default:
                    readValue(&scanner, path: path + [String(index)])
                    index += 1
                }
                if scanner.index == before { scanner.advance() }
            }
            if scanner.peek() == "]" { scanner.advance() }
        case "\"", "'":
            _ = scanner.readString()
        default:
            while let c = scanner.peek(), !" \t\n\r,]}#".unicodeScalars.contains(c) { scanner.advance() }
        }
    }
}

/// A cursor over the text's scalars that keeps the line and column.
private struct Scanner {
    let scalars: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var position = SourcePosition.start

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func advance() {
        guard index < scalars.count else { return }
        if scalars[index] == "\n" {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
        index += 1
    }

    mutating func skipBlanks() {
        while let c = peek(), c == " " || c == "\t" { advance() }
    }

    mutating func skipToLineEnd() {
        while let c = peek(), c != "\n" {
            if c == "\"" || c == "'" { _ = readString() } else { advance() }
        }
    }

    /// A dotted key: `a.b`, `"quoted key".c`.
    mutating func readKey() -> [String] {
        var parts: [String] = []
        repeat {
            skipBlanks()
            if peek() == "." { advance() }
            skipBlanks()
            if peek() == "\"" || peek() == "'" {
                parts.append(readString())
            } else {
                var bare = ""
                while let c = peek(), c.properties.isAlphabetic || ("0"..."9").contains(c) || c == "-" || c == "_" {
                    bare.unicodeScalars.append(c)
                    advance()
                }
                parts.append(bare)
            }
            skipBlanks()
        } while peek() == "."
        return parts
    }

    /// A basic or literal string, one line or multi-line; escapes are kept as written
    /// except `\"` and `\\`, which is all a key needs.
    mutating func readString() -> String {
        guard let quote = peek() else { return "" }
        let multiline = peek(1) == quote && peek(2) == quote
        for _ in 0..<(multiline ? 3 : 1) { advance() }
        var text = ""
        while let c = peek() {
            if multiline, c == quote, peek(1) == quote, peek(2) == quote {
                for _ in 0..<3 { advance() }
                return text
            }
            if !multiline, c == quote || c == "\n" {
                if c == quote { advance() }
                return text
            }
            if quote == "\"", c == "\\", let next = peek(1) {
                advance()
                text.unicodeScalars.append(next)
                advance()
                continue
            }
            text.unicodeScalars.append(c)
            advance()
        }
        return text
    }
}
