import TidingsCore

/// Character sets: which one a document is in, and its bytes made ready for libxml2.
///
/// The order of authority: a byte order mark; the HTTP `Content-Type` charset; the XML
/// declaration's `encoding=`; an HTML page's `<meta charset>` or `http-equiv` (read from the
/// parsed page). UTF-8, US-ASCII, Latin-1 and Windows-1252 are decoded here (a Latin-1 label
/// is read as Windows-1252, as browsers do: real pages that say Latin-1 use its curly quotes);
/// other names libxml2 knows through iconv (UTF-16, EUC-KR, Shift_JIS…) are passed to it.
/// A name nobody knows is an error, never a guess. With no name at all, the text archive's
/// rule applies: UTF-8 when valid, else Windows-1252 or Latin-1, with a warning.
enum WebCharset: Equatable {
    case utf8
    case windows1252
    /// A character set libxml2 decodes itself, by this name.
    case libxml(String)

    /// The character set a label names, or nil when it is unknown.
    init?(label raw: String) {
        let label = raw.trimmingCharacters(in: " \t\"'").lowercased()
        switch label {
        case "utf-8", "utf8", "unicode-1-1-utf-8", "us-ascii", "ascii", "ansi_x3.4-1968":
            self = .utf8
        case "iso-8859-1", "iso8859-1", "iso_8859-1", "latin1", "latin-1", "l1", "cp819", "ibm819",
            "windows-1252", "cp1252", "x-cp1252":
            self = .windows1252
        default:
            guard !label.isEmpty, label.utf8.count <= 40,
                label.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 }),
                LibXML.knowsEncoding(label)
            else { return nil }
            self = .libxml(label.uppercased())
        }
    }

    /// The `charset` parameter of a `Content-Type` value (`text/html; charset="utf-8"`).
    static func parameter(inContentType value: String) -> String? {
        for part in value.split(separator: ";").dropFirst() {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: " \t").lowercased() == "charset" else { continue }
            let name = pair[1].trimmingCharacters(in: " \t\"'")
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// A byte order mark's character set and length.
    static func byteOrderMark(_ bytes: [UInt8]) -> (WebCharset, length: Int)? {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (.utf8, 3) }
        if bytes.starts(with: [0xFF, 0xFE]) { return (.libxml("UTF-16LE"), 2) }
        if bytes.starts(with: [0xFE, 0xFF]) { return (.libxml("UTF-16BE"), 2) }
        return nil
    }

    /// The `encoding` pseudo-attribute of an XML declaration at the very start of `bytes`
    /// (`<?xml version="1.0" encoding="ISO-8859-1"?>`): a fixed little grammar of its own,
    /// read before any parser can be told which decoder to use.
    static func xmlDeclarationEncoding(_ bytes: [UInt8]) -> String? {
        guard bytes.starts(with: Array("<?xml".utf8)) else { return nil }
        let head = bytes.prefix(256)
        guard let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let declaration = String(decoding: head[..<end], as: UTF8.self)
        guard let key = declaration.firstRange(of: "encoding") else { return nil }
        var rest = declaration[key.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
        guard let quote = rest.first, quote == "\"" || quote == "'" else { return nil }
        let value = rest.dropFirst().prefix(while: { $0 != quote })
        return value.isEmpty ? nil : String(value)
    }

    /// `bytes` ready for libxml2 and the encoding name to give it.
    func prepare(_ bytes: [UInt8]) -> (bytes: [UInt8], encoding: String) {
        switch self {
        case .utf8: return (ArchiveDecoder.utf8(from: bytes, as: .utf8), "UTF-8")
        case .windows1252: return (ArchiveDecoder.utf8(from: bytes, as: .windows1252), "UTF-8")
        case .libxml(let name): return (bytes, name)
        }
    }
}

extension StringProtocol {
    /// The string without any of `characters` at either end.
    func trimmingCharacters(in characters: String) -> String {
        let set = Set(characters)
        guard let first = firstIndex(where: { !set.contains($0) }) else { return "" }
        let last = lastIndex(where: { !set.contains($0) })!
        return String(self[first...last])
    }
}
