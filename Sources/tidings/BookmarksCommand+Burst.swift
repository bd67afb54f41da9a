import ArgumentParser
import TidingsLibrary

/// `tidings bookmarks burst ID...` (hidden): toggles bookmarks one after another as fast as
/// it can, printing `ack ID on|off` once each toggle is on disk.
///
/// For the crash tests: they kill it with SIGKILL mid-burst and check that every acknowledged
/// state survived. Each line is one `write(2)` (Output does not buffer), so a line on stdout
/// means the commit before it returned.
struct BurstBookmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "burst",
        abstract: "Toggle bookmarks in a loop, acknowledging each durable toggle (for tests).",
        shouldDisplay: false)

    @OptionGroup var options: LibraryOptions
    @Option(help: "How many toggles in all, cycling through the ids.") var count = 1_000_000
    @Argument(help: "Post ids to toggle in turn.") var ids: [String]

    func validate() throws {
        if ids.isEmpty { throw ValidationError("give at least one post id") }
        if count < 0 { throw ValidationError("--count must be 0 or more") }
    }

    func run() throws {
        try reporting {
            let library = try options.openForBookmarks()
            for index in 0..<count {
                let id = ids[index % ids.count]
                let on = try library.toggleBookmark(postID: id)
                Output.line("ack \(id) \(on ? "on" : "off")")
            }
        }
    }
}
