import Foundation

/// What the fixture server answers for one path: a file, a status, or a fault.
public enum FixtureResponse: Sendable {
    /// A body with its type; ETag, Last-Modified, 304 and gzip apply as for files.
    case content([UInt8], contentType: String)
    /// A bare status with a short text body (404, 500…).
    case status(Int)
    /// A redirect to `location` (absolute, or a path on this server).
    case redirect(to: String, status: Int = 302)
    /// Reads the request, then says nothing until the server stops.
    case stall
    /// Declares `length` bytes and sends one every `interval` seconds.
    case trickle(length: Int, interval: Double)
    /// Declares and sends `bytes` bytes of filler, as fast as the client reads.
    case huge(bytes: Int)
    /// Sends `bytes` with no Content-Length, closing the connection at the end.
    case unsized([UInt8], contentType: String)
}

/// One request as the server saw it, for tests to assert on.
public struct RecordedRequest: Sendable {
    public var method: String
    public var path: String
    /// Header names in lower case.
    public var headers: [String: String]
    /// When the request was read and when its answer was finished (or abandoned).
    public var started: Date
    public var finished: Date?
    /// Requests being answered at the moment this one was read, itself included.
    public var concurrent: Int

    public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Where the fixture files live: `Tests/FixtureSite/` of this checkout, found from this
/// source file's own path, so tests work from any current directory.
public enum FixturePaths {
    public static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath)  // Sources/TidingsTestSupport/HTTP/FixtureResponse.swift
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    public static var fixtureSite: URL { repositoryRoot.appendingPathComponent("Tests/FixtureSite") }
}
