import TidingsScreen

/// Where the list picker goes: a box centred on the screen, its first inner row the filter,
/// the entries below. Shared by the reducer (page size) and the renderer.
public struct PickerLayout: Equatable, Sendable {
    /// The box, border included.
    public let box: Rect

    public init(size: Size, entries: Int) {
        let width = min(max(0, size.columns - 2), 72)
        // Keep the tab bar and status line in sight when there is room for it.
        let room = size.rows >= 7 ? size.rows - 2 : size.rows
        // Border, the filter row, a blank row, and at least a few entries.
        let height = min(room, max(6, entries + 4))
        box = Rect(x: (size.columns - width) / 2, y: (size.rows - height) / 2, width: width, height: height)
    }

    /// Entry rows inside the box (below the filter and a blank row).
    public var visibleEntries: Int { max(0, box.height - 4) }
}
