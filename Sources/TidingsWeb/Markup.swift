/// A parsed document as TidingsWeb's readers see it: elements and text, nothing else.
///
/// libxml2's tree is copied into these values and freed at once, so no reader holds a C
/// pointer. Comments, processing instructions and doctypes are gone; CDATA is text; names are
/// lower-cased local names (for HTML) or exact local names with their namespace (for XML).
struct MarkupElement: Sendable {
    var name: String
    /// The namespace URI, for XML; nil in HTML.
    var namespace: String?
    var attributes: [(name: String, value: String)]
    var children: [MarkupNode]
    /// The 1-based line of the start tag, 0 when unknown.
    var line: Int

    /// The value of the attribute `name` (matched without regard to case), if present.
    func attribute(_ name: String) -> String? {
        for attribute in attributes where attribute.name.caseInsensitiveEquals(name) { return attribute.value }
        return nil
    }

    /// The white-space separated tokens of an attribute such as `class` or `rel`, lower-cased.
    func tokens(_ name: String) -> [Substring] {
        guard let value = attribute(name) else { return [] }
        return value.lowercased().split(whereSeparator: {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{0C}"
        })
    }

    /// Whether `class` holds every one of `names`.
    func hasClass(_ names: String...) -> Bool {
        let classes = tokens("class")
        return names.allSatisfy { name in classes.contains { $0 == name } }
    }

    /// Whether `rel` holds `name`.
    func hasRel(_ name: String) -> Bool { tokens("rel").contains { $0 == name } }

    /// The element children, in order.
    var elements: [MarkupElement] {
        children.compactMap { if case .element(let element) = $0 { return element } else { return nil } }
    }

    /// The first child element called `name` (in `namespace`, when given).
    func child(_ name: String, namespace: String? = nil) -> MarkupElement? {
        for case .element(let element) in children
        where element.name == name && (namespace == nil || element.namespace == namespace) {
            return element
        }
        return nil
    }

    /// Every child element called `name` (in `namespace`, when given).
    func children(_ name: String, namespace: String? = nil) -> [MarkupElement] {
        elements.filter { $0.name == name && (namespace == nil || $0.namespace == namespace) }
    }

    /// The first descendant (depth first, document order) for which `matches` holds.
    func first(where matches: (MarkupElement) -> Bool) -> MarkupElement? {
        for case .element(let element) in children {
            if matches(element) { return element }
            if let found = element.first(where: matches) { return found }
        }
        return nil
    }

    /// Every descendant for which `matches` holds; a match's own descendants are not searched
    /// when `nested` is false (an article inside an article is part of the outer one).
    func all(where matches: (MarkupElement) -> Bool, nested: Bool = true) -> [MarkupElement] {
        var found: [MarkupElement] = []
        collect(where: matches, nested: nested, into: &found)
        return found
    }

    private func collect(where matches: (MarkupElement) -> Bool, nested: Bool, into found: inout [MarkupElement]) {
        for case .element(let element) in children {
            if matches(element) {
                found.append(element)
                if !nested { continue }
            }
            element.collect(where: matches, nested: nested, into: &found)
        }
    }

    /// All the text inside, concatenated as written (no white-space handling).
    var rawText: String {
        var text = ""
        appendText(to: &text)
        return text
    }

    private func appendText(to text: inout String) {
        for child in children {
            switch child {
            case .text(let string): text += string
            case .element(let element): element.appendText(to: &text)
            }
        }
    }

    /// The text inside as one clean line: white space collapsed, controls removed.
    var text: String { WebText.line(rawText) }
}

/// One node of a ``MarkupElement``'s content.
enum MarkupNode: Sendable {
    case element(MarkupElement)
    case text(String)
}

extension String {
    /// ASCII case-insensitive equality, enough for markup names.
    func caseInsensitiveEquals(_ other: String) -> Bool {
        utf8.count == other.utf8.count
            && zip(utf8, other.utf8).allSatisfy { a, b in
                (a >= 0x41 && a <= 0x5A ? a | 0x20 : a) == (b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            }
    }
}
