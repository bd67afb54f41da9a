import TidingsCore
import TidingsLibrary
import TidingsWeb

extension WebUpdater {
    /// The reader `tidings` uses: TidingsWeb's ``WebDocumentReader`` (feed or page told apart by
    /// content, no entity or DTD ever loaded), its document turned into what the library stores.
    public static let standardReader: DocumentReader = { bytes, url, contentType in
        let document = try WebDocumentReader.read(bytes, url: url, contentType: contentType)
        let page = WebPage(
            url: document.url, kind: document.kind == .feed ? .feed : .pages, title: document.title,
            header: document.header, posts: document.posts)
        return ReadDocument(
            page: page, nextPage: document.nextPage, diagnostics: document.diagnostics.map(\.description))
    }
}
