import TidingsScreen

/// The `:` prompt: typing a command by name, completing it with Tab, running it with Enter.
extension AppState {
    /// A key while the prompt is open, read as on the search line (``KeyTable/lineInput(for:)``):
    /// the table's `keep-filter` runs the line, `clear-search` (or `delete-back` on an empty
    /// line) leaves it, the other edits edit, printable keys are typed, and Tab completes.
    /// Esc always leaves, whatever it is bound to: the config lets a user unbind an edit on
    /// the promise that every mode keeps a way out.
    mutating func handlePrompt(_ key: Key, _ current: CommandPrompt) -> [Effect] {
        var prompt = current
        if key == .escape {
            self.prompt = nil
            return []
        }
        switch keyTable.lineInput(for: key) {
        case .edit(.accept)?:
            self.prompt = nil
            return run(prompt.line.text)
        case .edit(.cancel)?:
            self.prompt = nil
            return []
        case .edit(.deleteBack)? where prompt.line.characters.isEmpty:
            self.prompt = nil
            return []
        case .edit(let edit)?:
            prompt.line.apply(edit)
            prompt.candidates = []
        case .character(let character)?:
            if !prompt.line.insert(String(character)) {
                message = "The prompt holds \(SearchLine.maximumLength) characters; the rest was dropped"
            }
            prompt.candidates = []
        case nil:
            guard key == .tab else { return [] }
            let completed = PromptWords.complete(
                prompt.line.text, table: keyTable, tabTitles: tabs.map { Sanitizer.clean($0.title) })
            prompt.line = SearchLine(completed.text)
            prompt.candidates = completed.candidates
            if completed.candidates.isEmpty, completed.text == current.line.text {
                message = "Nothing to complete: \(keyTable.label(of: .help) ?? "?") lists the commands"
            }
        }
        self.prompt = prompt
        return []
    }

    /// Runs a line of the prompt: a command's name, `tab NAME|N` or `search QUERY`.
    private mutating func run(_ line: String) -> [Effect] {
        let words = line.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let first = words.first else { return [] }
        let word = String(first)
        let rest = words.count > 1 ? String(words[1].drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) : ""
        switch PromptWords.meaning(of: word, in: keyTable) {
        case .tab?:
            return goToTab(named: rest)
        case .search?:
            openSearch()
            guard !rest.isEmpty else { return [] }
            typeIntoSearchLine(rest)
            // Kept as Enter keeps it: the results are browsed, the filter stays.
            searches[activeTab]?.isEditing = false
            return []
        case .command(let command)?:
            guard rest.isEmpty else {
                message = "\(word) takes nothing after it"
                return []
            }
            // The command's own first key, for the few that look at it (Esc's `back` clears a search).
            return perform(command, key: keyTable.binding(for: command)?.keys.first ?? .enter)
        case nil:
            let shown = TextLayout.truncate(Sanitizer.clean(word), toColumns: 30)
            message = "No command \(shown): Tab completes the names, \(keyTable.label(of: .help) ?? "?") lists them"
            return []
        }
    }

    /// `:tab NAME`: the tab whose title is `name` (any case), else the one it begins; `:tab N`
    /// the N-th tab.
    private mutating func goToTab(named name: String) -> [Effect] {
        guard !name.isEmpty else {
            message = "tab needs a tab's name or number: :tab All"
            return []
        }
        if let number = Int(name) {
            guard tabs.indices.contains(number - 1) else {
                message =
                    tabs.count == 1
                    ? "No tab \(number): there is 1 tab" : "No tab \(number): there are \(tabs.count) tabs"
                return []
            }
            return switchTab(to: tabs[number - 1].kind)
        }
        let wanted = name.lowercased()
        let exact = tabs.first { Sanitizer.clean($0.title).lowercased() == wanted }
        let starting = tabs.filter { Sanitizer.clean($0.title).lowercased().hasPrefix(wanted) }
        guard let tab = exact ?? (starting.count == 1 ? starting.first : nil) else {
            let shown = TextLayout.truncate(Sanitizer.clean(name), toColumns: 30)
            message = starting.isEmpty ? "No tab named \(shown)" : "More than one tab begins \(shown): Tab lists them"
            return []
        }
        return switchTab(to: tab.kind)
    }
}
