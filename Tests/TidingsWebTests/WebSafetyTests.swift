import Foundation
import Testing
import TidingsCore

@testable import TidingsWeb

@Suite("Untrusted XML: entities, DTDs, amplification")
struct WebSafetyTests {
    private static func allText(_ document: WebDocument) -> String {
        ([document.title ?? ""]
            + document.posts.flatMap { [$0.title, $0.outlet ?? ""] + $0.paragraphs + $0.authors + $0.categories })
            .joined(separator: "\n")
    }

    /// A temporary file holding `text`, removed after `body`.
    private func withTemporaryFile<T>(_ text: String, _ body: (String) throws -> T) throws -> T {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tidings-web-\(UUID().uuidString)")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    @Test("an external entity naming a local file never puts its text into a post")
    func externalEntityFile() throws {
        let secret = "TIDINGS-SECRET-\(UUID().uuidString)"
        try withTemporaryFile(secret) { path in
            let xml = """
                <?xml version="1.0"?>
                <!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://\(path)"><!ENTITY plain SYSTEM "\(path)">]>
                <rss><channel><title>T &xxe;</title>
                <item><title>Item &plain;</title><description>A&xxe;B&plain;C</description></item>
                <item><title>Second</title><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>
                """
            let document = try WebDocumentReader.read(Array(xml.utf8), url: "http://127.0.0.1:1/xxe", contentType: nil)
            #expect(!Self.allText(document).contains(secret))
            #expect(document.posts.count == 2)
            #expect(document.posts[0].paragraphs == ["ABC"], "the text around the entity is kept")
            #expect(document.diagnostics.contains { $0.message.contains("&xxe;") })
        }
    }

    @Test("an external DTD, from a file or over the network, is never read")
    func externalDTD() throws {
        let secret = "TIDINGS-DTD-SECRET-\(UUID().uuidString)"
        let listener = try LocalListener()
        try withTemporaryFile("<!ENTITY secret \"\(secret)\">") { path in
            let forms = [
                "<!DOCTYPE rss SYSTEM \"file://\(path)\">",
                "<!DOCTYPE rss [<!ENTITY % ext SYSTEM \"file://\(path)\"> %ext;]>",
                "<!DOCTYPE rss SYSTEM \"http://127.0.0.1:\(listener.port)/rss.dtd\">",
                "<!DOCTYPE rss [<!ENTITY % net SYSTEM \"http://127.0.0.1:\(listener.port)/x.dtd\"> %net;]>",
            ]
            for doctype in forms {
                let xml =
                    "<?xml version=\"1.0\"?>\n\(doctype)\n<rss><channel><title>T</title><item><title>I</title><description>a&secret;b</description></item></channel></rss>"
                do {
                    let document = try WebDocumentReader.read(
                        Array(xml.utf8), url: "http://127.0.0.1:1/dtd", contentType: nil)
                    #expect(!Self.allText(document).contains(secret), "\(doctype)")
                } catch let error as WebContentError {
                    #expect(!error.reason.contains(secret))
                }
            }
        }
        #expect(listener.connectionsAttempted() == 0, "no DTD was fetched")
    }

    @Test("the XXE fixture reads neither /etc/passwd nor the network")
    func xxeFixture() throws {
        let document = try WebDocumentReader.read(
            try FixtureSite.bytes("bad/xxe.xml"), url: FixtureSite.url("bad/xxe.xml"), contentType: nil)
        #expect(!Self.allText(document).contains("root:"))
        #expect(document.posts.first?.paragraphs == ["BeforeMiddleAfter"])
    }

    @Test("entity amplification (billion laughs): libxml2 refuses the document; smaller nests are not expanded")
    func billionLaughs() throws {
        let url = FixtureSite.url("bad/billion-laughs.xml")
        let bytes = try FixtureSite.bytes("bad/billion-laughs.xml")
        #expect(throws: WebContentError.self) { try WebDocumentReader.read(bytes, url: url, contentType: nil) }
        do {
            _ = try WebDocumentReader.read(bytes, url: url, contentType: nil)
        } catch {
            #expect(error.url == url)
            #expect(error.reason.hasPrefix("malformed XML"))
        }
        // libxml2 refuses even a thousandfold nest; a small one it lets through, and Tidings
        // expands no entity that refers to another.
        let small = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
            <rss><channel><title>T</title><item><title>Laughs</title><description>[&b;&b;&b;]</description></item></channel></rss>
            """
        let document = try WebDocumentReader.read(Array(small.utf8), url: "http://127.0.0.1:1/small", contentType: nil)
        #expect(document.posts.first?.paragraphs == ["[]"], "nothing between the brackets")
        #expect(document.posts.first?.outlet == nil)
        #expect(document.diagnostics.contains { $0.message.contains("&b;") })
    }

    @Test("plain internal entities are expanded, within a budget")
    func internalEntities() throws {
        let xml = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY agency "Korean Central News Agency">]>
            <rss><channel><title>T</title><item><title>By the &agency;</title><description>Said the &agency;.</description></item></channel></rss>
            """
        let document = try WebDocumentReader.read(Array(xml.utf8), url: "http://127.0.0.1:1/ent", contentType: nil)
        #expect(document.posts.first?.title == "By the Korean Central News Agency")

        let big = String(repeating: "x", count: 40_000)
        let greedy = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY big "\(big)">]>
            <rss><channel><title>T</title><item><title>Big</title><description>&big;&big;&big;&big;</description></item></channel></rss>
            """
        let bounded = try WebDocumentReader.read(Array(greedy.utf8), url: "http://127.0.0.1:1/big", contentType: nil)
        let length = bounded.posts.first?.paragraphs.joined().utf8.count ?? 0
        #expect(length <= LibXML.entityBudget)
        #expect(length >= 40_000)
    }
}

/// A TCP socket listening on 127.0.0.1 (an ephemeral port) that only counts who connects.
final class LocalListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, listen(socket, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        self.port = UInt16(bigEndian: address.sin_port)
        _ = fcntl(socket, F_SETFL, fcntl(socket, F_GETFL) | O_NONBLOCK)
    }

    /// Connections waiting to be accepted (each is accepted and closed).
    func connectionsAttempted() -> Int {
        var count = 0
        while true {
            let client = accept(socket, nil, nil)
            if client < 0 { return count }
            close(client)
            count += 1
        }
    }

    deinit { close(socket) }
}
