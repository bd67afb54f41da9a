import Foundation
import TidingsCore
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
            } else if RawPath.hasRawBytes(path), endings.contains(path.split(separator: ".").last?.lowercased() ?? "") {
                web.append(fileURL(ofRawPath: path))
            } else if endings.contains(URL(fileURLWithPath: path).pathExtension.lowercased()) {
                web.append(URL(fileURLWithPath: path).standardizedFileURL.absoluteString)
            } else {
                text.append(path)
            }
        }
        return (web, text)
    }

    /// A `file://` URL of a path whose name is not UTF-8 (``RawPath``): every byte outside
    /// the unreserved ASCII letters percent-encoded, which the HTTP client decodes back to
    /// bytes. Foundation's file URLs encode the `String`, which would name another file.
    static func fileURL(ofRawPath path: String) -> String {
        var bytes = RawPath.bytes(of: path)
        if bytes.first != UInt8(ascii: "/") {
            let here = FileManager.default.currentDirectoryPath
            bytes = RawPath.bytes(of: here) + [UInt8(ascii: "/")] + bytes
        }
        let kept = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/".utf8)
        var url = "file://"
        for byte in bytes {
            if kept.contains(byte) {
                url.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                url += "%" + (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }
        }
        return url
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
