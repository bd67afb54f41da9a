/// What a program has drawn on a terminal: enough of xterm to follow what ncurses sends for
/// `TERM=xterm-256color` (cursor moves, erasing, scrolling regions, inserted and deleted lines
/// and characters, repeats, the line-drawing set), so that a benchmark can tell what is on the
/// screen from the bytes alone. Attributes and colours are ignored.
struct TerminalScreen {
    let columns: Int
    let rows: Int
    /// The cells, row by row; the second cell of a wide character holds `TerminalScreen.tail`.
    private(set) var cells: [[Character]]
    private(set) var x = 0
    private(set) var y = 0
    private var pendingWrap = false
    private var top = 0
    private var bottom: Int
    private var saved = (0, 0)
    private var lastPrinted: Character = " "
    private var lineDrawing = false
    private var state = State.ground
    private var parameters: [UInt8] = []
    private var utf8: [UInt8] = []
    private var utf8Needed = 0

    private enum State { case ground, escape, charset(UInt8), csi, string, stringEscape }
    static let tail: Character = "\u{0}"

    init(columns: Int, rows: Int) {
        self.columns = columns
        self.rows = rows
        bottom = rows - 1
        cells = Array(repeating: Array(repeating: " ", count: columns), count: rows)
    }

    /// Row `index` as text (wide characters once, trailing blanks kept).
    func row(_ index: Int) -> String {
        guard cells.indices.contains(index) else { return "" }
        return String(cells[index].filter { $0 != TerminalScreen.tail })
    }

    /// The whole screen, rows separated by newlines, trailing blanks dropped.
    var text: String {
        (0..<rows).map { String(row($0).reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { feed(byte) }
    }

    private mutating func feed(_ byte: UInt8) {
        switch state {
        case .ground:
            ground(byte)
        case .escape:
            escape(byte)
        case .charset(let slot):
            if slot == UInt8(ascii: "(") { lineDrawing = byte == UInt8(ascii: "0") }
            state = .ground
        case .csi:
            if byte >= 0x40, byte <= 0x7E {
                state = .ground
                csi(final: byte)
            } else {
                parameters.append(byte)
            }
        case .string:
            if byte == 0x07 { state = .ground } else if byte == 0x1B { state = .stringEscape }
        case .stringEscape:
            state = byte == UInt8(ascii: "\\") ? .ground : .string
        }
    }

    private mutating func ground(_ byte: UInt8) {
        if utf8Needed > 0 {
            guard byte & 0xC0 == 0x80 else {
                utf8Needed = 0
                utf8 = []
                return ground(byte)
            }
            utf8.append(byte)
            utf8Needed -= 1
            if utf8Needed == 0 {
                if let scalar = String(validating: utf8, as: UTF8.self)?.unicodeScalars.first { print(scalar) }
                utf8 = []
            }
            return
        }
        switch byte {
        case 0x1B: state = .escape
        case 0x0D:
            x = 0
            pendingWrap = false
        case 0x0A, 0x0B, 0x0C: lineFeed()
        case 0x08:
            x = max(0, x - 1)
            pendingWrap = false
        case 0x09: x = min(columns - 1, (x / 8 + 1) * 8)
        case 0x00..<0x20, 0x7F: break
        case 0x20..<0x80:
            let character = Unicode.Scalar(byte)
            print(lineDrawing ? TerminalScreen.lineDrawingMap[character] ?? character : character)
        case 0xC0..<0xE0:
            utf8 = [byte]
            utf8Needed = 1
        case 0xE0..<0xF0:
            utf8 = [byte]
            utf8Needed = 2
        case 0xF0..<0xF8:
            utf8 = [byte]
            utf8Needed = 3
        default: break
        }
    }

    private mutating func escape(_ byte: UInt8) {
        state = .ground
        switch byte {
        case UInt8(ascii: "["):
            parameters = []
            state = .csi
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "_"), UInt8(ascii: "^"): state = .string
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "*"), UInt8(ascii: "+"): state = .charset(byte)
        case UInt8(ascii: "7"): saved = (x, y)
        case UInt8(ascii: "8"):
            (x, y) = saved
            pendingWrap = false
        case UInt8(ascii: "D"): lineFeed()
        case UInt8(ascii: "E"):
            x = 0
            lineFeed()
        case UInt8(ascii: "M"): reverseIndex()
        case UInt8(ascii: "c"): self = TerminalScreen(columns: columns, rows: rows)
        default: break
        }
    }

    private mutating func csi(final: UInt8) {
        if let first = parameters.first, first >= 0x3C, first <= 0x3F { return }  // private modes: ignored
        let numbers = String(decoding: parameters, as: UTF8.self).split(
            separator: ";", omittingEmptySubsequences: false
        )
        .map { Int($0.prefix { $0.isNumber }) ?? 0 }
        func n(_ index: Int = 0, default value: Int = 1) -> Int {
            index < numbers.count && numbers[index] > 0 ? numbers[index] : value
        }
        pendingWrap = false
        switch Unicode.Scalar(final) {
        case "H", "f":
            y = clampRow(n(0) - 1)
            x = clampColumn(n(1) - 1)
        case "A": y = max(0, y - n())
        case "B": y = min(rows - 1, y + n())
        case "C": x = min(columns - 1, x + n())
        case "D": x = max(0, x - n())
        case "E":
            y = min(rows - 1, y + n())
            x = 0
        case "F":
            y = max(0, y - n())
            x = 0
        case "G", "`": x = clampColumn(n() - 1)
        case "d": y = clampRow(n() - 1)
        case "J": eraseDisplay(n(default: 0))
        case "K": eraseLine(n(default: 0))
        case "X": blank(y, from: x, to: min(columns, x + n()))
        case "P":
            let count = min(n(), columns - x)
            cells[y].removeSubrange(x..<(x + count))
            cells[y] += Array(repeating: " ", count: count)
        case "@":
            let count = min(n(), columns - x)
            cells[y].insert(contentsOf: Array(repeating: " ", count: count), at: x)
            cells[y].removeLast(count)
        case "L": if (top...bottom).contains(y) { scrollDown(n(), from: y) }
        case "M": if (top...bottom).contains(y) { scrollUp(n(), from: y) }
        case "S": scrollUp(n(), from: top)
        case "T": scrollDown(n(), from: top)
        case "r":
            top = clampRow(n(0) - 1)
            bottom = clampRow(n(1, default: rows) - 1)
            if bottom <= top { (top, bottom) = (0, rows - 1) }
            (x, y) = (0, 0)
        case "b": for _ in 0..<min(n(), columns * rows) { print(lastPrinted.unicodeScalars.first!) }
        default: break
        }
    }

    private mutating func print(_ scalar: Unicode.Scalar) {
        let width = TerminalScreen.width(of: scalar)
        if width == 0 {
            // A combining mark joins the character before it.
            let column = pendingWrap ? x : max(0, x - 1)
            if cells[y][column] != TerminalScreen.tail {
                cells[y][column] = Character(String(cells[y][column]) + String(scalar))
            }
            return
        }
        if pendingWrap || x + width > columns {
            x = 0
            lineFeed()
        }
        pendingWrap = false
        let character = Character(scalar)
        cells[y][x] = character
        if width == 2, x + 1 < columns { cells[y][x + 1] = TerminalScreen.tail }
        lastPrinted = character
        x += width
        if x >= columns {
            x = columns - 1
            pendingWrap = true
        }
    }

    private mutating func lineFeed() {
        pendingWrap = false
        if y == bottom { scrollUp(1, from: top) } else if y < rows - 1 { y += 1 }
    }

    private mutating func reverseIndex() {
        pendingWrap = false
        if y == top { scrollDown(1, from: top) } else if y > 0 { y -= 1 }
    }

    /// Moves rows `from...bottom` up by `count`, blank rows entering at the bottom.
    private mutating func scrollUp(_ count: Int, from start: Int) {
        for _ in 0..<min(count, bottom - start + 1) {
            cells.remove(at: start)
            cells.insert(Array(repeating: " ", count: columns), at: bottom)
        }
    }

    /// Moves rows `from...bottom` down by `count`, blank rows entering at `from`.
    private mutating func scrollDown(_ count: Int, from start: Int) {
        for _ in 0..<min(count, bottom - start + 1) {
            cells.remove(at: bottom)
            cells.insert(Array(repeating: " ", count: columns), at: start)
        }
    }

    private mutating func eraseDisplay(_ mode: Int) {
        switch mode {
        case 0:
            blank(y, from: x, to: columns)
            for row in (y + 1)..<rows { blank(row, from: 0, to: columns) }
        case 1:
            for row in 0..<y { blank(row, from: 0, to: columns) }
            blank(y, from: 0, to: x + 1)
        default:
            for row in 0..<rows { blank(row, from: 0, to: columns) }
        }
    }

    private mutating func eraseLine(_ mode: Int) {
        switch mode {
        case 0: blank(y, from: x, to: columns)
        case 1: blank(y, from: 0, to: x + 1)
        default: blank(y, from: 0, to: columns)
        }
    }

    private mutating func blank(_ row: Int, from start: Int, to end: Int) {
        guard start < end else { return }
        for column in start..<min(end, columns) { cells[row][column] = " " }
    }

    private func clampRow(_ value: Int) -> Int { min(max(0, value), rows - 1) }
    private func clampColumn(_ value: Int) -> Int { min(max(0, value), columns - 1) }

    /// Columns a scalar takes: 0 for combining marks, 2 for East Asian wide ones, else 1.
    static func width(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }

    /// The VT100 line-drawing set, as ncurses draws boxes with `ESC ( 0`.
    private static let lineDrawingMap: [Unicode.Scalar: Unicode.Scalar] = [
        "j": "┘", "k": "┐", "l": "┌", "m": "└", "n": "┼", "q": "─", "t": "├", "u": "┤", "v": "┴",
        "w": "┬", "x": "│", "a": "▒", "`": "◆", "~": "·", "0": "█",
    ]
}
