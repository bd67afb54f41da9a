extension WebUpdater {
    /// TEMPORARY until webparse lands.
    public static let standardReader: DocumentReader = { _, url, _ in
        struct Missing: Error, CustomStringConvertible { var description: String { "no reader yet" } }
        throw Missing()
    }
}
