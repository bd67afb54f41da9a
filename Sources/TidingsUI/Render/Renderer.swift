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
        theme = Theme(spec: state.settings.theme, colors: state.colors)
        buffer = ScreenBuffer(size: state.size)
    }

    mutating func draw() {
        guard !layout.isTooSmall else {
            drawTooSmall()
            return
        }
        drawTabs(in: layout.tabBar)
        tint(layout.tabBar, with: theme.tabs)
        drawList(in: layout.list)
        drawArticle(in: layout.article)
        if let separator = layout.separator { drawSeparator(separator) }
        drawStatus(in: layout.status)
        tint(layout.status, with: theme.status)
        switch state.overlay {
        case .help(let scroll): drawHelp(scroll: scroll)
        case .picker(let picker): drawPicker(picker)
        case nil: break
        }
    }

    /// The rule between the panes. While the story pane has the keys it is drawn bold and
    /// points at it with a reversed `▼ story` (stacked) or `▶` (side by side), so the focused
    /// pane shows without colour and beyond the status line's word; with the list focused it
    /// stays dim, the list's selection being the one fully reversed bar. (Reverse alone, not
    /// the title's bold: reverse and bold together mean the current search match.)
    private mutating func drawSeparator(_ separator: Rect) {
        let storyFocused = state.focus == .article
        let style = storyFocused ? theme.bold : theme.dim
        if layout.arrangement == .sideBySide {
            buffer.vLine(x: separator.x, y: separator.y, height: separator.height, style: style)
            if storyFocused { buffer.put("▶", x: separator.x, y: separator.y, style: theme.selected) }
        } else {
            buffer.hLine(x: separator.x, y: separator.y, width: separator.width, style: style)
            if storyFocused {
                buffer.put(
                    " ▼ story ", x: separator.x + 1, y: separator.y, maxWidth: separator.width - 1,
                    style: theme.selected)
            }
        }
    }

    /// Gives a bar the theme's style for it under what is drawn there (a plain theme role
    /// changes nothing).
    private mutating func tint(_ bar: Rect, with style: Style) {
        guard style != .plain else { return }
        buffer.tint(style, x: bar.x, y: bar.y, width: bar.width, replacingColors: false)
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
