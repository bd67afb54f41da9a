/// Drawing primitives for renderers: text, fills, style changes and box lines.
///
/// Every write keeps the buffer well formed: a wide character is always a lead cell
/// (`width == 2`) directly followed by its continuation cell, and overwriting either half
/// of one blanks the other half, so the terminal adapter never meets an orphan half.
extension ScreenBuffer {
    /// Writes `text`, sanitised, on row `y` from column `x`; returns the columns used.
    ///
    /// Output stops at `x + maxWidth` and at the buffer's right edge. A character that
    /// would straddle that limit (a wide character with one column left, a two-cell flag) is
    /// replaced by spaces up to the limit, so the returned count then includes those spaces.
    /// Columns left of 0 are skipped but counted. Grapheme clusters with several spacing
    /// scalars (flags, some Indic syllables) take one cell per spacing scalar, matching how
    /// ncurses advances its cursor (see ``TextWidth/columns(of:)``).
    @discardableResult
    public mutating func put(
        _ text: String, x: Int, y: Int, maxWidth: Int? = nil, style: Style = .plain
    ) -> Int {
        guard y >= 0, y < height else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        guard x < limit else { return 0 }
        let clean = Sanitizer.clean(text)
        var column = x
        for character in clean {
            let scalars = character.unicodeScalars
            let first = scalars.first!
            let total = TextWidth.columns(of: character)
            if total == 0 { continue }  // a stray mark or invisible format character
            if column + total > limit {
                // Blank what is left rather than show part of a character.
                while column < limit {
                    placeIfVisible(Cell(" ", width: 1, style: style), x: column, y: y)
                    column += 1
                }
                break
            }
            if total == TextWidth.columns(of: first) {
                // The common case: one spacing scalar plus zero-width marks, one cell.
                let cell = Cell(String(character), width: UInt8(total), style: style)
                placeIfVisible(cell, x: column, y: y)
                column += total
            } else {
                column = putSpacingScalars(of: scalars, x: column, y: y, style: style)
            }
            if column >= limit { break }
        }
        return max(0, column - x)
    }

    /// Fills the rectangle with copies of `cell`, which should be one column wide (a wide
    /// cell is drawn as a blank with its style, to keep the grid well formed).
    public mutating func fill(x: Int, y: Int, width: Int, height: Int, with cell: Cell = .blank) {
        let narrow = cell.width == 1 ? cell : Cell(" ", width: 1, style: cell.style)
        let left = max(0, x)
        let right = min(self.width, x + width)
        let top = max(0, y)
        let bottom = min(self.height, y + height)
        guard left < right, top < bottom else { return }
        for row in top..<bottom {
            for column in left..<right {
                place(narrow, x: column, y: row)
            }
        }
    }

    /// Sets the style of `width` cells from (x, y), keeping their text. A wide character cut
    /// by either end is restyled whole, so its two halves never disagree.
    public mutating func setStyle(x: Int, y: Int, width: Int, style: Style) {
        restyle(x: x, y: y, width: width) { $0 = style }
    }

    /// Adds `attributes` to the style of `width` cells from (x, y), keeping their text and
    /// colour: how the selected row and search matches are marked over already drawn text.
    public mutating func addAttributes(_ attributes: Style.Attributes, x: Int, y: Int, width: Int) {
        restyle(x: x, y: y, width: width) { $0.attributes.formUnion(attributes) }
    }

    /// Adds `style`'s attributes to `width` cells from (x, y) and gives them its colour role:
    /// over every cell when `replacingColors`, else only where a cell has none. How a theme
    /// colours the selected row (over the text's own colours) and the status and tab bars
    /// (under them).
    public mutating func tint(_ style: Style, x: Int, y: Int, width: Int, replacingColors: Bool) {
        restyle(x: x, y: y, width: width) {
            $0.attributes.formUnion(style.attributes)
            if style.color != .none, replacingColors || $0.color == .none { $0.color = style.color }
        }
    }

    /// Draws a horizontal box line `─` of `width` cells from (x, y).
    public mutating func hLine(x: Int, y: Int, width: Int, style: Style = .plain) {
        fill(x: x, y: y, width: width, height: 1, with: Cell("─", width: 1, style: style))
    }

    /// Draws a vertical box line `│` of `height` cells from (x, y).
    public mutating func vLine(x: Int, y: Int, height: Int, style: Style = .plain) {
        fill(x: x, y: y, width: 1, height: height, with: Cell("│", width: 1, style: style))
    }

    // MARK: - Cell-level helpers

    /// Draws a cluster whose width is spread over several spacing scalars: each spacing
    /// scalar, with the zero-width scalars after it, takes a cell of its own.
    private mutating func putSpacingScalars(
        of scalars: Character.UnicodeScalarView, x: Int, y: Int, style: Style
    ) -> Int {
        var column = x
        var pending = String.UnicodeScalarView()
        var pendingWidth = 0
        for scalar in scalars {
            let w = TextWidth.columns(of: scalar)
            if w > 0 && pendingWidth > 0 {
                let cell = Cell(String(pending), width: UInt8(pendingWidth), style: style)
                placeIfVisible(cell, x: column, y: y)
                column += pendingWidth
                pending = String.UnicodeScalarView()
                pendingWidth = 0
            }
            if w == 0 && pendingWidth == 0 { continue }  // marks before any base: nothing to sit on
            pending.append(scalar)
            pendingWidth += w
        }
        if pendingWidth > 0 {
            let cell = Cell(String(pending), width: UInt8(pendingWidth), style: style)
            placeIfVisible(cell, x: column, y: y)
            column += pendingWidth
        }
        return column
    }

    /// Like ``place(_:x:y:)``, for cells that may start left of the buffer: the visible
    /// half of a wide cell cut by the left edge becomes a blank.
    private mutating func placeIfVisible(_ cell: Cell, x: Int, y: Int) {
        if x >= 0 {
            place(cell, x: x, y: y)
        } else if x + Int(cell.width) > 0 {
            place(Cell(" ", width: 1, style: cell.style), x: 0, y: y)
        }
    }

    /// Writes a 1- or 2-column cell at (x, y), blanking the other half of any wide
    /// character it partly covers. The caller guarantees the cell fits in the row.
    private mutating func place(_ cell: Cell, x: Int, y: Int) {
        let w = Int(cell.width)
        if self[x, y].isContinuation && x > 0 { blankHalf(x: x - 1, y: y) }
        let last = x + w - 1
        if self[last, y].width == 2 && last + 1 < width { blankHalf(x: last + 1, y: y) }
        self[x, y] = cell
        if w == 2 {
            self[x + 1, y] = Cell("", width: 0, style: cell.style)
        }
    }

    /// Turns the cell at (x, y) into a styled blank if it is one half of a wide character.
    private mutating func blankHalf(x: Int, y: Int) {
        let cell = self[x, y]
        if cell.width == 2 || cell.isContinuation {
            self[x, y] = Cell(" ", width: 1, style: cell.style)
        }
    }

    /// Applies `change` to the style of each cell in the run, widened to whole characters.
    private mutating func restyle(x: Int, y: Int, width: Int, _ change: (inout Style) -> Void) {
        guard y >= 0, y < height, width > 0 else { return }
        var left = max(0, x)
        var right = min(self.width, x + width)
        guard left < right else { return }
        if self[left, y].isContinuation && left > 0 { left -= 1 }
        if self[right - 1, y].width == 2 && right < self.width { right += 1 }
        for column in left..<right {
            var cell = self[column, y]
            change(&cell.style)
            self[column, y] = cell
        }
    }
}
