import TidingsScreen

/// The `:` prompt on the status line: `:tab Mi█     Military  Minsk`, the names Tab could
/// complete to (or a message) at the right.
extension Renderer {
    mutating func drawPrompt(_ prompt: CommandPrompt, in rect: Rect) {
        let y = rect.y
        let start = rect.x + 1
        let end = rect.x + rect.width - 1
        guard end - start >= 3 else { return }
        buffer.put(":", x: start, y: y, style: theme.bold)
        let textX = start + 1
        let typed = prompt.line.characters.reduce(0) { $0 + TextWidth.columns(of: $1) } + 1
        // The typed text first; what is left of the line, after two spaces, says the rest.
        let room = end - textX
        let textRoom = min(room, max(typed, room / 2))
        drawTypedText(prompt.line, x: textX, y: y, room: textRoom)
        let restX = textX + min(typed, textRoom) + 2
        guard restX < end else { return }
        if let message = state.message {
            let text = TextLayout.truncate(Sanitizer.clean(message), toColumns: end - restX)
            buffer.put(text, x: restX, y: y, maxWidth: end - restX, style: theme.warning)
        } else if !prompt.candidates.isEmpty {
            let text = TextLayout.truncate(
                prompt.candidates.map(Sanitizer.clean).joined(separator: "  "), toColumns: end - restX)
            buffer.put(text, x: restX, y: y, maxWidth: end - restX, style: theme.dim)
        }
    }
}
