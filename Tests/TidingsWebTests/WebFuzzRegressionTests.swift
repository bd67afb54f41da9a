import Foundation
import Testing

@testable import TidingsWeb

/// Replays `FuzzRegressions/web/` (inputs found by `tidings-fuzz web` or kept to guard a past
/// bug) and every file of the fixture site through the fuzzer's own check, ``WebSelfCheck``.
@Suite("Web reader fuzz regressions")
struct WebFuzzRegressionTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("FuzzRegressions/web")

    static func files(under folder: URL) -> [URL] {
        let found =
            FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        return found.filter { !$0.hasDirectoryPath && $0.pathExtension != "md" }.sorted { $0.path < $1.path }
    }

    @Test("every regression input and fixture passes the self-check")
    func replay() throws {
        let inputs = Self.files(under: Self.folder) + Self.files(under: FixtureSite.folder)
        #expect(inputs.count >= 20)
        for file in inputs {
            let bytes = [UInt8](try Data(contentsOf: file))
            #expect(WebSelfCheck.failure(reading: bytes) == nil, "\(file.lastPathComponent)")
            #expect(
                WebSelfCheck.failure(reading: bytes, contentType: "text/html; charset=windows-1252") == nil,
                "\(file.lastPathComponent) as Windows-1252")
        }
    }

    @Test("the self-check reads what it is given: a page with a post passes, a page without posts throws")
    func checkReads() throws {
        let page = "<article><h2 class=\"entry-title\">T</h2><div class=\"entry-content\"><p>x</p></div></article>"
        #expect(WebSelfCheck.failure(reading: Array(page.utf8)) == nil)
        #expect(
            try WebDocumentReader.read(Array(page.utf8), url: "http://127.0.0.1/fuzz", contentType: nil).posts.count
                == 1)
        #expect(
            WebSelfCheck.failure(reading: Array("<p>no posts</p>".utf8)) == nil,
            "a thrown error naming the URL is consistent")
    }
}
