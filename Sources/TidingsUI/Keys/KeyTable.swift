import TidingsScreen

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

    /// A search-line editing request and its keys, for the help's "Search line" section.
    public struct LineBinding: Equatable, Sendable {
        public var edit: LineEdit
        public var keys: [Key]
        public var help: String

        public init(_ edit: LineEdit, _ keys: [Key], _ help: String) {
            self.edit = edit
            self.keys = keys
            self.help = help
        }

        /// The keys as the help overlay lists them: `Ctrl-U`.
        public var keysText: String { keys.map(KeyTable.label(for:)).joined(separator: " / ") }
    }

    public let bindings: [Binding]
    /// Hints in the order the status line shows them.
    public let hints: [Hint]
    /// The hint pinned to the right end of the status line.
    public let trailingHint: Hint
    /// Keys of the search line; they come before ``bindings`` while it is open.
    public let lineBindings: [LineBinding]
    /// The search language in one line, for the help.
    public let queryLanguage: String

    public init(
        bindings: [Binding], hints: [Hint], trailingHint: Hint, lineBindings: [LineBinding] = [],
        queryLanguage: String = ""
    ) {
        self.bindings = bindings
        self.hints = hints
        self.trailingHint = trailingHint
        self.lineBindings = lineBindings
        self.queryLanguage = queryLanguage
    }

    /// The search-line edit bound to `key`, if any.
    public func lineEdit(for key: Key) -> LineEdit? {
        lineBindings.first { $0.keys.contains(key) }?.edit
    }

    /// The first key of `edit` as people read it (`Esc`), for hints on the search line.
    public func label(of edit: LineEdit) -> String? {
        lineBindings.first { $0.edit == edit }?.keys.first.map(KeyTable.label(for:))
    }

    /// The first key of `command` as people read it (`Ctrl-O`).
    public func label(of command: Command) -> String? {
        binding(for: command)?.keys.first.map(KeyTable.label(for:))
    }

    /// The help line of `binding` with what its keys do besides, as bound: `back`'s keys that
    /// are also `clear-search`'s clear a kept search (`Back to the list; Esc: clear search`).
    public func helpText(of binding: Binding) -> String {
        guard binding.command == .back else { return binding.help }
        let clearing = binding.keys.filter { lineEdit(for: $0) == .cancel }.map(KeyTable.label(for:))
        guard !clearing.isEmpty else { return binding.help }
        return binding.help + "; " + clearing.joined(separator: " / ") + ": clear search"
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
}
