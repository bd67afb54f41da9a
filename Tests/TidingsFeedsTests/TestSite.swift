import Foundation
import TidingsCore
import TidingsFeeds
import TidingsLibrary
import TidingsTestSupport

/// A site the updater tests write and serve: listing pages in a small JSON form, read by
/// ``TestSite/reader``, so that the updater's own logic (pagination, politeness, merging,
/// faults) is tested apart from the HTML and feed parsers, whose own tests cover them.
struct TestSite {
    struct Entry: Codable {
        var title: String
        var body: [String]
        var url: String?
        var categories: [String] = []
    }

    struct Listing: Codable {
        var title: String
        var kind: String
        var next: String?
        var posts: [Entry]
    }

    /// Reads a ``Listing``; anything else is "not a page of this site".
    static let reader: DocumentReader = { bytes, url, _ in
        guard let listing = try? JSONDecoder().decode(Listing.self, from: Data(bytes)) else {
            throw TestSiteError.unreadable(url)
        }
        let posts = listing.posts.map { entry in
            Post(
                id: PostIdentity.id(title: entry.title, outlet: nil, paragraphs: entry.body), title: entry.title,
                paragraphs: entry.body, outlet: nil, date: nil, categories: entry.categories, url: entry.url)
        }
        let next = listing.next.flatMap { URL(string: $0, relativeTo: URL(string: url))?.absoluteString }
        return ReadDocument(
            page: WebPage(
                url: url, kind: listing.kind == "feed" ? .feed : .pages, title: listing.title,
                header: nil, posts: posts), nextPage: next)
    }

    /// A listing page's bytes: posts numbered `from` down to `to`, with a link to `next`.
    static func page(_ name: String, posts numbers: [Int], next: String?) -> [UInt8] {
        let listing = Listing(
            title: name, kind: "pages", next: next,
            posts: numbers.map { number in
                Entry(
                    title: "\(name) story \(number)", body: ["Paragraph of story \(number) on \(name)."],
                    url: "https://site.example/\(name)/\(number)/", categories: [name])
            })
        return [UInt8](try! JSONEncoder().encode(listing))
    }

    /// Serves `name` as a listing of `count` posts, newest first, `perPage` on each page:
    /// `/name/`, `/name/page/2/`…
    static func serve(_ name: String, posts count: Int, perPage: Int, on server: FixtureServer) {
        let numbers = Array((1...count).reversed())
        let chunks = stride(from: 0, to: numbers.count, by: perPage).map {
            Array(numbers[$0..<min($0 + perPage, numbers.count)])
        }
        for (index, chunk) in chunks.enumerated() {
            let path = index == 0 ? "/\(name)/" : "/\(name)/page/\(index + 1)/"
            let next = index + 1 < chunks.count ? "/\(name)/page/\(index + 2)/" : nil
            server.route(path, .content(page(name, posts: chunk, next: next), contentType: "application/json"))
        }
    }
}

enum TestSiteError: Error, CustomStringConvertible {
    case unreadable(String)
    var description: String {
        switch self {
        case .unreadable: return "neither a feed nor a page of posts"
        }
    }
}

/// A folder under /tmp for one test's library.
final class Scratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tidings-feeds-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func library() throws -> Library { try Library(path: path + "/library.sqlite") }
}
