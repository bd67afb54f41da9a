import CLibXML2

/// The one place that calls libxml2: parses bytes into a ``MarkupElement`` tree and frees the
/// C document before returning.
///
/// Safety rules, all tested: no network (`NONET`), no DTD loading, no entity substitution by
/// the parser (`NOENT`, `DTDLOAD`, `DTDATTR` are never set), and an external entity loader that
/// refuses every request, so neither a `SYSTEM` entity nor a DTD is ever read, from a file or
/// anywhere else. Errors never reach standard error: a structured handler keeps the first one.
enum LibXML {
    /// The first problem libxml2 reported, with its line.
    struct Problem: Sendable, Equatable {
        var line: Int?
        var message: String
    }

    /// What an XML parse gave: the root element, or the first fatal problem.
    struct XMLResult {
        var root: MarkupElement?
        var problem: Problem?
        /// Entity references that were left unexpanded (external, or not plain text).
        var unexpandedEntities: [String]
    }

    /// Runs once: libxml2's own set-up and the refusing entity loader (process wide).
    private static let ready: Void = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
    }()

    /// Most text one document's plain internal entities may add (they are never nested).
    static let entityBudget = 64 * 1024
    /// Elements deeper than this are flattened to their text (libxml2's HTML parser has no limit).
    static let maxDepth = 256

    // MARK: Parsing

    /// Parses HTML (always gives a tree: HTML parsing recovers). `encoding` is a name libxml2
    /// knows; the document's own `<meta charset>` is ignored, the caller has decided.
    static func parseHTML(_ bytes: [UInt8], encoding: String) -> MarkupElement? {
        _ = ready
        let options = Int32(
            bitPattern: HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NONET.rawValue
                | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue | HTML_PARSE_IGNORE_ENC.rawValue
                | HTML_PARSE_COMPACT.rawValue)
        let sink = ErrorSink()
        let doc: htmlDocPtr? = sink.capturing {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    htmlReadMemory($0, Int32(clamping: buffer.count), nil, encoding, options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        var copier = TreeCopier(html: true)
        return xmlDocGetRootElement(doc).map { copier.element($0, depth: 0) }
    }

    /// Parses XML strictly (a feed must be well formed); `encoding` nil means UTF-8.
    static func parseXML(_ bytes: [UInt8], encoding: String?) -> XMLResult {
        _ = ready
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_NOCDATA.rawValue | XML_PARSE_BIG_LINES.rawValue
                | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue)
        let sink = ErrorSink()
        let doc: xmlDocPtr? = sink.capturing {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(clamping: buffer.count), nil, encoding ?? "UTF-8", options)
                }
            }
        }
        guard let doc else {
            return XMLResult(
                root: nil, problem: sink.fatal ?? sink.first ?? Problem(line: nil, message: "not XML"),
                unexpandedEntities: [])
        }
        defer { xmlFreeDoc(doc) }
        var copier = TreeCopier(html: false)
        let root = xmlDocGetRootElement(doc).map { copier.element($0, depth: 0) }
        return XMLResult(
            root: root, problem: root == nil ? Problem(line: nil, message: "no root element") : nil,
            unexpandedEntities: copier.unexpanded)
    }

    /// The local name and namespace of the first element, read with libxml2's pull reader
    /// without parsing further; nil when the bytes are not XML up to that point (most HTML).
    static func rootName(_ bytes: [UInt8], encoding: String?) -> (name: String, namespace: String?)? {
        _ = ready
        let options = Int32(
            bitPattern: XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue)
        let sink = ErrorSink()
        return sink.capturing { () -> (name: String, namespace: String?)? in
            bytes.withUnsafeBufferPointer { buffer -> (name: String, namespace: String?)? in
                guard let base = buffer.baseAddress else { return nil }
                return base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { pointer in
                    guard
                        let reader = xmlReaderForMemory(
                            pointer, Int32(clamping: buffer.count), nil,
                            encoding ?? "UTF-8", options)
                    else { return nil }
                    defer { xmlFreeTextReader(reader) }
                    while xmlTextReaderRead(reader) == 1 {
                        guard xmlTextReaderNodeType(reader) == Int32(XML_READER_TYPE_ELEMENT.rawValue) else { continue }
                        guard let name = xmlTextReaderConstLocalName(reader) else { return nil }
                        return (
                            String(cString: name), xmlTextReaderConstNamespaceUri(reader).map { String(cString: $0) }
                        )
                    }
                    return nil
                }
            }
        } ?? recoveredRootName(bytes, encoding: encoding)
    }

    /// The root element's name when the document is not well formed: libxml2's recovering
    /// parse (for telling a broken feed, which gets "malformed XML", from an HTML page).
    private static func recoveredRootName(_ bytes: [UInt8], encoding: String?) -> (name: String, namespace: String?)? {
        let options = Int32(
            bitPattern: XML_PARSE_RECOVER.rawValue | XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue
                | XML_PARSE_NOWARNING.rawValue | XML_PARSE_IGNORE_ENC.rawValue | XML_PARSE_COMPACT.rawValue)
        let sink = ErrorSink()
        let doc: xmlDocPtr? = sink.capturing {
            bytes.withUnsafeBufferPointer { buffer in
                buffer.baseAddress?.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    xmlReadMemory($0, Int32(clamping: buffer.count), nil, encoding ?? "UTF-8", options)
                }
            }
        }
        guard let doc else { return nil }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let name = root.pointee.name else { return nil }
        return (String(cString: name), root.pointee.ns?.pointee.href.map { String(cString: $0) })
    }

    /// Whether libxml2 (through iconv) can decode the character set `name`.
    static func knowsEncoding(_ name: String) -> Bool {
        _ = ready
        guard let handler = xmlFindCharEncodingHandler(name) else { return false }
        xmlCharEncCloseFunc(handler)
        return true
    }

    /// `reference` resolved against `base` (RFC 3986, by libxml2); nil when it cannot be.
    static func resolve(_ reference: String, against base: String) -> String? {
        guard let built = xmlBuildURI(reference, base) else { return nil }
        defer { tidings_xml_free(built) }
        return String(cString: built)
    }
}

// MARK: Errors

/// Keeps libxml2's first error (and first fatal error) instead of letting it print.
private final class ErrorSink {
    var first: LibXML.Problem?
    var fatal: LibXML.Problem?

    /// Runs `body` with this sink as the thread's structured error handler, then restores none.
    func capturing<T>(_ body: () -> T) -> T {
        let context = Unmanaged.passUnretained(self).toOpaque()
        xmlSetStructuredErrorFunc(context) { context, error in
            guard let context, let error else { return }
            let sink = Unmanaged<ErrorSink>.fromOpaque(context).takeUnretainedValue()
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            let line = error.pointee.line > 0 ? Int(error.pointee.line) : nil
            let problem = LibXML.Problem(line: line, message: WebText.line(message))
            if sink.first == nil { sink.first = problem }
            if sink.fatal == nil, error.pointee.level == XML_ERR_FATAL { sink.fatal = problem }
        }
        defer { xmlSetStructuredErrorFunc(nil, nil) }
        return withExtendedLifetime(self) { body() }
    }
}
