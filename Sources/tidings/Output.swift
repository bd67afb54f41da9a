import Foundation
import Glibc
import TidingsCore
import TidingsScreen

/// Everything the command prints goes through here, so archive text is always sanitised.
enum Output {
    /// Prints one line of text for people to stdout, stripped of control and escape sequences.
    static func line(_ text: String) {
        writeLine(visible(text), to: FileHandle.standardOutput)
    }

    /// Most combining marks kept on one character, as the browser keeps in a cell (ncurses'
    /// limit): 5,000 stacked marks print as a tall smear that hides the lines around it.
    static let marksPerCharacter = 4

    /// `text` as people see it printed: sanitised, and each character's combining marks cut
    /// to ``marksPerCharacter``.
    static func visible(_ text: String) -> String {
        let clean = Sanitizer.clean(text)
        guard clean.contains(where: { $0.unicodeScalars.count > 1 + marksPerCharacter }) else { return clean }
        var out = String.UnicodeScalarView()
        for character in clean {
            out.append(contentsOf: character.unicodeScalars.prefix(1 + marksPerCharacter))
        }
        return String(out)
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
    ///
    /// The one output point: a terminal whose locale is not UTF-8 gets ASCII only
    /// (``ASCIIFallback``), since it may read UTF-8's bytes 0x80–0x9F as C1 controls.
    static func write(_ data: Data, to handle: FileHandle) {
        var data = data
        if !localeIsUTF8, isatty(handle.fileDescriptor) == 1, data.contains(where: { $0 >= 0x80 }) {
            data = Data(ASCIIFallback.ascii(String(decoding: data, as: UTF8.self)).utf8)
        }
        try? handle.write(contentsOf: data)
    }

    /// Whether the user's locale (LANG, LC_ALL, LC_CTYPE) is UTF-8; read once.
    static let localeIsUTF8 = ASCIIFallback.environmentIsUTF8()
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
