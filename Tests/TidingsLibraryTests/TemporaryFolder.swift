import Foundation
import TidingsLibrary
import TidingsTestSupport

/// A folder under /tmp that lives for one test, with helpers to write archive pages into it.
final class TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "tidings-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` inside the folder and returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, bytes: Array(text.utf8))
    }

    @discardableResult
    func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        return file
    }

    /// A fresh library file inside the folder.
    func library(_ name: String = "library.sqlite") throws -> Library {
        try Library(path: path + "/" + name)
    }

    /// A fresh library of a generated corpus (``CorpusGenerator``), imported the way
    /// `tidings import` does.
    func generatedLibrary(posts: Int, pages: Int, seed: UInt64) throws -> Library {
        let generator = CorpusGenerator(posts: posts, pages: pages, seed: seed)
        for index in 0..<generator.pages {
            try write("corpus/" + generator.fileName(ofPage: index), generator.page(index))
        }
        let library = try library()
        _ = try library.importArchives(at: [path + "/corpus"])
        return library
    }
}

/// Builds archive page text from a compact description, so tests read like the pages they make.
enum Page {
    static func post(
        _ title: String, date: String = "", author: String = "", body: [String], outlet: String? = nil
    ) -> String {
        var text = "\(title)\n\nPosted on \(date.isEmpty ? "" : date + " ")by\(author.isEmpty ? "" : " " + author)\n\n"
        text += body.map { $0 + "\n\n" }.joined()
        if let outlet { text += "[\(outlet)]\n\n" }
        return text
    }

    static func make(header: String?, _ posts: String...) -> String {
        make(header: header, posts: posts)
    }

    static func make(header: String?, posts: [String]) -> String {
        (header.map { $0 + "\n\n" } ?? "") + posts.joined()
    }
}
