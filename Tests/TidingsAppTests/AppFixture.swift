import Foundation
import TidingsLibrary

/// A real library in a folder of its own under /tmp, imported from a small invented page.
final class AppFixture {
    let folder: String
    let library: Library
    /// Post ids in archive order.
    let ids: [String]

    /// Twelve posts; those with an even index mention the harbour, the others the market.
    init() throws {
        folder = NSTemporaryDirectory() + "tidings-app-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var page = "Category: Economy\n\n"
        for index in 0..<12 {
            let topic = index.isMultiple(of: 2) ? "harbour" : "market"
            page += "Story \(index) about the \(topic)\n\nPosted on March \(index + 1), 2019 by Jane Holloway\n\n"
            page += "The \(topic) was busy on day \(index), and traders said so.\n\n[Wire]\n\n"
        }
        try Data(page.utf8).write(to: URL(fileURLWithPath: folder + "/page.txt"))
        library = try Library(path: folder + "/library.sqlite")
        _ = try library.importArchives(at: [folder + "/page.txt"])
        ids = try library.posts().map(\.id)
    }

    deinit { try? FileManager.default.removeItem(atPath: folder) }
}
