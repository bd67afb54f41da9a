/// Where the help overlay goes and how its key table lines up; shared by the reducer (scroll
/// limits) and the renderer.
public struct HelpLayout: Equatable, Sendable {
    public let bindings: [KeyTable.Binding]
    /// The box, border included, centred on the screen.
    public let box: Rect
    /// Width of the keys column and of the command-name column (0 when the names are left
    /// out because the screen is too narrow for all three columns).
    public let keyColumn: Int
    public let nameColumn: Int

    public init(keyTable: KeyTable, size: Size) {
        bindings = keyTable.bindings
        keyColumn = bindings.map { TextWidth.columns(of: $0.keysText) }.max() ?? 0
        let names = bindings.map { TextWidth.columns(of: $0.command.name) }.max() ?? 0
        let helpColumn = bindings.map { TextWidth.columns(of: $0.help) }.max() ?? 0
        // Border and one space of padding each side, two spaces between columns.
        let wanted = keyColumn + names + helpColumn + 8
        let available = max(0, size.columns - 2)
        // On a narrow screen the help line says more than the command name: drop the names.
        nameColumn = wanted <= available ? names : 0
        var width = min(nameColumn > 0 ? wanted : keyColumn + helpColumn + 6, available)
        // A gap of a column or two at the edges only shows slivers of the panes: fill it.
        if available - width <= 4 { width = available }
        // Keep the tab bar and status line in sight when there is room for it.
        let room = size.rows >= 7 ? size.rows - 2 : size.rows
        let height = min(bindings.count + 2, room)
        box = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    /// Binding rows that fit inside the border.
    public var visibleRows: Int { max(0, box.height - 2) }

    /// How far the list can scroll.
    public var maxScroll: Int { max(0, bindings.count - visibleRows) }
}
