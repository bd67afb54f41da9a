/// Why a config file cannot be used, and where: the one message the user sees.
///
/// Printed as `PATH:LINE:COLUMN: REASON` (the form editors jump to); line and column count
/// from 1, the column in characters.
public struct ConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    /// Where the offending key or value starts; nil when the problem is the file as a whole
    /// (missing, unreadable, not UTF-8).
    public var position: SourcePosition?
    public var reason: String

    public init(path: String, position: SourcePosition?, reason: String) {
        self.path = path
        self.position = position
        self.reason = reason
    }

    public var description: String {
        guard let position else { return "\(path): \(reason)" }
        return "\(path):\(position.line):\(position.column): \(reason)"
    }
}

/// A line and column in a config file, both from 1.
public struct SourcePosition: Hashable, Sendable, Comparable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    /// The start of the file, where problems without a better place are reported.
    public static let start = SourcePosition(line: 1, column: 1)
}
