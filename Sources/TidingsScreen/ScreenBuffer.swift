/// A grid of cells: what one frame of the browser looks like.
///
/// Rendering is a pure function from state to a `ScreenBuffer`; the terminal adapter
/// diffs consecutive buffers and writes only the changed cells. Snapshot tests compare
/// buffers through ``ScreenBuffer/snapshot()``.
public struct ScreenBuffer: Equatable, Sendable {
    public let size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.columns * size.rows)
    }

    public var width: Int { size.columns }
    public var height: Int { size.rows }

    /// The cell at column `x`, row `y`; out-of-range reads return a blank cell.
    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard contains(x: x, y: y) else { return .blank }
            return cells[y * size.columns + x]
        }
        set {
            guard contains(x: x, y: y) else { return }
            cells[y * size.columns + x] = newValue
        }
    }

    /// Whether (x, y) lies inside the buffer.
    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < size.columns && y < size.rows
    }

    /// The cells of row `y`.
    public func row(_ y: Int) -> ArraySlice<Cell> {
        guard y >= 0, y < size.rows else { return [] }
        return cells[(y * size.columns)..<((y + 1) * size.columns)]
    }
}
