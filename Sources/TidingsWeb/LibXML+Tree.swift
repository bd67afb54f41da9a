import CLibXML2

/// Copies a libxml2 tree into ``MarkupElement`` values.
///
/// Entity references (XML only; the HTML parser decodes its entities itself) are where the
/// danger is: libxml2 leaves them as reference nodes because `NOENT` is off. An external
/// entity is never expanded. An internal one is expanded only when its replacement text is
/// plain (no `&`, no `<`), so it cannot refer to another entity and cannot multiply ("billion
/// laughs"), and only up to ``LibXML/entityBudget`` characters per document.
struct TreeCopier {
    let html: Bool
    private(set) var unexpanded: [String] = []
    private var budget = LibXML.entityBudget

    init(html: Bool) {
        self.html = html
    }

    mutating func element(_ node: xmlNodePtr, depth: Int) -> MarkupElement {
        let rawName = node.pointee.name.map { String(cString: $0) } ?? ""
        var element = MarkupElement(
            name: html ? rawName.lowercased() : rawName,
            namespace: node.pointee.ns?.pointee.href.map { String(cString: $0) },
            attributes: attributes(node), children: [], line: Int(xmlGetLineNo(node))
        )
        if depth >= LibXML.maxDepth {
            element.children = [.text(flatText(node))]
            return element
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE:
                element.children.append(.element(self.element(current, depth: depth + 1)))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { element.children.append(.text(String(cString: content))) }
            case XML_ENTITY_REF_NODE:
                if let text = expand(current) { element.children.append(.text(text)) }
            default:
                break  // comments, processing instructions: never content
            }
            child = current.pointee.next
        }
        return element
    }

    private func attributes(_ node: xmlNodePtr) -> [(name: String, value: String)] {
        var result: [(name: String, value: String)] = []
        var attribute = node.pointee.properties
        while let current = attribute {
            var value = ""
            var child = current.pointee.children
            // Only the attribute's text nodes: an entity reference in an attribute stays unexpanded.
            while let text = child {
                if text.pointee.type == XML_TEXT_NODE, let content = text.pointee.content {
                    value += String(cString: content)
                }
                child = text.pointee.next
            }
            var name = current.pointee.name.map { String(cString: $0) } ?? ""
            if html { name = name.lowercased() }
            if let prefix = current.pointee.ns?.pointee.prefix { name = String(cString: prefix) + ":" + name }
            result.append((name, value))
            attribute = current.pointee.next
        }
        return result
    }

    /// The replacement text of a plain internal entity, within the budget; else nil (recorded).
    private mutating func expand(_ node: xmlNodePtr) -> String? {
        let name = node.pointee.name.map { String(cString: $0) } ?? ""
        guard let doc = node.pointee.doc, let entity = xmlGetDocEntity(doc, node.pointee.name),
            entity.pointee.etype == XML_INTERNAL_GENERAL_ENTITY, let content = entity.pointee.content
        else {
            unexpanded.append(name)
            return nil
        }
        let text = String(cString: content)
        guard !text.contains("&"), !text.contains("<"), text.utf8.count <= budget else {
            unexpanded.append(name)
            return nil
        }
        budget -= text.utf8.count
        return text
    }

    /// All text and CDATA below `node`, walked without recursion (and without entities).
    private func flatText(_ node: xmlNodePtr) -> String {
        var text = ""
        var stack: [xmlNodePtr] = []
        var next = node.pointee.children
        while true {
            if let current = next {
                switch current.pointee.type {
                case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                    if let content = current.pointee.content { text += String(cString: content) }
                case XML_ELEMENT_NODE:
                    text += " "
                    if let first = current.pointee.children {
                        stack.append(current)
                        next = first
                        continue
                    }
                default:
                    break
                }
                next = current.pointee.next
            } else if let parent = stack.popLast() {
                text += " "
                next = parent.pointee.next
            } else {
                return text
            }
        }
    }
}
