import TidingsScreen

/// Draws `state` into a new screen buffer the size of the terminal.
///
/// Pure: the same state always gives the same buffer. Only the rows on screen are touched
/// and only the article shown is wrapped, so it is cheap enough to run on every key.
public func render(_ state: AppState) -> ScreenBuffer {
    var renderer = Renderer(state: state)
    renderer.draw()
    return renderer.buffer
}

/// The drawing pass behind ``render(_:)``; one extension per screen part.
struct Renderer {
    let state: AppState
    let layout: PaneLayout
    let theme: Theme
    var buffer: ScreenBuffer

    init(state: AppState) {
        self.state = state
        layout = state.layout
        theme = Theme(colors: state.colors)
        buffer = ScreenBuffer(size: state.size)
    }

    mutating func draw() {
        guard !layout.isTooSmall else {
            drawTooSmall()
            return
        }
        drawTabs(in: layout.tabBar)
        drawList(in: layout.list)
        drawArticle(in: layout.article)
        if let separator = layout.separator {
            if layout.arrangement == .sideBySide {
                buffer.vLine(x: separator.x, y: separator.y, height: separator.height, style: theme.dim)
            } else {
                buffer.hLine(x: separator.x, y: separator.y, width: separator.width, style: theme.dim)
            }
        }
        drawStatus(in: layout.status)
        if case .help(let scroll) = state.overlay { drawHelp(scroll: scroll) }
    }

    /// The one line shown when the terminal is too small for the browser, cut to the width.
    private mutating func drawTooSmall() {
        let text = "Tidings: terminal too small (\(state.size))"
        // The usual one-column margin, unless it would cost a character of the message.
        let x = state.size.columns > TextWidth.columns(of: text) ? 1 : 0
        buffer.put(text, x: x, y: 0, style: theme.bold)
    }

    /// `1234567` as `1,234,567` (``NumberText/grouped(_:)``).
    static func grouped(_ number: Int) -> String { NumberText.grouped(number) }
}
