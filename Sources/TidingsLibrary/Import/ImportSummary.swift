import TidingsCore

/// What an import did, for the one-line summary and the exit status.
public struct ImportSummary: Equatable, Sendable, CustomStringConvertible {
    /// Files whose text was read (changed or new).
    public var filesRead = 0
    /// Files skipped because they had not changed since the last import.
    public var filesUnchanged = 0
    /// Files that could not be imported at all (unreadable, empty, binary, no posts).
    public var filesRejected = 0
    public var postsNew = 0
    public var postsUpdated = 0
    public var postsUnchanged = 0
    /// Posts that left the library because the file they came from no longer has them.
    public var postsRemoved = 0
    public var diagnostics: [Diagnostic] = []

    public init() {}

    public var warnings: Int { diagnostics.filter { $0.severity == .warning }.count }
    public var errors: Int { diagnostics.filter { $0.severity == .error }.count }

    /// Whether everything was read cleanly (exit status 0) or not (65).
    public var isClean: Bool { errors == 0 && filesRejected == 0 }

    public var description: String {
        func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        var parts = [
            "\(plural(filesRead + filesUnchanged + filesRejected, "file")) (\(filesRead) read, \(filesUnchanged) unchanged, \(filesRejected) rejected)",
            "posts: \(postsNew) new, \(postsUpdated) updated, \(postsUnchanged) unchanged",
        ]
        if postsRemoved > 0 { parts.append("\(postsRemoved) removed") }
        parts.append(plural(warnings, "warning"))
        parts.append(plural(errors, "error"))
        return parts.joined(separator: "; ")
    }
}
