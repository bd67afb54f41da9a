import TidingsScreen

/// The article pane.
extension Renderer {
    mutating func drawArticle(in rect: Rect) {
        // Nothing to show before the list is known, or in an empty tab.
        guard rect.width > 0, rect.height > 0, let total = state.list.total, total > 0 else { return }
        let pane = rect.inset(columns: 1)
        let article = state.articleLayout
        // Lines capped by the config's article width are centred in the pane; the text is
        // exactly the cap wide (an odd leftover column goes to the right margin).
        let width = min(pane.width, state.settings.layout.articleWidth ?? .max)
        let text = Rect(x: pane.x + (pane.width - width) / 2, y: pane.y, width: width, height: pane.height)
        let rows = article.textRows(paneHeight: rect.height)
        let top = article.topLine(for: state.article.anchor, paneHeight: rect.height)
        for (offset, line) in article.lines[top..<min(article.lines.count, top + rows)].enumerated() {
            let y = rect.y + offset
            buffer.put(line.text, x: text.x, y: y, maxWidth: text.width, style: style(of: line.kind))
            for highlight in line.highlights where highlight.columns.lowerBound < text.width {
                let style = highlight.match == state.article.match ? theme.currentMatch : theme.match
                let width = min(highlight.columns.upperBound, text.width) - highlight.columns.lowerBound
                buffer.setStyle(x: text.x + highlight.columns.lowerBound, y: y, width: width, style: style)
            }
        }
        if article.overflows(paneHeight: rect.height) {
            drawScrollIndicator(
                top: top, rows: rows, lineCount: article.lines.count, in: text, bottom: rect.y + rect.height - 1)
        }
    }

    private func style(of kind: ArticleLayout.Kind) -> Style {
        switch kind {
        case .title: theme.title
        case .meta: theme.meta
        case .notice: theme.dim
        case .body, .blank: theme.plain
        }
    }

    /// `▼ 18%` (how far the bottom of the pane has reached) while there is more below,
    /// `▲ 100%` at the end, at the bottom-right of the pane.
    private mutating func drawScrollIndicator(top: Int, rows: Int, lineCount: Int, in text: Rect, bottom: Int) {
        let seen = min(lineCount, top + rows)
        let arrow = seen < lineCount ? "▼" : "▲"
        let label = "\(arrow) \(seen * 100 / max(1, lineCount))%"
        let width = TextWidth.columns(of: label)
        guard width <= text.width else { return }
        buffer.put(label, x: text.x + text.width - width, y: bottom, style: theme.dim)
    }
}
