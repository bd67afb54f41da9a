import CNcursesw
import TidingsScreen

extension CursesTerminal {
    /// The attributes and colour pair a cell is written with.
    struct Pen: Equatable {
        var attributes: attr_t
        var pair: Int16
    }

    /// The pens of a frame's cells, chosen so that a row changes pen only where the reader can
    /// see a change: every change costs an escape sequence of 10–20 bytes, and over a slow
    /// link a list row's handful of dimmed columns was most of what a Down sent.
    ///
    /// - Roles whose pairs have the same colours share one pair (the date and the outlet are
    ///   both grey): the same look, one pen.
    /// - A run of blanks between two cells of the same pen takes that pen, when neither the
    ///   blanks nor that pen show anything on a blank (no reverse, no underline) and their
    ///   backgrounds agree: a blank shows only its background. Blanks at the end of a row keep
    ///   their own pen, so that ncurses can still clear the rest of the line in one sequence.
    struct PenPalette {
        /// The pair to write for each `Style.Color` role, indexed by raw value.
        private let pairs: [Int16]
        /// The background colour of each role's pair (-1: the terminal's default).
        private let backgrounds: [Int32]
        private static let showsOnBlank = tidings_A_REVERSE() | tidings_A_UNDERLINE()

        init(_ terminal: CursesTerminal) {
            var pairs: [Int16] = []
            var backgrounds: [Int32] = []
            var contents: [(foreground: Int32, background: Int32, pair: Int16)] = []
            for pair in terminal.colorPairs {
                var foreground: Int32 = -1
                var background: Int32 = -1
                if terminal.supportsColor, pair != 0,
                    extended_pair_content(Int32(pair), &foreground, &background) != OK
                {
                    // Unknown colours: never merged with another pair.
                    (foreground, background) = (-2 - Int32(pair), -2 - Int32(pair))
                }
                let effective = terminal.supportsColor ? pair : 0
                let same = contents.first { $0.foreground == foreground && $0.background == background }
                pairs.append(same?.pair ?? effective)
                backgrounds.append(background)
                if same == nil { contents.append((foreground, background, effective)) }
            }
            self.pairs = pairs
            self.backgrounds = backgrounds
        }

        /// The pens of row `y`'s first `columns` cells.
        func pens(forRow y: Int, of buffer: ScreenBuffer, columns: Int) -> [Pen] {
            var pens: [Pen] = []
            pens.reserveCapacity(columns)
            for x in 0..<columns {
                let style = buffer[x, y].style
                let role = Int(style.color.rawValue)
                pens.append(Pen(attributes: CursesTerminal.attributes(for: style.attributes), pair: pairs[role]))
            }
            var x = 1
            while x < columns {
                guard isQuietBlank(buffer[x, y], pens[x]) else {
                    x += 1
                    continue
                }
                var end = x
                while end < columns, isQuietBlank(buffer[end, y], pens[end]) { end += 1 }
                let left = pens[x - 1]
                let background = self.background(of: buffer[x - 1, y])
                if end < columns, pens[end] == left, left.attributes & Self.showsOnBlank == 0,
                    (x..<end).allSatisfy({ self.background(of: buffer[$0, y]) == background })
                {
                    for index in x..<end { pens[index] = left }
                }
                x = end
            }
            return pens
        }

        /// A blank whose pen shows nothing on it but its background.
        private func isQuietBlank(_ cell: Cell, _ pen: Pen) -> Bool {
            cell.text == " " && pen.attributes & Self.showsOnBlank == 0
        }

        private func background(of cell: Cell) -> Int32 { backgrounds[Int(cell.style.color.rawValue)] }
    }
}
