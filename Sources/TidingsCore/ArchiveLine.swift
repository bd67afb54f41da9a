/// One classified line of an archive file.
struct ArchiveLine {
    enum Kind: Equatable {
        case blank
        /// `Posted on DATE by AUTHOR`; either part may be empty.
        case posted(date: String, author: String)
        /// `← Older posts`, `Newer posts →` and friends: navigation, never post text.
        case pagination
        case text(String)
    }

    /// 1-based line number in the file.
    var number: Int
    var kind: Kind
}

extension ArchiveLine {
    /// Walks UTF-8 text one classified line at a time (LF, CRLF and lone CR all end a line),
    /// so that a reader holds only the lines it still needs rather than all of them.
    struct Cursor {
        let utf8: [UInt8]
        private var start = 0
        private var number = 1
        private var done = false

        init(_ utf8: [UInt8]) {
            self.utf8 = utf8
        }

        /// The next line, or nil after the last. Text ending in a line break has no empty line
        /// after it; empty text is one blank line.
        mutating func next() -> ArchiveLine? {
            guard !done else { return nil }
            let count = utf8.count
            if start == count, count > 0 {
                done = true
                return nil
            }
            let first = start
            let (kind, end) = utf8.withUnsafeBufferPointer { buffer in
                var index = first
                // Eight bytes at a time while none is a CR or an LF.
                while index + 8 <= count {
                    let word = ByteWord.load(buffer.baseAddress! + index)
                    if ByteWord.bytes(word, equalTo: 0x0A) | ByteWord.bytes(word, equalTo: 0x0D) != 0 { break }
                    index += 8
                }
                while index < count, buffer[index] != 0x0A, buffer[index] != 0x0D { index += 1 }
                return (ArchiveLine.classify(buffer[first..<index]), index)
            }
            let line = ArchiveLine(number: number, kind: kind)
            number += 1
            if end == count {
                done = true
            } else {
                let crlf = utf8[end] == 0x0D && end + 1 < count && utf8[end + 1] == 0x0A
                start = end + (crlf ? 2 : 1)
            }
            return line
        }
    }

    private static func isSpace(_ bytes: Slice<UnsafeBufferPointer<UInt8>>, at i: Int) -> Int {
        let b = bytes[i]
        if b == 0x20 || b == 0x09 || b == 0x0B || b == 0x0C { return 1 }
        if b == 0xC2, i + 1 < bytes.endIndex, bytes[i + 1] == 0xA0 { return 2 }  // no-break space
        return 0
    }

    private static func classify(_ raw: Slice<UnsafeBufferPointer<UInt8>>) -> Kind {
        var lower = raw.startIndex
        var upper = raw.endIndex
        while lower < upper {
            let n = isSpace(raw, at: lower)
            if n == 0 { break }
            lower += n
        }
        while lower < upper {
            if raw[upper - 1] == 0x20 || raw[upper - 1] == 0x09 {
                upper -= 1
            } else if upper - 2 >= lower, raw[upper - 2] == 0xC2, raw[upper - 1] == 0xA0 {
                upper -= 2
            } else {
                break
            }
        }
        if lower == upper { return .blank }
        let bytes = raw[lower..<upper]
        var text = String(decoding: UnsafeBufferPointer(rebasing: bytes), as: UTF8.self)
        if bytes.contains(0xC2) { text = text.replacingNoBreakSpaces() }
        if bytes.count >= 9, let posted = parsePosted(text) { return posted }
        if bytes.count <= 40, isPagination(text) { return .pagination }
        return .text(text)
    }

    static func parsePosted(_ text: String) -> Kind? {
        guard hasPostedPrefix(text) else { return nil }
        // In ASCII, characters are bytes and the words are split and joined on the bytes.
        var line = text
        if let ascii = line.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? asciiPosted($0[postedPrefix.utf8.count...]) : nil }
        ) {
            return ascii
        }
        return postedInWords(text)
    }

    /// The Posted line's rule on characters, which the ASCII reading follows: after `Posted on`
    /// (any case) and a space, the words before the first `by` are the date and those after it
    /// the author, each joined by single spaces.
    static func postedInWords(_ text: String) -> Kind? {
        guard hasPostedPrefix(text) else { return nil }
        let rest = text.utf8.dropFirst(postedPrefix.utf8.count)
        let words = String(Substring(rest)).split(separator: " ", omittingEmptySubsequences: true)
        guard let by = words.firstIndex(where: { $0.lowercased() == "by" }) else {
            return .posted(date: words.joined(separator: " "), author: "")
        }
        return .posted(date: words[..<by].joined(separator: " "), author: words[(by + 1)...].joined(separator: " "))
    }

    private static let postedPrefix = "posted on"

    /// True when `text` begins with `Posted on` in any case, followed by a space or nothing.
    private static func hasPostedPrefix(_ text: String) -> Bool {
        let prefix = postedPrefix.utf8
        guard text.utf8.count >= prefix.count,
            text.utf8.prefix(prefix.count).elementsEqual(prefix, by: { ($0 | 0x20) == $1 | 0x20 })
        else { return false }
        let rest = text.utf8.dropFirst(prefix.count)
        if let first = rest.first, first != 0x20 { return false }
        return true
    }

    /// ``parsePosted(_:)`` of an ASCII line after its `Posted on`: the words before `by` are
    /// the date, those after it the author, each joined by single spaces.
    private static func asciiPosted(_ rest: Slice<UnsafeBufferPointer<UInt8>>) -> Kind {
        var words: [Range<Int>] = []
        var index = rest.startIndex
        while index < rest.endIndex {
            while index < rest.endIndex, rest[index] == 0x20 { index += 1 }
            let start = index
            while index < rest.endIndex, rest[index] != 0x20 { index += 1 }
            if index > start { words.append(start..<index) }
        }
        func joined(_ words: ArraySlice<Range<Int>>) -> String {
            var out: [UInt8] = []
            for word in words {
                if !out.isEmpty { out.append(0x20) }
                out.append(contentsOf: rest.base[word])
            }
            return String(decoding: out, as: UTF8.self)
        }
        let by = words.firstIndex {
            $0.count == 2 && rest[$0.lowerBound] | 0x20 == 0x62 && rest[$0.lowerBound + 1] | 0x20 == 0x79
        }
        guard let by else { return .posted(date: joined(words[...]), author: "") }
        return .posted(date: joined(words[..<by]), author: joined(words[(by + 1)...]))
    }

    static func isPagination(_ text: String) -> Bool {
        // Most short lines are ASCII (titles, outlets), where characters are bytes (a line
        // holds no CR) and the rule is read on the bytes.
        var text = text
        if let ascii = text.withUTF8({ $0.allSatisfy { $0 < 0x80 } ? isASCIIPagination($0) : nil }) { return ascii }
        return isPaginationInCharacters(text)
    }

    /// Whether a line is a link between archive pages, read on characters, for any text.
    static func isPaginationInCharacters(_ text: String) -> Bool {
        var words = text.lowercased()
        for arrow in ["←", "→", "«", "»", "<", ">"] { words = words.replacingAll(arrow, with: "") }
        switch words.trimmingWhitespace() {
        case "older posts", "newer posts", "older entries", "newer entries", "next page", "previous page":
            return true
        default:
            return false
        }
    }

    private static let paginationPhrases = [
        "older posts", "newer posts", "older entries", "newer entries", "next page", "previous page",
    ].map { Array($0.utf8) }

    /// ``isPagination(_:)`` for ASCII: `<` and `>` dropped, spaces and tabs trimmed, then one
    /// of the phrases in any case.
    private static func isASCIIPagination(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func isDropped(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x3C || byte == 0x3E }
        var lower = 0
        var upper = bytes.count
        while lower < upper, isDropped(bytes[lower]) { lower += 1 }
        while upper > lower, isDropped(bytes[upper - 1]) { upper -= 1 }
        phrases: for phrase in paginationPhrases {
            var index = lower
            for expected in phrase {
                while index < upper, bytes[index] == 0x3C || bytes[index] == 0x3E { index += 1 }
                guard index < upper else { continue phrases }
                let byte = bytes[index]
                guard (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte) == expected else { continue phrases }
                index += 1
            }
            if index == upper { return true }
        }
        return false
    }
}

extension String {
    /// The string with every no-break space turned into a plain space.
    func replacingNoBreakSpaces() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0 == "\u{00A0}" ? " " : $0 }))
    }

    /// The string with every occurrence of `target` replaced; no Foundation needed.
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var result = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            result += rest[..<range.lowerBound]
            result += replacement
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}
