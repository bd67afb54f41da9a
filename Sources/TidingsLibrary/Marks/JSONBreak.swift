import Foundation

/// Where a JSON text that does not parse breaks, in words with a line and column: the JSON
/// decoder only says "not valid JSON". A structural scan (strings, escapes, brackets) finds
/// the cases a person can act on: a file cut short, brackets that do not match, nesting
/// deeper than the decoder accepts.
enum JSONBreak {
    /// The decoder's nesting limit (swift-foundation refuses deeper documents).
    static let depthLimit = 512

    static func locate(_ data: Data) -> String {
        var stack: [UInt8] = []
        var inString = false
        var escaped = false
        var line = 1
        var column = 0
        for byte in data {
            column += 1
            if byte == 0x0A {
                line += 1
                column = 0
            }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == 0x5C {
                    escaped = true
                } else if byte == 0x22 {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x22: inString = true
            case 0x7B, 0x5B:
                stack.append(byte == 0x7B ? 0x7D : 0x5D)
                if stack.count > depthLimit {
                    return "nested more than \(depthLimit) deep at line \(line), column \(column)"
                }
            case 0x7D, 0x5D:
                guard stack.popLast() == byte else {
                    return
                        "a closing \(Character(Unicode.Scalar(byte))) that matches nothing at line \(line), column \(column)"
                }
            default: break
            }
        }
        if inString || !stack.isEmpty {
            return "the file ends part way (line \(line), column \(column)): it was cut short"
        }
        return "not valid JSON (its brackets match: look for a missing comma or quote)"
    }
}
