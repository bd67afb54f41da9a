import TidingsScreen

/// The search line: the last row while a search is typed, as in the design sketch.
///
///     /launch█        2 matches · relevance (Ctrl-O: archive order)   Esc clear
extension Renderer {
    /// A part of the right end of the search line; the least useful go first when it is short.
    private struct Piece {
        var text: String
        var style: Style
        /// Lower stays longer.
        var priority: Int
        /// What goes between it and the piece before, if one is shown.
        var separator: String
    }

    mutating func drawSearchLine(in rect: Rect) {
        guard let search = state.search else { return }
        let y = rect.y
        let start = rect.x + 1
        let end = rect.x + rect.width - 1  // one column of margin, as the status line has
        guard end - start >= 3 else { return }
        buffer.put("/", x: start, y: y, style: theme.bold)
        let textX = start + 1
        let available = end - textX

        // The typed text keeps at least a third of the line (all of it when short).
        let typed = search.line.characters.reduce(0) { $0 + TextWidth.columns(of: $1) } + 1
        let reserve = min(typed, max(10, available / 3))
        var pieces = rightPieces(search)
        func width(_ pieces: [Piece]) -> Int {
            pieces.enumerated().reduce(0) { sum, item in
                sum + TextWidth.columns(of: item.element.text)
                    + (item.offset > 0 ? TextWidth.columns(of: item.element.separator) : 0)
            }
        }
        while !pieces.isEmpty, width(pieces) + 2 > available - reserve {
            pieces.remove(at: pieces.indices.max { pieces[$0].priority < pieces[$1].priority }!)
        }
        var x = end - width(pieces)
        let textRoom = pieces.isEmpty ? available : x - 2 - textX
        for (index, piece) in pieces.enumerated() {
            if index > 0 { x += buffer.put(piece.separator, x: x, y: y, style: theme.dim) }
            x += buffer.put(piece.text, x: x, y: y, style: piece.style)
        }
        drawTypedText(search.line, x: textX, y: y, room: textRoom)
    }

    /// What the right end says: the hint, the matches, the order and how to switch it, how
    /// to leave; before anything is typed, the query language.
    private func rightPieces(_ search: SearchState) -> [Piece] {
        let table = state.keyTable
        var pieces: [Piece] = []
        if let message = state.message {
            // The line stands in for the status line while open: a failure must still show.
            pieces.append(Piece(text: Sanitizer.clean(message), style: theme.warning, priority: -1, separator: ""))
        }
        if search.line.query == nil {
            pieces.append(Piece(text: table.queryLanguage, style: theme.dim, priority: 3, separator: "   "))
        } else if search.hasFailed {
            pieces.append(
                Piece(text: Sanitizer.clean(search.hint ?? ""), style: theme.warning, priority: 0, separator: "   "))
        } else {
            if let hint = search.hint {
                pieces.append(Piece(text: Sanitizer.clean(hint), style: theme.warning, priority: 2, separator: "   "))
            }
            if let summary = searchSummary(search) {
                pieces.append(Piece(text: Sanitizer.clean(summary), style: theme.bold, priority: 0, separator: " · "))
            }
        }
        if search.line.query != nil {
            pieces.append(Piece(text: search.shownOrder.name, style: theme.dim, priority: 1, separator: " · "))
            // Results the live ranking declined are in archive order whatever was asked; the
            // hint says so, and offering "archive order" as the other order would read wrong.
            if let key = table.label(of: .toggleOrder), !search.resultsUnranked {
                let other = "(\(key): \(search.order.toggled.name))"
                pieces.append(Piece(text: other, style: theme.dim, priority: 5, separator: " "))
            }
        }
        if let esc = table.label(of: .cancel) {
            pieces.append(Piece(text: esc, style: theme.hintKey, priority: 4, separator: "   "))
            pieces.append(Piece(text: "clear", style: theme.dim, priority: 4, separator: " "))
        }
        return pieces.filter { !$0.text.isEmpty }
    }

    /// The typed text in `room` columns, scrolled so that the cursor shows; the cursor is the
    /// character under it in reverse video (a reversed blank at the end).
    mutating func drawTypedText(_ line: SearchLine, x: Int, y: Int, room: Int) {
        guard room > 0 else { return }
        let characters = line.characters
        let widths = characters.map { TextWidth.columns(of: $0) }
        let cursorWidth = line.cursor < characters.count ? max(1, widths[line.cursor]) : 1
        var first = 0
        var used = widths[..<line.cursor].reduce(0, +) + cursorWidth
        while used > room, first < line.cursor {
            used -= widths[first]
            first += 1
        }
        buffer.put(String(characters[first...]), x: x, y: y, maxWidth: room)
        let cursorX = x + widths[first..<line.cursor].reduce(0, +)
        guard cursorX < x + room else { return }
        buffer.addAttributes(.reverse, x: cursorX, y: y, width: cursorWidth)
    }

    /// How the search line states the results on screen: the library's words, else a count
    /// (`over 10,000 matches` when it stopped at the bound while typing); `searching…` while
    /// the text's query has not answered yet.
    ///
    /// `compact` gives the shorter form for a narrow line (`10,000+ matches, counting…`).
    func searchSummary(_ search: SearchState, compact: Bool = false) -> String? {
        // A newer query under way: the count on screen would be the last query's, and with
        // counts bounded while typing two queries often read alike (`over 10,000 matches`), so
        // nothing would tell the person (or a benchmark) that the results are not yet the
        // text's. The last results stay in the list meanwhile.
        if search.pending != nil { return "searching…" }
        guard let results = search.results, let total = results.total else { return nil }
        if let summary = search.summary { return summary }
        // Counted only up to the bound while typing: said so, and when the exact count is
        // under way (Enter, End, the last known row), that too.
        let counting = !results.endIsKnown && search.countAsked == results.generation ? ", counting…" : ""
        if !results.totalIsExact {
            let figure = compact ? "\(Self.grouped(total))+" : "over \(Self.grouped(total))"
            return "\(figure) matches\(counting)"
        }
        // A figure counted before a reload, being counted afresh (End, the last row).
        return (total == 1 ? "1 match" : "\(Self.grouped(total)) matches") + counting
    }
}
