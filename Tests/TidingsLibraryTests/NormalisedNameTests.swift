import Foundation
import Glibc
import Testing
import TidingsCore

@testable import TidingsLibrary

/// Two files whose names differ only in Unicode normalisation (`é` as one scalar, and as `e`
/// plus a combining accent) are two files on Linux; Swift's `String` calls them equal.
@Suite struct NormalisedNameTests {
    /// Writes `text` to `folder/name` through the name's exact bytes.
    static func write(_ text: String, named name: String, in folder: String) throws {
        let descriptor = RawPath.withCString(folder + "/" + name) { open($0, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        try #require(descriptor >= 0, "cannot create \(name)")
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        #expect(Glibc.write(descriptor, bytes, bytes.count) == bytes.count)
    }

    /// Before: the import kept one of the two (a `Set<String>` of paths) and said nothing.
    @Test func namesThatDifferOnlyInNormalisationAreTwoFiles() throws {
        let folder = try TemporaryFolder()
        let composed = "caf\u{E9}.txt"
        let decomposed = "cafe\u{301}.txt"
        #expect(composed == decomposed, "Swift compares them canonically")
        #expect(Array(composed.utf8) != Array(decomposed.utf8))
        try Self.write(
            Page.make(header: "Category: Economy", Page.post("Ferry service resumes", body: ["Boats crossed."])),
            named: composed, in: folder.path)
        try Self.write(
            Page.make(header: "Category: Economy", Page.post("Grain prices fall", body: ["Rice was cheaper."])),
            named: decomposed, in: folder.path)
        let library = try Library(path: folder.path + "/library.sqlite")
        let summary = try library.importArchives(at: [folder.path])
        #expect(summary.postsNew == 2, "\(summary)")
        let again = try library.importArchives(at: [folder.path])
        #expect(again.filesUnchanged == 2 && again.postsNew == 0, "\(again)")
    }
}
