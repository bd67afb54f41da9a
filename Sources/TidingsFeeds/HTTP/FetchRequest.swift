/// One request: the URL and, for a polite update, what the last answer said of its version.
public struct FetchRequest: Sendable, Equatable {
    public var url: String
    /// The `ETag` of the last answer, sent back as `If-None-Match`.
    public var etag: String?
    /// The `Last-Modified` of the last answer, sent back as `If-Modified-Since`.
    public var lastModified: String?

    public init(url: String, etag: String? = nil, lastModified: String? = nil) {
        self.url = url
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// What a fetch brought back.
public enum FetchResponse: Sendable, Equatable {
    /// 304: the resource has not changed since the version the request named.
    case notModified(url: String)
    case body(FetchedBody)
}

/// A complete response body (decompressed), with what is needed to read it and ask again.
public struct FetchedBody: Sendable, Equatable {
    /// The URL the body came from, after redirects: relative links resolve against it.
    public var url: String
    public var bytes: [UInt8]
    public var contentType: String?
    public var etag: String?
    public var lastModified: String?

    public init(
        url: String, bytes: [UInt8], contentType: String? = nil, etag: String? = nil, lastModified: String? = nil
    ) {
        self.url = url
        self.bytes = bytes
        self.contentType = contentType
        self.etag = etag
        self.lastModified = lastModified
    }
}

/// The limits every request runs under.
public struct FetchLimits: Sendable, Equatable {
    /// Time allowed for a whole request, from connecting to the last byte, redirects included:
    /// a server that trickles a byte a second is cut off like one that says nothing.
    public var timeout: Double
    /// Largest body accepted, counted while it arrives (after decompression).
    public var maxBytes: Int
    public var maxRedirects: Int

    public init(timeout: Double = 30, maxBytes: Int = 20_000_000, maxRedirects: Int = 10) {
        self.timeout = timeout
        self.maxBytes = maxBytes
        self.maxRedirects = maxRedirects
    }
}
