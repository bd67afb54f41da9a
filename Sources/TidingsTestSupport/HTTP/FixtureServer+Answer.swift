import Foundation
import Glibc
import TidingsCore

extension FixtureServer {
    /// Answers one request: its programmed response, else the file under ``root``.
    func answer(_ head: HTTPRequestHead, route: FixtureResponse?, on client: Int32) {
        switch route {
        case .content(let bytes, let type)?:
            sendContent(bytes, type: type, head: head, on: client)
        case .status(let code)?:
            send(
                status: code, headers: ["Content-Type": "text/plain"], body: Array("status \(code)\n".utf8), on: client)
        case .redirect(let location, let status)?:
            send(status: status, headers: ["Location": location], body: [], on: client)
        case .stall?:
            // Wait until the client gives up or the server stops (stop() shuts the socket).
            var byte: UInt8 = 0
            var forever = timeval(tv_sec: 0, tv_usec: 0)
            setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &forever, socklen_t(MemoryLayout<timeval>.size))
            while recv(client, &byte, 1, 0) > 0 {}
        case .trickle(let length, let interval)?:
            guard
                write(
                    head: "HTTP/1.1 200 OK", headers: ["Content-Type": "text/html", "Content-Length": "\(length)"],
                    on: client)
            else { return }
            for _ in 0..<length {
                Thread.sleep(forTimeInterval: interval)
                guard writeAll([0x3C], on: client) else { return }
            }
        case .huge(let count)?:
            guard
                write(
                    head: "HTTP/1.1 200 OK", headers: ["Content-Type": "text/html", "Content-Length": "\(count)"],
                    on: client)
            else { return }
            let chunk = [UInt8](repeating: 0x41, count: 64 * 1024)
            var left = count
            while left > 0 {
                guard writeAll(Array(chunk.prefix(left)), on: client) else { return }
                left -= min(left, chunk.count)
            }
        case .unsized(let bytes, let type)?:
            guard write(head: "HTTP/1.1 200 OK", headers: ["Content-Type": type], on: client) else { return }
            _ = writeAll(bytes, on: client)
        case nil:
            sendFile(head, on: client)
        }
    }

    private func sendFile(_ head: HTTPRequestHead, on client: Int32) {
        let path = head.path.split(separator: "?", maxSplits: 1).first.map(String.init) ?? "/"
        guard let root, !path.split(separator: "/").contains(".."),
            let file = resolve(path, in: root), let data = FileManager.default.contents(atPath: file.path)
        else {
            send(status: 404, headers: ["Content-Type": "text/plain"], body: Array("not found\n".utf8), on: client)
            return
        }
        sendContent([UInt8](data), type: Self.contentType(of: file.pathExtension), head: head, on: client)
    }

    private func resolve(_ path: String, in root: URL) -> URL? {
        var file = root.appendingPathComponent(String(path.drop { $0 == "/" }))
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isFolder), isFolder.boolValue {
            file = file.appendingPathComponent("index.html")
        }
        return FileManager.default.fileExists(atPath: file.path) ? file : nil
    }

    /// A body with validators: 304 when the request names this version, gzip when asked.
    private func sendContent(_ bytes: [UInt8], type: String, head: HTTPRequestHead, on client: Int32) {
        let digest = SHA256.hash(bytes).prefix(8).map { String($0, radix: 16) }.joined()
        let etag = "\"\(digest)\""
        let lastModified = Self.lastModified(for: digest)
        var headers = ["Content-Type": type, "ETag": etag, "Last-Modified": lastModified]
        let matches =
            head.headers["if-none-match"].map { $0 == etag }
            ?? head.headers["if-modified-since"].map { $0 == lastModified } ?? false
        if matches {
            send(status: 304, headers: headers, body: nil, on: client)
            return
        }
        var body = bytes
        if head.headers["accept-encoding"]?.contains("gzip") == true, let compressed = gzipped(bytes) {
            body = compressed
            headers["Content-Encoding"] = "gzip"
        }
        send(status: 200, headers: headers, body: body, on: client)
    }

    /// A stable Last-Modified per version: a fixed day plus a few hours from the digest.
    private static func lastModified(for digest: String) -> String {
        let hours = (Int(digest.prefix(4), radix: 16) ?? 0) % 24
        return String(format: "Mon, 02 Jun 2025 %02d:00:00 GMT", hours)
    }

    private func gzipped(_ bytes: [UInt8]) -> [UInt8]? {
        let key = bytes.hashValue
        let (on, cached) = state.withLock { ($0.gzip, $0.gzipCache[key]) }
        guard on else { return nil }
        if let cached { return cached }
        guard let compressed = Gzip.compress(bytes) else { return nil }
        state.withLock { $0.gzipCache[key] = compressed }
        return compressed
    }

    static func contentType(of fileExtension: String) -> String {
        switch fileExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "rss": return "application/rss+xml"
        case "atom": return "application/atom+xml"
        case "xml": return "application/xml"
        case "txt": return "text/plain; charset=utf-8"
        default: return "application/octet-stream"
        }
    }

    private func send(status: Int, headers: [String: String], body: [UInt8]?, on client: Int32) {
        var headers = headers
        if let body { headers["Content-Length"] = "\(body.count)" }
        guard write(head: "HTTP/1.1 \(status) \(Self.reason(status))", headers: headers, on: client) else { return }
        if let body, !body.isEmpty { _ = writeAll(body, on: client) }
    }

    private func write(head: String, headers: [String: String], on client: Int32) -> Bool {
        var text = head + "\r\nConnection: close\r\nServer: TidingsFixture\r\n"
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { text += "\(name): \(value)\r\n" }
        return writeAll(Array((text + "\r\n").utf8), on: client)
    }

    /// Writes everything, false when the client went away (no SIGPIPE: MSG_NOSIGNAL).
    func writeAll(_ bytes: [UInt8], on client: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes {
                Glibc.send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
            }
            if sent < 0, errno == EINTR { continue }
            guard sent > 0 else { return false }
            offset += sent
        }
        return true
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 301: return "Moved Permanently"
        case 302: return "Found"
        case 304: return "Not Modified"
        case 404: return "Not Found"
        case 500: return "Internal Server Error"
        case 503: return "Service Unavailable"
        default: return "Status"
        }
    }
}

/// gzip by the system's `/bin/gzip`: the test support needs compressed bytes, not a library.
public enum Gzip {
    /// The gzip form of `bytes`, or nil when `/bin/gzip` is not there or fails.
    public static func compress(_ bytes: [UInt8]) -> [UInt8]? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-c", "-n"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { return nil }
        // Write on another thread: a large body would fill both pipes and deadlock.
        let writer = Thread {
            try? input.fileHandleForWriting.write(contentsOf: Data(bytes))
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? [UInt8](data) : nil
    }
}
