import TidingsScreen

/// A plain-text picture of a buffer, made to be read and diffed in snapshot tests.
///
/// Format (every line ends with "\n"):
///
///     <row 0 text>
///     …                   one line per row, as the terminal would show it
///     --- styles
///     <row 0 styles>
///     …                   one line per row, one character per cell
///     --- legend 1=bold+underline/title 2=…      only when a style outside the table is used
///
/// Text rows: each cell's text, continuation cells omitted (a wide character shows once and
/// takes its two columns, as on screen). Trailing spaces are trimmed, so a row that is blank
/// on screen is an empty line and editors that strip trailing spaces cannot break a file;
/// styled blanks stay visible in the style rows.
///
/// Style rows: one character per cell, continuation cells repeating their lead cell's
/// character so columns line up with the screen; trailing plain cells trimmed. The fixed table:
///
///     ' ' plain                      'B' bold + reverse
///     'b' bold                       'U' bold + underline
///     'd' dim + muted (Style.dim)    'R' reverse + match
///     'D' dim                        'h' match
///     'r' reverse                    'a' title
///     'u' underline                  'm' muted
///     'w' warning                    't' activeTab
///
/// (each is that exact combination of attributes and colour role; no colour = `.none`). Any
/// other combination gets a digit, then a letter, from `1`, numbered in order of first
/// appearance in the buffer (row by row), and the `--- legend` line spells each out, e.g.
/// `1=bold+dim/title`. The numbering is stable for a given buffer, and a change in it shows
/// up in the legend line of the diff.
extension ScreenBuffer {
    /// The text rows, a `--- styles` line, the style rows and, if needed, a legend line.
    public func snapshot() -> String {
        var out = ""
        out.reserveCapacity(cells.count * 3)
        for y in 0..<height {
            var line = ""
            for cell in row(y) where !cell.isContinuation {
                line += cell.text
            }
            out += Self.trimmingTrailingSpaces(line)
            out += "\n"
        }
        out += "--- styles\n"
        var extra: [Style] = []  // styles outside the table, in order of first appearance
        for y in 0..<height {
            var codes: [Character] = []
            var lead = Style.plain
            for cell in row(y) {
                // A continuation cell repeats its lead cell's code whatever it stores itself.
                if !cell.isContinuation { lead = cell.style }
                codes.append(Self.code(for: lead, extra: &extra))
            }
            while codes.last == " " { codes.removeLast() }
            out += String(codes)
            out += "\n"
        }
        if !extra.isEmpty {
            let entries = extra.enumerated().map { index, style in
                "\(Self.fallbackCode(index))=\(Self.describe(style))"
            }
            out += "--- legend " + entries.joined(separator: " ") + "\n"
        }
        return out
    }

    private static func trimmingTrailingSpaces(_ line: String) -> String {
        var scalars = Substring(line).unicodeScalars
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }

    /// The fixed, mnemonic codes; see the extension's notes.
    private static let table: [Style: Character] = [
        .plain: " ",
        Style(.bold): "b",
        Style(.dim, color: .muted): "d",
        Style(.dim): "D",
        Style(.reverse): "r",
        Style(.underline): "u",
        Style([.bold, .reverse]): "B",
        Style([.bold, .underline]): "U",
        Style(.reverse, color: .match): "R",
        Style(color: .match): "h",
        Style(color: .title): "a",
        Style(color: .muted): "m",
        Style(color: .warning): "w",
        Style(color: .activeTab): "t",
    ]

    /// Codes handed out to other combinations, in order; none of them is in `table`.
    private static let fallbackCodes: [Character] = Array(
        "123456789" + "cefgijklnopqsvxyz" + "ACEFGHIJKLMNOPQSTVWXYZ" + "#$%&*+=@^~<>")

    private static func code(for style: Style, extra: inout [Style]) -> Character {
        if let code = table[style] { return code }
        if let index = extra.firstIndex(of: style) { return fallbackCode(index) }
        extra.append(style)
        // More than 60 unlisted styles in one buffer would be absurd; show "?" rather than crash.
        return fallbackCode(extra.count - 1)
    }

    private static func fallbackCode(_ index: Int) -> Character {
        index < fallbackCodes.count ? fallbackCodes[index] : "?"
    }

    /// "bold+underline/title": attribute names joined by "+", then the colour role if any.
    private static func describe(_ style: Style) -> String {
        let names: [(Style.Attributes, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.reverse, "reverse"), (.underline, "underline"),
        ]
        var text = names.filter { style.attributes.contains($0.0) }.map(\.1).joined(separator: "+")
        if text.isEmpty { text = "plain" }
        if style.color != .none { text += "/\(style.color)" }
        return text
    }
}
