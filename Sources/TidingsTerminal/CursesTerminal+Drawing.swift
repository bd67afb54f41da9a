import CNcursesw
import Glibc
import TidingsScreen

extension CursesTerminal {
    /// Draws `buffer`, writing only the cells that differ from the last presented one.
    ///
    /// After ``invalidate()``, a resize or a change of buffer size everything is redrawn.
    /// A buffer larger than the terminal is clipped; a smaller one leaves the rest blank.
    public func present(_ buffer: ScreenBuffer) {
        let previous = lastBuffer?.size == buffer.size ? lastBuffer : nil
        if previous == nil { werase(window) }
        if needsPhysicalClear {
            // The screen may hold output curses knows nothing about: clear it for real.
            clearok(tidings_curscr(), true)
            needsPhysicalClear = false
        }
        let rows = min(buffer.height, size.rows)
        let columns = min(buffer.width, size.columns)
        let palette = PenPalette(self)
        for y in 0..<rows {
            let pens = palette.pens(forRow: y, of: buffer, columns: columns)
            for x in 0..<columns {
                let cell = buffer[x, y]
                if let previous, previous[x, y] == cell { continue }
                drawCell(cell, x: x, y: y, in: buffer, columns: columns, pen: pens[x])
            }
        }
        lastBuffer = buffer
        wnoutrefresh(window)
        doupdate()
    }

    /// Whether the terminal has not taken the output written so far: standard output is not
    /// writable now (for a pseudo-terminal, its buffer is full because the reader, such as
    /// sshd on a slow link, is behind), so the next frame would block.
    public func outputIsBacklogged() -> Bool {
        var descriptor = pollfd(fd: STDOUT_FILENO, events: Int16(POLLOUT), revents: 0)
        guard poll(&descriptor, 1, 0) >= 0 else { return false }
        return descriptor.revents & Int16(POLLOUT) == 0
    }

    /// Draws one cell; continuation cells are covered by the wide cell to their left.
    private func drawCell(_ cell: Cell, x: Int, y: Int, in buffer: ScreenBuffer, columns: Int, pen: Pen) {
        if cell.isContinuation {
            // Drawn by its wide neighbour, unless the buffer left it orphaned.
            if x > 0, buffer[x - 1, y].width == 2 { return }
            put(CellGlyph.blank, x: x, y: y, pen: pen)
            return
        }
        var glyph = CellGlyph(cell.text, asciiOnly: asciiOnly)
        let wantsTwoColumns =
            cell.width == 2
            && x + 1 < columns
            && buffer[x + 1, y].isContinuation
        switch (glyph.width, wantsTwoColumns) {
        case (1, true):
            // Narrower than the renderer thought: pad so the next column is not stale.
            put(glyph, x: x, y: y, pen: pen)
            put(CellGlyph.blank, x: x + 1, y: y, pen: pen)
            return
        case (2, false):
            // A wide glyph in a one-column slot would push the rest of the row right.
            glyph = CellGlyph.replacement
        default:
            break
        }
        put(glyph, x: x, y: y, pen: pen)
    }

    /// Writes `glyph` at (x, y). ncurses reports ERR for the bottom-right cell because the
    /// cursor cannot advance past it without scrolling; the cell is stored all the same.
    private func put(_ glyph: CellGlyph, x: Int, y: Int, pen: Pen) {
        withUnsafeTemporaryAllocation(of: wchar_t.self, capacity: CellGlyph.capacity) { chars in
            for index in 0..<glyph.count { chars[index] = wchar_t(bitPattern: glyph.scalar(index)) }
            _ = tidings_put_cell(
                window, Int32(y), Int32(x), chars.baseAddress, Int32(glyph.count), pen.attributes, pen.pair)
        }
    }

    /// The ncurses attributes for a style's attributes; colour goes in the pair instead.
    static func attributes(for attributes: Style.Attributes) -> attr_t {
        var result = tidings_A_NORMAL()
        if attributes.contains(.bold) { result |= tidings_A_BOLD() }
        if attributes.contains(.dim) { result |= tidings_A_DIM() }
        if attributes.contains(.reverse) { result |= tidings_A_REVERSE() }
        if attributes.contains(.underline) { result |= tidings_A_UNDERLINE() }
        return result
    }
}

/// What actually goes into one terminal cell: a spacing scalar plus combining marks,
/// checked against the C library's idea of its width (which is what ncurses uses).
///
/// Cell text is sanitised by the renderer; this is the last line of defence, so that no
/// control character, bidi control or zero-width joiner reaches the terminal from here.
struct CellGlyph {
    /// One base scalar plus up to four combining ones: ncurses' CCHARW_MAX.
    static let capacity = 5
    static let blank = CellGlyph(base: 0x20)
    static let replacement = CellGlyph(base: 0x3F)  // "?"

    private var scalars: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x20, 0, 0, 0, 0)
    /// Number of scalars in use, 1 to ``capacity``.
    private(set) var count = 1
    /// Columns the base scalar takes according to `wcwidth`: 1 or 2.
    private(set) var width: Int = 1

    private init(base: UInt32) {
        scalars.0 = base
    }

    /// The glyph for a cell's text; with `asciiOnly`, its ASCII stand-in (one column wide).
    init(_ text: String, asciiOnly: Bool = false) {
        if asciiOnly {
            let ascii = ASCIIFallback.ascii(text).unicodeScalars.first { (0x20..<0x7F).contains($0.value) }
            self = ascii.map { CellGlyph(base: $0.value) } ?? (text.isEmpty ? .blank : .replacement)
            return
        }
        var iterator = text.unicodeScalars.makeIterator()
        guard let first = iterator.next() else { return }  // empty text: a blank
        let unsafe = Self.isUnsafe(first) || first.properties.generalCategory == .format
        let baseWidth = unsafe ? -1 : Int(wcwidth(wchar_t(bitPattern: first.value)))
        // A control or format character, unprintable in this locale, or a lone mark
        // that would otherwise merge into the previous cell.
        guard baseWidth == 1 || baseWidth == 2 else {
            self = .replacement
            return
        }
        scalars.0 = first.value
        width = baseWidth
        while let next = iterator.next(), count < Self.capacity {
            if next.value == 0xFE0F { continue }  // emoji presentation: widens in some terminals only
            if Self.isUnsafe(next) || next.properties.generalCategory == .format { continue }
            // A second spacing character does not belong in this cell: stop here.
            guard wcwidth(wchar_t(bitPattern: next.value)) == 0 else { break }
            setScalar(next.value, at: count)
            count += 1
        }
    }

    /// C0 controls, DEL and C1 controls: never written to the terminal.
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value)
    }

    func scalar(_ index: Int) -> UInt32 {
        switch index {
        case 0: return scalars.0
        case 1: return scalars.1
        case 2: return scalars.2
        case 3: return scalars.3
        default: return scalars.4
        }
    }

    private mutating func setScalar(_ value: UInt32, at index: Int) {
        switch index {
        case 0: scalars.0 = value
        case 1: scalars.1 = value
        case 2: scalars.2 = value
        case 3: scalars.3 = value
        default: scalars.4 = value
        }
    }
}
