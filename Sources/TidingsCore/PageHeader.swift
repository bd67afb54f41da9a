/// The header line at the top of an archive page, which applies to every post on it.
public enum PageHeader: Hashable, Sendable {
    case category(String)
    case tag(String)
    case author(String)
    /// `Monthly Archives: May 2019` (and daily or yearly archives): no label, only the page kind.
    case dateArchive(String)
    /// `Search Results for: …`: no label.
    case searchResults(String)

    /// The label the header gives each post on the page, if any.
    public var label: PostLabel? {
        switch self {
        case .category(let name): return PostLabel(.category, name)
        case .tag(let name): return PostLabel(.tag, name)
        case .author(let name): return PostLabel(.author, name)
        case .dateArchive, .searchResults: return nil
        }
    }

    /// Recognises a header line; `line` is already trimmed.
    public init?(line: String) {
        let forms: [(prefix: String, make: (String) -> PageHeader)] = [
            ("Category:", PageHeader.category),
            ("Tag:", PageHeader.tag),
            ("Author Archives for ", PageHeader.author),
            ("Author Archives:", PageHeader.author),
            ("Author:", PageHeader.author),
            ("Monthly Archives:", PageHeader.dateArchive),
            ("Daily Archives:", PageHeader.dateArchive),
            ("Yearly Archives:", PageHeader.dateArchive),
            ("Search Results for:", PageHeader.searchResults),
        ]
        // Only the start of the line is compared: a huge line (a 200 MB file of one line) must
        // not be counted and lowercased whole, once per form.
        let start = String(line.prefix(32)).lowercased()
        for form in forms where !line.dropFirst(form.prefix.count).isEmpty && start.hasPrefix(form.prefix.lowercased())
        {
            let value = String(line.dropFirst(form.prefix.count)).trimmingWhitespace()
            if value.isEmpty { return nil }
            self = form.make(value)
            return
        }
        return nil
    }
}
