import Foundation

/// The fixture web site in `Tests/FixtureSite/` (see its README), read straight from disk.
enum FixtureSite {
    /// The site's folder, found from this source file.
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("FixtureSite")

    /// The bytes of a file of the site, by its path inside it.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: folder.appendingPathComponent(path)))
    }

    /// The address a test pretends the file came from.
    static func url(_ path: String) -> String { "http://127.0.0.1:8080/" + path }
}
