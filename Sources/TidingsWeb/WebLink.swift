/// Links read from a document, resolved and vetted before Tidings keeps them.
///
/// A post's link is opened by the browser's `o` key and a next page is fetched, so only web
/// addresses are kept: `http` and `https`, plus `file` when the document itself was a local
/// file (a saved site's pages link to each other that way). `javascript:`, `data:`, `mailto:`
/// and the like are dropped, as is anything libxml2 cannot resolve.
enum WebLink {
    /// `reference` resolved against `base`, if it is an address Tidings may keep for a
    /// document read from `documentURL`.
    static func resolve(_ reference: String?, against base: String, documentURL: String) -> String? {
        guard let reference else { return nil }
        let cleaned = WebText.line(reference)
        guard !cleaned.isEmpty, let resolved = LibXML.resolve(cleaned, against: base) else { return nil }
        let scheme = Self.scheme(resolved)
        if scheme == "http" || scheme == "https" { return resolved }
        if scheme == "file", Self.scheme(documentURL) == "file" { return resolved }
        return nil
    }

    /// The lower-cased scheme of an absolute address, or "" when there is none.
    static func scheme(_ address: String) -> String {
        guard let colon = address.firstIndex(of: ":") else { return "" }
        let scheme = address[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") })
        else { return "" }
        return scheme.lowercased()
    }
}
