import Foundation
import TidingsCore
import TidingsScreen

/// Everything the command prints goes through here, so archive text is always sanitised.
enum Output {
    /// Prints one line of text for people to stdout, stripped of control and escape sequences.
    static func line(_ text: String) {
        writeLine(Sanitizer.clean(text), to: FileHandle.standardOutput)
    }

    /// Prints an informational line to stderr, keeping stdout for data.
    static func info(_ message: String) {
        writeLine(Sanitizer.clean(message), to: FileHandle.standardError)
    }

    /// Prints `tidings: message` to stderr, sanitised (file names and post text may be hostile).
    static func error(_ message: String) {
        writeLine("tidings: " + Sanitizer.clean(message), to: FileHandle.standardError)
    }

    /// Prints a diagnostic to stderr in `FILE:LINE: severity: message` form, sanitised.
    static func diagnostic(_ diagnostic: Diagnostic) {
        writeLine(Sanitizer.clean(diagnostic.description), to: FileHandle.standardError)
    }

    /// Prints a JSON value on one line (JSON Lines). JSONEncoder escapes C0 controls; C1, bidi
    /// and other invisible characters are escaped too (see ``JSONText``), so archive text piped
    /// to a terminal can never act on it.
    static func json(_ value: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var data = JSONText.escapingInvisibles(try encoder.encode(value))
        data.append(0x0A)
        write(data, to: FileHandle.standardOutput)
    }

    /// Whether stdout is a terminal (a person reads it) rather than a pipe or a file.
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    private static func writeLine(_ text: String, to handle: FileHandle) {
        write(Data((text + "\n").utf8), to: handle)
    }

    /// Writes without trapping: `FileHandle.write(_:)` crashes the process (SIGILL) when the
    /// write fails, say on a full disk; a lost line must not turn exit status 74 into a crash.
    static func write(_ data: Data, to handle: FileHandle) {
        try? handle.write(contentsOf: data)
    }
}

/// A post as `--json` prints it: every field present, `null` where unknown.
struct PostJSON: Encodable {
    var post: Post
    /// The reader's marks, when known: `read` and `bookmarked` in the object.
    var isRead: Bool?
    var isBookmarked: Bool?

    enum Key: String, CodingKey {
        case id, title, categories, tags, authors, outlet, date, url, paragraphs, read, bookmarked
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(post.id, forKey: .id)
        try container.encode(post.title, forKey: .title)
        try container.encode(post.categories, forKey: .categories)
        try container.encode(post.tags, forKey: .tags)
        try container.encode(post.authors, forKey: .authors)
        try container.encode(post.outlet, forKey: .outlet)
        try container.encode(post.date?.iso, forKey: .date)
        try container.encode(post.url, forKey: .url)
        try container.encode(post.paragraphs, forKey: .paragraphs)
        try container.encodeIfPresent(isRead, forKey: .read)
        try container.encodeIfPresent(isBookmarked, forKey: .bookmarked)
    }
}
