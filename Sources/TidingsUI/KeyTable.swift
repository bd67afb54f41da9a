/// The one table of key bindings: the key map, the help overlay and the status-line hint
/// are all generated from it, so they cannot drift apart.
public struct KeyTable: Equatable, Sendable {
    /// One command, its help line and its default keys.
    public struct Binding: Equatable, Sendable {
        public var command: Command
        public var keys: [Key]
        public var help: String
        /// How the keys read in the help overlay when listing them one by one would not
        /// (the nine digits of `jump-tab`).
        public var keyLabel: String?

        public init(_ command: Command, _ keys: [Key], _ help: String, keyLabel: String? = nil) {
            self.command = command
            self.keys = keys
            self.help = help
            self.keyLabel = keyLabel
        }

        /// The keys as the help overlay lists them: `j / Down`.
        public var keysText: String {
            keyLabel ?? keys.map(KeyTable.label(for:)).joined(separator: " / ")
        }
    }

    /// A status-line hint: the first key of each command, then a word (`[ ] tabs`).
    public struct Hint: Equatable, Sendable {
        public var commands: [Command]
        public var label: String
        /// Lower stays longer: when the line is short, hints go from the highest number down.
        public var priority: Int

        public init(commands: [Command], label: String, priority: Int = 0) {
            self.commands = commands
            self.label = label
            self.priority = priority
        }
    }

    public let bindings: [Binding]
    /// Hints in the order the status line shows them.
    public let hints: [Hint]
    /// The hint pinned to the right end of the status line.
    public let trailingHint: Hint

    public init(bindings: [Binding], hints: [Hint], trailingHint: Hint) {
        self.bindings = bindings
        self.hints = hints
        self.trailingHint = trailingHint
    }

    /// The command bound to `key`, if any; with a key bound twice the first binding wins.
    ///
    /// A scan of a few dozen keys per key press costs nothing next to a frame.
    public func command(for key: Key) -> Command? {
        bindings.first { $0.keys.contains(key) }?.command
    }

    /// The binding of `command`, if the table has one.
    public func binding(for command: Command) -> Binding? {
        bindings.first { $0.command == command }
    }

    /// The hint as the status line shows it: first keys, then the label.
    public func text(of hint: Hint) -> (keys: String, label: String) {
        let keys = hint.commands.compactMap { binding(for: $0)?.keys.first }.map(KeyTable.label(for:))
        return (keys.joined(separator: " "), hint.label)
    }

    /// How a key is written for people: `Ctrl-L`, `PgDn`, `Space`, `j`.
    public static func label(for key: Key) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "Ctrl-" + String(c).uppercased()
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .function(let n): "F\(n)"
        }
    }

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
            Binding(.back, [.escape, .character("h"), .left], "Back to the headline list"),
            Binding(.switchPane, [.tab, .backTab], "Switch between list and story"),
            Binding(.nextPost, [.character("J")], "Next story, keep reading"),
            Binding(.prevPost, [.character("K")], "Previous story, keep reading"),
            Binding(.nextTab, [.character("]")], "Next tab"),
            Binding(.prevTab, [.character("[")], "Previous tab"),
            Binding(
                .jumpTab, (1...9).map { .character(Character(String($0))) }, "Go to tab 1 to 9",
                keyLabel: "1–9"),
            Binding(.toggleLayout, [.character("v")], "Side by side or stacked panes"),
            Binding(.zoom, [.character("z")], "Focused pane takes the whole screen"),
            Binding(.help, [.character("?")], "Show or hide this help"),
            Binding(.redraw, [.control("l")], "Redraw the screen"),
            Binding(.quit, [.character("q")], "Close help or zoom, else quit"),
        ],
        hints: [
            Hint(commands: [.prevTab, .nextTab], label: "tabs", priority: 1),
            Hint(commands: [.switchPane], label: "pane", priority: 2),
            Hint(commands: [.zoom], label: "zoom", priority: 3),
            Hint(commands: [.toggleLayout], label: "layout", priority: 4),
            Hint(commands: [.help], label: "help", priority: 0),
        ],
        trailingHint: Hint(commands: [.quit], label: "quit")
    )
}
