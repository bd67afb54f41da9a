/// Why a pseudo-terminal could not be opened or its program started or waited for.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }
}
