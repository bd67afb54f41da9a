import ArgumentParser
import TidingsLibrary

/// `tidings categories`: the names posts are grouped by, with counts.
struct Categories: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List categories (or authors, tags, outlets) with post counts.")

    @OptionGroup var options: LibraryOptions
    @Option(help: ArgumentHelp("What to group by: category, tag, author or outlet.", valueName: "facet"))
    var by: Facet = .category
    @Flag(help: "Print JSON Lines: {\"name\": …, \"count\": …}.") var json = false

    func run() throws {
        try reporting {
            for entry in try options.open().counts(by: by) {
                if json {
                    try Output.json(entry)
                } else {
                    Output.line(String(entry.count).leftAligned(7) + " " + entry.name)
                }
            }
        }
    }
}

extension Facet: ExpressibleByArgument {}

extension String {
    /// Right-aligns the string in `width` columns (numbers in tables).
    func leftAligned(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
