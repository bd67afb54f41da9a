/// How deep and how wide a run reads.
public struct FetchOptions: Sendable, Equatable {
    /// Pages of a listing to read at most (following its "next" links); 0 reads them all.
    public var pages: Int
    /// Sources fetched at once at most; never more than one per host (host and port).
    public var concurrentSources: Int

    public init(pages: Int = 10, concurrentSources: Int = 4) {
        self.pages = pages
        self.concurrentSources = concurrentSources
    }
}
