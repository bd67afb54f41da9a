/// The words the `:` prompt understands: the stable name of every command in the key table,
/// a few shorter names, and the two that take the rest of the line, `tab NAME` and
/// `search QUERY`.
enum PromptWords {
    /// Shorter names for the commands people reach for most, as the examples spell them.
    static let shortNames: [String: Command] = [
        "next": .selectNext, "prev": .selectPrev, "bookmark": .toggleBookmark, "read": .toggleRead,
        "unread": .nextUnread, "layout": .toggleLayout, "order": .toggleOrder, "update": .updateSources,
        "pick": .pickList,
    ]
    /// `tab NAME` or `tab N`: go to a tab by its title (or the start of it) or its number.
    static let tab = "tab"
    /// `search QUERY`: search the tab and keep the filter; alone it opens the search line.
    static let search = "search"

    /// What a word of the prompt runs.
    enum Meaning: Equatable {
        case command(Command)
        case tab
        case search
    }

    /// Commands the prompt does not offer: itself, and the digits' `jump-tab` (`tab N` says it).
    private static let notOffered: Set<Command> = [.commandPrompt, .jumpTab]

    /// Every word the prompt takes with `table`, sorted: what Tab completes from.
    static func names(in table: KeyTable) -> [String] {
        let bound = Set(table.bindings.map(\.command)).subtracting(notOffered)
        let names = bound.map(\.name) + shortNames.filter { bound.contains($0.value) }.map(\.key) + [tab]
        return Array(Set(names)).sorted()
    }

    /// What `word` means with `table`; nil for a word it does not know (or a command unbound).
    static func meaning(of word: String, in table: KeyTable) -> Meaning? {
        switch word {
        case tab, Command.jumpTab.name: return .tab
        case search: return .search
        default:
            guard let command = shortNames[word] ?? Command(rawValue: word), !notOffered.contains(command),
                table.binding(for: command) != nil
            else { return nil }
            return .command(command)
        }
    }

    /// Completes `text` as far as it goes: the command word from `table`'s names, or after
    /// `tab ` a tab title from `tabTitles`. Returns the new text and, when more than one name
    /// still fits, the names that do.
    static func complete(_ text: String, table: KeyTable, tabTitles: [String]) -> (text: String, candidates: [String]) {
        if let space = text.firstIndex(of: " ") {
            let word = String(text[..<space])
            guard meaning(of: word, in: table) == .tab else { return (text, []) }
            let typed = text[text.index(after: space)...].drop { $0 == " " }
            let fitting = tabTitles.filter { $0.lowercased().hasPrefix(typed.lowercased()) }
            let completed = complete(String(typed), among: fitting, caseInsensitive: true)
            return ("\(word) \(completed.text)", completed.candidates)
        }
        let fitting = names(in: table).filter { $0.hasPrefix(text) }
        var completed = complete(text, among: fitting, caseInsensitive: false)
        // A whole word that takes more goes on with its space, ready for the argument.
        if completed.candidates.isEmpty, let meaning = meaning(of: completed.text, in: table),
            meaning == .tab || meaning == .search
        {
            completed.text += " "
        }
        return completed
    }

    /// `typed` extended to what all of `fitting` share; the candidates when more than one fits.
    private static func complete(
        _ typed: String, among fitting: [String], caseInsensitive: Bool
    ) -> (
        text: String, candidates: [String]
    ) {
        guard let first = fitting.first else { return (typed, []) }
        guard fitting.count > 1 else { return (first, []) }
        var shared = Array(first)
        for other in fitting.dropFirst() {
            let characters = Array(other)
            var length = 0
            while length < min(shared.count, characters.count),
                caseInsensitive
                    ? shared[length].lowercased() == characters[length].lowercased()
                    : shared[length] == characters[length]
            {
                length += 1
            }
            shared = Array(shared[..<length])
        }
        // Never shorter than what was typed (a case-insensitive match keeps the reader's case).
        let text = shared.count >= typed.count ? String(shared) : typed
        return (text, fitting)
    }
}
