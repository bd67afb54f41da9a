import Foundation
import TidingsFeeds
import TidingsLibrary

/// Local web pages and feeds given to `tidings import`: read once through the same reader as
/// `fetch`; their posts are stored but the files do not become sources (only `fetch` adds those).
enum WebImport {
    /// Endings that mark a saved web page or feed rather than a text archive page.
    static let endings: Set<String> = ["html", "htm", "xml", "rss", "atom"]

    /// The arguments that are web files (as `file://` URLs) and the rest, each in order.
    static func split(_ paths: [String]) -> (web: [String], text: [String]) {
        var web: [String] = []
        var text: [String] = []
        for path in paths {
            if path.lowercased().hasPrefix("file://") {
                web.append(path)
            } else if endings.contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
                web.append(URL(fileURLWithPath: path).standardizedFileURL.absoluteString)
            } else {
                text.append(path)
            }
        }
        return (web, text)
    }

    /// Imports the files; returns the exit status their failures call for, if any.
    static func run(_ urls: [String], into library: Library) throws -> Int32? {
        let updater = WebUpdater(
            library: library, client: HTTPClient(), reader: WebUpdater.standardReader,
            options: FetchOptions(pages: 0))
        let reports = BlockingWait.wait { await updater.readOnce(urls) }
        try WebRun.print(reports, json: false)
        return WebRun.exitStatus(reports)
    }
}
