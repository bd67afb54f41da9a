import TidingsScreen

/// Where each piece of the tab bar goes: the renderer draws these, and a mouse click is
/// matched against them, so a click lands on the tab drawn under it.
///
/// `★ Bookmarks` is pinned at the right end so that it is always on screen however many
/// categories there are; the other tabs scroll in the rest of the bar, marked with `…`.
struct TabBarLayout {
    /// One run of text on the bar.
    struct Piece: Equatable {
        enum Kind: Equatable {
            /// A `│` between tabs or a `…` saying that more tabs are off screen.
            case marker
            /// The tab at this index of ``AppState/tabs`` (0 before tabs arrive).
            case tab(Int, active: Bool)
        }

        var text: String
        var x: Int
        /// Columns the text may take (a cut label), or nil for all of it.
        var maxWidth: Int?
        var kind: Kind

        /// The columns it covers.
        var columns: Range<Int> { x..<(x + (maxWidth ?? TextWidth.columns(of: text))) }
    }

    private(set) var pieces: [Piece] = []

    init(state: AppState, in rect: Rect) {
        guard rect.width > 0 else { return }
        // Before the tabs arrive, a bare `All` so the bar never looks broken.
        var labels = state.tabs.isEmpty ? [" All "] : state.tabs.map(Renderer.label(of:))
        var active: Int? = min(state.activeTabIndex, labels.count - 1)
        var rest = rect
        if state.tabs.count > 1, state.tabs.last?.kind == .bookmarks {
            let pinned = labels.removeLast()
            let width = TextWidth.columns(of: pinned)
            // Only when the pinned tab leaves room for at least a cut tab beside it.
            if width + 6 <= rect.width {
                let x = rect.x + rect.width - width
                pieces.append(Piece(text: pinned, x: x, kind: .tab(labels.count, active: active == labels.count)))
                pieces.append(Piece(text: "│", x: x - 1, kind: .marker))
                rest = Rect(x: rect.x, y: rect.y, width: rect.width - width - 1, height: rect.height)
                if active == labels.count { active = nil }
            } else {
                labels.append(pinned)
            }
        }
        placeRun(labels, active: active, in: rest)
    }

    /// Places `labels` left to right in `rect`, scrolled so that `active` (if any) is whole.
    private mutating func placeRun(_ labels: [String], active: Int?, in rect: Rect) {
        let widths = labels.map { TextWidth.columns(of: $0) }
        let first = Renderer.firstVisibleTab(widths: widths, active: active ?? 0, width: rect.width)
        var x = rect.x
        let end = rect.x + rect.width
        if first > 0 {
            pieces.append(Piece(text: "…", x: x, kind: .marker))
            x += 1
        }
        for index in first..<labels.count {
            if index > first {
                guard end - x >= 3 else {
                    // No room for another tab: say that more follow.
                    pieces.append(Piece(text: "…", x: end - 1, kind: .marker))
                    return
                }
                pieces.append(Piece(text: "│", x: x, kind: .marker))
                x += 1
            }
            let room = end - x
            let kind = Piece.Kind.tab(index, active: index == active)
            guard widths[index] > room else {
                pieces.append(Piece(text: labels[index], x: x, kind: kind))
                x += widths[index]
                continue
            }
            // A cut label still reads as a tab: ` Military 2… `.
            let cut = TextLayout.truncate(labels[index], toColumns: room - 1) + " "
            pieces.append(Piece(text: cut, x: x, maxWidth: room, kind: kind))
            return
        }
    }

    /// The index in ``AppState/tabs`` of the tab drawn at column `x`, if any.
    func tab(atColumn x: Int) -> Int? {
        for piece in pieces where piece.columns.contains(x) {
            if case .tab(let index, _) = piece.kind { return index }
        }
        return nil
    }
}
