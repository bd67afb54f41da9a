/// A problem found while reading an archive, with the place it was found.
///
/// Printed as `FILE:LINE: error: MESSAGE` (or without the line when the whole file is
/// concerned), the form editors and terminals already know how to jump to.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    /// Errors mean something was not imported; warnings mean it was, with a caveat.
    public enum Severity: String, Hashable, Sendable, Codable {
        case error, warning
    }

    public var severity: Severity
    public var file: String
    public var line: Int?
    public var message: String

    public init(_ severity: Severity, file: String, line: Int? = nil, _ message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        // A file name that is not UTF-8 is shown with its bytes escaped (`caf\xE9.txt`).
        let name = RawPath.displayed(file)
        let place = line.map { "\(name):\($0)" } ?? name
        return "\(place): \(severity.rawValue): \(message)"
    }
}
