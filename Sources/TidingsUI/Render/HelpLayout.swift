import TidingsScreen

/// Where the help overlay goes and how its key table lines up; shared by the reducer (scroll
/// limits) and the renderer.
public struct HelpLayout: Equatable, Sendable {
    /// One line of the help.
    public enum Row: Equatable, Sendable {
        /// `j / Down   select-next   Next headline…`: a command or a search-line edit.
        case binding(keys: String, name: String, help: String)
        /// A section title (`Search line`).
        case heading(String)
        /// A label and free text right after it (the query language, the marks); it does not
        /// widen the box, and a long one wraps onto rows whose label is blank, so that every
        /// word shows even at 80 columns.
        case note(label: String, text: String)
        case blank
    }

    /// Every line of the help, generated from the key table: the commands, then the search
    /// line's keys and the query language.
    public let rows: [Row]
    /// The box, border included, centred on the screen.
    public let box: Rect
    /// Width of the keys column and of the command-name column (0 when the names are left
    /// out because the screen is too narrow for all three columns).
    public let keyColumn: Int
    public let nameColumn: Int

    /// What the list's marks mean and when a story becomes read (the rule in AppState's
    /// `reconcileReadTimer`): opened with the keys as bound, or, when the preview follows the
    /// selection, left there for the dwell after a move.
    static func marksNote(keyTable: KeyTable, preview: PreviewMode) -> String {
        let keys = [Command.open, .switchPane].compactMap { keyTable.label(of: $0) }
        var note = "• unread  ★ bookmarked · a story is read once opened"
        if !keys.isEmpty { note += " (" + keys.joined(separator: ", ") + ")" }
        if preview == .follow {
            let seconds = Double(AppState.readDwellMilliseconds) / 1000
            let dwell = seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
            note += ", or after \(dwell) seconds in the preview once you move to it"
        }
        return note
    }

    /// The help for `keyTable` on a screen of `size`; `preview` decides the read rule it states.
    public init(keyTable: KeyTable, size: Size, preview: PreviewMode = .follow) {
        var rows = keyTable.bindings.map {
            Row.binding(keys: $0.keysText, name: $0.command.name, help: keyTable.helpText(of: $0))
        }
        if !keyTable.lineBindings.isEmpty {
            rows += [.blank, .heading("Search line")]
            rows += keyTable.lineBindings.map { Row.binding(keys: $0.keysText, name: $0.edit.name, help: $0.help) }
        }
        var notes: [(label: String, text: String)] = []
        if !keyTable.queryLanguage.isEmpty { notes.append(("Query", keyTable.queryLanguage)) }
        notes.append(("Marks", Self.marksNote(keyTable: keyTable, preview: preview)))

        var keys = 0
        var names = 0
        var helpColumn = 0
        for row in rows {
            switch row {
            case .binding(let key, let name, let help):
                keys = max(keys, TextWidth.columns(of: key))
                names = max(names, TextWidth.columns(of: name))
                helpColumn = max(helpColumn, TextWidth.columns(of: help))
            case .note, .heading, .blank:
                break
            }
        }
        keyColumn = keys
        // Border and one space of padding each side, two spaces between columns.
        let wanted = keyColumn + names + helpColumn + 8
        let available = max(0, size.columns - 2)
        // On a narrow screen the help line says more than the command name: drop the names.
        nameColumn = wanted <= available ? names : 0
        var width = min(nameColumn > 0 ? wanted : keyColumn + helpColumn + 6, available)
        // A gap of a column or two at the edges only shows slivers of the panes: fill it.
        if available - width <= 4 { width = available }
        // Notes wrap inside the box (border and padding take 4 columns, the label and its gap
        // the next ones); the box's width never depends on them.
        for note in notes {
            let labelWidth = TextWidth.columns(of: note.label)
            let lines = TextLayout.wrap(note.text, width: max(1, width - 4 - labelWidth - 2))
            for (index, line) in lines.enumerated() {
                let label = index == 0 ? note.label : String(repeating: " ", count: labelWidth)
                rows.append(.note(label: label, text: line))
            }
        }
        self.rows = rows
        // Keep the tab bar and status line in sight when there is room for it.
        let room = size.rows >= 7 ? size.rows - 2 : size.rows
        let height = min(rows.count + 2, room)
        box = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    /// Rows that fit inside the border.
    public var visibleRows: Int { max(0, box.height - 2) }

    /// How far the list can scroll.
    public var maxScroll: Int { max(0, rows.count - visibleRows) }
}
