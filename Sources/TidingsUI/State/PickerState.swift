import TidingsCore

/// The list picker (`t`): every tag, author and outlet with its counts, narrowed by what the
/// reader types; Enter opens the selected one as the "pick" tab.
public struct PickerState: Hashable, Sendable {
    /// What was typed: each word must appear in the entry's kind and name (`author jane`).
    public internal(set) var filter = ""
    /// Index of the selected entry among the ones the filter lets through.
    public internal(set) var selection = 0

    public init(filter: String = "", selection: Int = 0) {
        self.filter = filter
        self.selection = selection
    }

    /// The entries of `all` the filter lets through, in their order; case does not matter.
    public func matches(in all: [TabInfo]) -> [TabInfo] {
        let words = filter.lowercased().split(separator: " ")
        guard !words.isEmpty else { return all }
        return all.filter { entry in
            let text = (Self.kindWord(entry.kind) + " " + Self.name(entry.kind)).lowercased()
            return words.allSatisfy { text.contains($0) }
        }
    }

    /// The bare name of a picked shelf, as the picker lists it under its kind.
    public static func name(_ shelf: Shelf) -> String {
        switch shelf {
        case .tag(let name), .author(let name), .outlet(let name), .category(let name): name
        case .all: "All"
        case .bookmarks: "Bookmarks"
        }
    }

    /// The word the picker shows before a name: `tag`, `author`, `outlet`.
    public static func kindWord(_ shelf: Shelf) -> String {
        switch shelf {
        case .tag: "tag"
        case .author: "author"
        case .outlet: "outlet"
        case .category: "category"
        case .all, .bookmarks: ""
        }
    }
}
