import Foundation

@testable import TidingsCore

/// Parser fixtures in `Fixtures/`, read from the source tree (see Fixtures/README.md).
enum Fixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// Parses fixture `name`, naming it by its file name in diagnostics.
    static func page(_ name: String) throws -> ArchivePage {
        ArchiveParser.parse(bytes: try bytes(name), file: name)
    }
}

extension ArchivePage {
    var titles: [String] { posts.map(\.title) }
    var outlets: [String?] { posts.map(\.outlet) }
    var messages: [String] { diagnostics.map(\.description) }
}
