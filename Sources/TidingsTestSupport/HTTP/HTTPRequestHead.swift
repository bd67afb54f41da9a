import Glibc

/// The request line and headers of one HTTP/1.1 request, read with a bound.
struct HTTPRequestHead {
    var method: String
    /// The request target as sent (path and query).
    var path: String
    /// Header names in lower case; a repeated header keeps its last value.
    var headers: [String: String]

    /// Largest request head accepted; a client that sends more is dropped.
    static let limit = 64 * 1024

    /// Reads up to the blank line that ends the head; nil for a closed, slow (the socket's
    /// receive timeout), oversized or malformed request, or one that is not HTTP at all.
    static func read(from socket: Int32, notHTTP: inout Bool) -> HTTPRequestHead? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while bytes.count < limit {
            let count = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return nil }
            bytes.append(contentsOf: chunk[0..<count])
            // Not a request line (a TLS ClientHello starts 0x16): no point waiting for more.
            guard let first = bytes.first, (0x41...0x5A).contains(first) else {
                notHTTP = true
                return nil
            }
            if let end = headEnd(bytes) { return parse(bytes[..<end]) }
        }
        return nil
    }

    private static func headEnd(_ bytes: [UInt8]) -> Int? {
        guard bytes.count >= 4 else { return nil }
        for index in 0...(bytes.count - 4)
        where bytes[index] == 13 && bytes[index + 1] == 10
            && bytes[index + 2] == 13 && bytes[index + 3] == 10
        {
            return index
        }
        return nil
    }

    private static func parse(_ bytes: ArraySlice<UInt8>) -> HTTPRequestHead? {
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\r\n", omittingEmptySubsequences: false)
        guard let requestLine = lines.first else { return nil }
        let parts = requestLine.split(separator: " ")
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: " \t")
        }
        return HTTPRequestHead(method: String(parts[0]), path: String(parts[1]), headers: headers)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var slice = self[...]
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
