import TidingsCore

/// Turns the bytes of a web page or feed into posts: the entry point of TidingsWeb.
///
/// What a document is comes from its content: a root element `rss`, `rdf:RDF` or `feed` is a
/// feed (and must be well-formed XML); anything else is read as an HTML archive page, which
/// must hold at least one post. Never fetches anything: no DTD, no entity, no link is followed.
public enum WebDocumentReader {
    /// Reads `bytes`, which came from `url` (after redirects) with the HTTP `contentType`, if
    /// any. Throws for a document that gives no posts at all; single bad posts become
    /// diagnostics and the good ones are still returned.
    public static func read(_ bytes: [UInt8], url: String, contentType: String?) throws(WebContentError) -> WebDocument
    {
        guard bytes.contains(where: { !WebText.isSpace(Unicode.Scalar($0)) }) else {
            throw WebContentError(url: url, reason: "empty document")
        }
        var body = bytes
        // The character set the document or its server declares, in order of authority.
        var declared: WebCharset?
        if let (charset, length) = WebCharset.byteOrderMark(bytes) {
            body = Array(bytes.dropFirst(length))
            declared = charset
        } else if let label = contentType.flatMap(WebCharset.parameter(inContentType:))
            ?? WebCharset.xmlDeclarationEncoding(Array(bytes.drop(while: isASCIISpace)))
        {
            declared = try charset(label, url: url)
        }
        var diagnostics: [Diagnostic] = []
        if let repaired = blankingLateDeclaration(body) {
            body = repaired
            diagnostics.append(Diagnostic(.warning, file: url, "white space before the XML declaration; read anyway"))
        }
        let prepared: (bytes: [UInt8], encoding: String)
        if let declared {
            prepared = declared.prepare(body)
        } else {
            prepared = guess(body, url: url, diagnostics: &diagnostics)
        }

        if let root = LibXML.rootName(prepared.bytes, encoding: prepared.encoding),
            FeedReader.isFeed(rootName: root.name)
        {
            var document = try readFeed(prepared, url: url)
            document.diagnostics = diagnostics + document.diagnostics
            return document
        }

        guard var page = LibXML.parseHTML(prepared.bytes, encoding: prepared.encoding) else {
            throw WebContentError(url: url, reason: "neither a feed nor an archive page with posts")
        }
        if declared == nil, let label = metaCharset(page) {
            var metaCharset = try charset(label, url: url)
            // A page that could say so in ASCII is not UTF-16, whatever its meta tag claims
            // (browsers read such a page as UTF-8 too).
            if case .libxml(let name) = metaCharset, name.hasPrefix("UTF-16") { metaCharset = .utf8 }
            diagnostics.removeAll()
            let again = metaCharset.prepare(body)
            if again.bytes != prepared.bytes || again.encoding != prepared.encoding,
                let reparsed = LibXML.parseHTML(again.bytes, encoding: again.encoding)
            {
                page = reparsed
            }
        }
        var reader = ArchivePageReader(url: url)
        var document = reader.read(page)
        guard !document.posts.isEmpty else {
            throw WebContentError(url: url, reason: "neither a feed nor an archive page with posts")
        }
        document.diagnostics = diagnostics + document.diagnostics
        return document
    }

    private static func readFeed(
        _ prepared: (bytes: [UInt8], encoding: String), url: String
    ) throws(WebContentError) -> WebDocument {
        let parsed = LibXML.parseXML(prepared.bytes, encoding: prepared.encoding)
        guard let root = parsed.root else {
            let problem = parsed.problem ?? LibXML.Problem(line: nil, message: "not XML")
            let place = problem.line.map { " at line \($0)" } ?? ""
            throw WebContentError(url: url, line: problem.line, reason: "malformed XML\(place): \(problem.message)")
        }
        var reader = FeedReader(url: url)
        var document = reader.read(root)
        if !parsed.unexpandedEntities.isEmpty {
            let names = Array(Set(parsed.unexpandedEntities)).sorted().prefix(5).map { "&\($0);" }.joined(
                separator: ", ")
            document.diagnostics.append(Diagnostic(.warning, file: url, "entities left unexpanded: \(names)"))
        }
        return document
    }

    private static func charset(_ label: String, url: String) throws(WebContentError) -> WebCharset {
        guard let charset = WebCharset(label: label) else {
            throw WebContentError(url: url, reason: "unknown character set “\(WebText.line(String(label.prefix(60))))”")
        }
        return charset
    }

    private static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A feed with white space before its XML declaration (a blank line a WordPress plugin
    /// printed) is not well formed, but readers accept it. The declaration is only about the
    /// encoding, already decided, so it is overwritten with spaces: lines keep their numbers.
    private static func blankingLateDeclaration(_ bytes: [UInt8]) -> [UInt8]? {
        let start = bytes.prefix(while: isASCIISpace).count
        guard start > 0, bytes[start...].starts(with: Array("<?xml".utf8)) else { return nil }
        var end = start
        while end + 1 < bytes.count, end - start < 512,
            !(bytes[end] == UInt8(ascii: "?") && bytes[end + 1] == UInt8(ascii: ">"))
        {
            end += 1
        }
        guard end + 1 < bytes.count, bytes[end] == UInt8(ascii: "?") else { return nil }
        var repaired = bytes
        for index in start...(end + 1) where !isASCIISpace(repaired[index]) { repaired[index] = 0x20 }
        return repaired
    }

    /// No declared character set: the text archive's rule, with its warning.
    private static func guess(
        _ bytes: [UInt8], url: String, diagnostics: inout [Diagnostic]
    ) -> (bytes: [UInt8], encoding: String) {
        switch ArchiveDecoder.decode(bytes) {
        case .success(let decoded):
            if decoded.encoding != .utf8 {
                diagnostics.append(
                    Diagnostic(
                        .warning, file: url,
                        "no character set declared and not UTF-8; read as \(decoded.encoding.rawValue)"))
            }
            return (decoded.utf8, "UTF-8")
        case .failure:
            // A NUL byte: let the parsers see the text around it, repaired as UTF-8.
            return WebCharset.utf8.prepare(bytes.filter { $0 != 0 })
        }
    }

    /// The character set an HTML page names in `<meta charset>` or `<meta http-equiv>`.
    private static func metaCharset(_ page: MarkupElement) -> String? {
        let meta = page.first { element in
            element.name == "meta"
                && (element.attribute("charset") != nil
                    || element.attribute("http-equiv")?.caseInsensitiveEquals("content-type") == true)
        }
        guard let meta else { return nil }
        if let charset = meta.attribute("charset") { return charset }
        return meta.attribute("content").flatMap(WebCharset.parameter(inContentType:))
    }
}
