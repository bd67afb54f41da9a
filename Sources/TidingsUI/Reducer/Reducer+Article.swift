/// Reading an article: jumping between search matches and remembering where the reader was.
extension AppState {
    /// `n`/`N` in the article: scrolls to the next or previous search match, wrapping around
    /// at either end (with a message). Without a current match, `n` takes the first one from
    /// the top of the pane down and `N` the last one above its bottom.
    mutating func jumpToMatch(forward: Bool) {
        guard article.current != nil else { return }
        let lines = articleLayout
        let matches = lines.matches
        guard !matches.isEmpty else {
            message = "No search matches in this story"
            return
        }
        let height = layout.article.height
        let rows = max(1, lines.textRows(paneHeight: height))
        let top = lines.topLine(for: article.anchor, paneHeight: height)
        func line(_ match: Int) -> Int { lines.lineIndex(of: matches[match]) }

        var target: Int
        if let current = article.match, matches.indices.contains(current) {
            target = current + (forward ? 1 : -1)
        } else if forward {
            target = matches.indices.first { line($0) >= top } ?? matches.count
        } else {
            target = matches.indices.last { line($0) < top + rows } ?? -1
        }
        if target >= matches.count {
            target = 0
            message = "Wrapped to the first match"
        } else if target < 0 {
            target = matches.count - 1
            message = "Wrapped to the last match"
        }
        article.match = target
        let at = line(target)
        if at < top || at >= top + rows {
            // Two lines of context above the match, as far as the article can scroll.
            article.anchor = lines.anchor(ofLine: min(max(0, at - 2), lines.maxTopLine(paneHeight: height)))
        }
    }

    /// Where a newly arrived article opens: a search result at its first match (in the
    /// title, that is the top), else where the reader left it, saying so (`g` goes to the top).
    mutating func openArticle(firstArrival: Bool) {
        guard let current = article.current else { return }
        let lines = articleLayout
        if article.query != nil, let first = lines.matches.first {
            let height = layout.article.height
            let at = lines.lineIndex(of: first)
            article.anchor = lines.anchor(ofLine: min(max(0, at - 2), lines.maxTopLine(paneHeight: height)))
            article.match = 0
            return
        }
        guard firstArrival, let saved = current.savedPosition else { return }
        article.anchor = saved
        if saved.block > 0 {
            let top = keyTable.label(of: .first) ?? Command.first.name
            message = "Continued from paragraph \(saved.block): \(top) goes to the top"
        }
    }

    /// What leaving the article on screen asks for: its scroll position saved, when it differs
    /// from what the library holds (`.top` when the reader went back to the top).
    func leaveArticle() -> [Effect] {
        guard let current = article.current, article.anchor != (current.savedPosition ?? .top) else { return [] }
        return [
            .saveReadingPosition(
                id: current.id, anchor: article.anchor,
                paragraph: current.paragraphIndex(ofBlock: article.anchor.block))
        ]
    }
}
