extension KeyTable {
    /// The default bindings.
    public static let standard = KeyTable(
        bindings: [
            Binding(.selectNext, [.character("j"), .down], "Next headline, or scroll down a line"),
            Binding(.selectPrev, [.character("k"), .up], "Previous headline, or scroll up a line"),
            Binding(.pageDown, [.pageDown, .character(" ")], "Page down"),
            Binding(.pageUp, [.pageUp], "Page up"),
            Binding(.first, [.character("g"), .home], "First headline, or top of the story"),
            Binding(.last, [.character("G"), .end], "Last headline, or end of the story"),
            Binding(.open, [.enter, .character("l"), .right], "Read the selected story"),
            Binding(.back, [.escape, .character("h"), .left], "Back to the list; Esc: clear search"),
            Binding(.switchPane, [.tab, .backTab], "Switch between list and story"),
            Binding(.nextPost, [.character("J")], "Next story, keep reading"),
            Binding(.prevPost, [.character("K")], "Previous story, keep reading"),
            Binding(.toggleBookmark, [.character("b")], "Bookmark the story, or remove it"),
            Binding(.toggleRead, [.character("m")], "Mark the story read or unread"),
            Binding(.nextUnread, [.character("u")], "Next unread story"),
            Binding(.markTabRead, [.character("A")], "Mark the whole tab read (y confirms)"),
            Binding(.search, [.character("/")], "Search this tab as you type"),
            Binding(.nextMatch, [.character("n")], "Next match, or next search result"),
            Binding(.prevMatch, [.character("N")], "Previous match, or previous result"),
            Binding(.toggleOrder, [.control("o")], "Results by relevance or archive order"),
            Binding(.nextTab, [.character("]")], "Next tab"),
            Binding(.prevTab, [.character("[")], "Previous tab"),
            Binding(
                .jumpTab, (1...9).map { .character(Character(String($0))) }, "Go to tab 1 to 9",
                keyLabel: "1–9"),
            Binding(.toggleLayout, [.character("v")], "Side by side or stacked panes"),
            Binding(.zoom, [.character("z")], "Focused pane takes the whole screen"),
            Binding(.help, [.character("?")], "Show or hide this help"),
            Binding(.redraw, [.control("l")], "Redraw and reload the screen"),
            Binding(.quit, [.character("q")], "Close help or zoom, else quit"),
        ],
        hints: [
            Hint(commands: [.search], label: "search", priority: 1),
            Hint(commands: [.toggleBookmark], label: "bookmark", priority: 2),
            Hint(commands: [.prevTab, .nextTab], label: "tabs", priority: 3),
            Hint(commands: [.switchPane], label: "pane", priority: 4),
            Hint(commands: [.zoom], label: "zoom", priority: 5),
            Hint(commands: [.toggleLayout], label: "layout", priority: 6),
            Hint(commands: [.quit], label: "quit", priority: 0),
        ],
        // `? help` stays at the right end, messages or not: the way to every other key.
        trailingHint: Hint(commands: [.help], label: "help"),
        lineBindings: [
            LineBinding(.deleteBack, [.backspace], "Delete the character before the cursor"),
            LineBinding(.clear, [.control("u")], "Clear the search line"),
            LineBinding(.deleteWord, [.control("w")], "Delete the word before the cursor"),
            LineBinding(.cursorLeft, [.left], "Move the cursor left"),
            LineBinding(.cursorRight, [.right], "Move the cursor right"),
            LineBinding(.accept, [.enter], "Keep the filter, browse the results"),
            LineBinding(.cancel, [.escape], "Clear the search, back to the list"),
        ],
        queryLanguage: "words  \"phrase\"  -exclude  a OR b  title: author: outlet: category:"
    )
}
