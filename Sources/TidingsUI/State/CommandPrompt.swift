/// The `:` prompt on the status line: a command typed by name (`:bookmark`, `:tab Military`,
/// `:search kim`), for readers who prefer words to keys.
public struct CommandPrompt: Equatable, Sendable {
    /// The text after the `:` and its cursor: edited and sanitised as the search line is.
    public internal(set) var line = SearchLine()
    /// What the last Tab could complete to when more than one name fits, shown beside the line.
    public internal(set) var candidates: [String] = []

    public init(_ text: String = "") {
        line = SearchLine(text)
    }
}
