import TidingsCore
import TidingsScreen

/// An article wrapped to a width: the lines the article pane shows.
///
/// Never stored in the state: the renderer and the reducer (for paging and scroll limits)
/// both ask `AppState.articleLayout` for it, made from the article, the query and the pane
/// width and kept across frames by ``ArticleLayoutMemo``, so they always agree.
public struct ArticleLayout: Equatable, Sendable {
    /// What a line is, so the renderer can style it.
    public enum Kind: Hashable, Sendable { case title, meta, body, blank, notice }

    /// A search match as it falls on one line.
    public struct Highlight: Equatable, Sendable {
        /// Columns within the line, from its first column.
        public var columns: Range<Int>
        /// Which of ``ArticleLayout/matches`` it is (part of).
        public var match: Int
    }

    /// One display line.
    public struct Line: Equatable, Sendable {
        public var text: String
        public var kind: Kind
        /// Which block (0 heading, then paragraphs) the line belongs to.
        public var block: Int
        /// Offset of the line's first character in its block's text (a trailing blank line
        /// sits at the block's end).
        public var start: Int
        /// Search matches on this line, in order.
        public var highlights: [Highlight] = []
    }

    public let lines: [Line]
    /// Where each search match begins, in reading order: what `n` and `N` step through.
    public let matches: [ArticleAnchor]
    /// Index in `lines` of each block's first line.
    private let blockStarts: [Int]

    /// Lays out a loaded article: title, meta line, blank, then paragraphs with a blank between;
    /// `highlighter`'s matches marked.
    public init(article: Article, highlighter: SearchHighlighter? = nil, width: Int) {
        let meta = [
            article.categories.joined(separator: ", "), article.authors.joined(separator: ", "),
            article.outlet ?? "", article.date ?? "", article.url.flatMap(Self.host(of:)) ?? "",
            article.tags.map { "#" + $0 }.joined(separator: " "),
        ].filter { !$0.isEmpty }.joined(separator: " · ")
        // Cleaned before wrapping: wrapping measures widths, and an escape sequence has none.
        var paragraphs: [(text: String, highlights: [Range<Int>])] = []
        for raw in article.paragraphs {
            let clean = Sanitizer.clean(raw)
            guard !Self.isBlank(clean) else { continue }
            let ranges = highlighter?.matches(in: raw) ?? []
            paragraphs.append((clean, Sanitizer.cleanRanges(ranges, raw: raw, clean: clean)))
        }
        let title = Sanitizer.clean(article.title)
        let titleRanges = highlighter?.matches(in: article.title, isTitle: true) ?? []
        self.init(
            title: title, titleHighlights: Sanitizer.cleanRanges(titleRanges, raw: article.title, clean: title),
            meta: (article.isBookmarked ? "★ " : "") + meta, notice: nil, paragraphs: paragraphs, width: width)
    }

    /// Lays out the placeholder shown while an article loads: the headline and `Loading…`.
    public init(loadingTitle title: String?, width: Int) {
        self.init(
            title: Sanitizer.clean(title ?? ""), titleHighlights: [], meta: "", notice: "Loading…", paragraphs: [],
            width: width)
    }

    /// A pane with no post, only `notice` (the preview on Enter before anything is opened).
    public init(notice: String, width: Int) {
        self.init(title: "", titleHighlights: [], meta: "", notice: notice, paragraphs: [], width: width)
    }

    private init(
        title: String, titleHighlights: [Range<Int>], meta: String, notice: String?,
        paragraphs: [(text: String, highlights: [Range<Int>])], width: Int
    ) {
        let width = max(1, width)
        var lines: [Line] = []
        var matches: [ArticleAnchor] = []
        var starts: [Int] = [0]
        var offset = 0  // characters of the current block laid out so far
        func add(_ text: String, _ kind: Kind, block: Int, highlights: [Range<Int>] = []) {
            guard !text.isEmpty else { return }
            let firstMatch = matches.count
            for range in highlights {
                matches.append(ArticleAnchor(block: block, character: offset + range.lowerBound))
            }
            var next = 0  // the first highlight that may reach the current line
            for piece in TextLayout.wrapWithOffsets(text, width: width) {
                var line = Line(text: piece.text, kind: kind, block: block, start: offset + piece.characters.lowerBound)
                while next < highlights.count, highlights[next].upperBound <= piece.characters.lowerBound { next += 1 }
                var index = next
                while index < highlights.count, highlights[index].lowerBound < piece.characters.upperBound {
                    if let columns = piece.columnSpan(of: highlights[index]) {
                        line.highlights.append(Highlight(columns: columns, match: firstMatch + index))
                    }
                    index += 1
                }
                lines.append(line)
            }
            offset += text.count + 1
        }
        func blank(block: Int) {
            lines.append(Line(text: "", kind: .blank, block: block, start: offset))
        }
        add(title, .title, block: 0, highlights: titleHighlights)
        add(Sanitizer.clean(meta), .meta, block: 0)
        if let notice { add(notice, .notice, block: 0) }
        blank(block: 0)
        for (index, paragraph) in paragraphs.enumerated() {
            starts.append(lines.count)
            offset = 0
            add(paragraph.text, .body, block: index + 1, highlights: paragraph.highlights)
            if index < paragraphs.count - 1 { blank(block: index + 1) }
        }
        self.lines = lines
        self.matches = matches
        self.blockStarts = starts
    }

    private static func isBlank(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
    }

    /// Whether the pane leaves out the paragraph `raw` (blank once sanitised): it has no block.
    static func isBlank(raw: String) -> Bool {
        isBlank(Sanitizer.clean(raw))
    }

    /// The index of the line holding `anchor`'s character, clamped to the layout.
    public func lineIndex(of anchor: ArticleAnchor) -> Int {
        guard !lines.isEmpty else { return 0 }
        let block = min(max(0, anchor.block), blockStarts.count - 1)
        let end = block + 1 < blockStarts.count ? blockStarts[block + 1] : lines.count
        var index = blockStarts[block]
        // Blocks are a handful of lines: a scan is cheaper than it looks.
        while index + 1 < end, lines[index + 1].start <= anchor.character { index += 1 }
        return index
    }

    /// The anchor of line `index` (clamped to the layout).
    public func anchor(ofLine index: Int) -> ArticleAnchor {
        guard !lines.isEmpty else { return .top }
        let line = lines[min(max(0, index), lines.count - 1)]
        return ArticleAnchor(block: line.block, character: line.start)
    }

    /// Rows left for text in a pane `paneHeight` rows tall: the last row goes to the scroll
    /// indicator when the article does not fit (unless the pane is too short to spare one).
    public func textRows(paneHeight: Int) -> Int {
        guard lines.count > paneHeight, paneHeight >= 3 else { return max(0, paneHeight) }
        return paneHeight - 1
    }

    /// Whether the article is longer than a pane of `paneHeight` rows.
    public func overflows(paneHeight: Int) -> Bool { lines.count > paneHeight }

    /// The first line shown for `anchor` in a pane `paneHeight` rows tall: never scrolled past
    /// the point where the last line reaches the bottom.
    public func topLine(for anchor: ArticleAnchor, paneHeight: Int) -> Int {
        min(lineIndex(of: anchor), maxTopLine(paneHeight: paneHeight))
    }

    /// The furthest the article can scroll in a pane `paneHeight` rows tall.
    public func maxTopLine(paneHeight: Int) -> Int {
        max(0, lines.count - textRows(paneHeight: paneHeight))
    }

    /// The host of a web address (`https://user@www.example.org:8080/a?b` → `www.example.org`),
    /// for the meta line: where the story lives, without the whole address.
    static func host(of url: String) -> String? {
        let scheme = url.prefix { $0 != ":" }
        guard url.dropFirst(scheme.count).hasPrefix("://") else { return nil }
        let rest = url.dropFirst(scheme.count + 3)
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let hostAndPort = authority.split(separator: "@").last ?? authority[...]
        let host =
            hostAndPort.hasPrefix("[")
            ? String(hostAndPort.prefix { $0 != "]" }) + "]"
            : String(hostAndPort.prefix { $0 != ":" })
        return host.isEmpty ? nil : host.lowercased()
    }
}
