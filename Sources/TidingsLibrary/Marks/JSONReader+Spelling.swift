import Foundation
import TidingsCore

/// How the bookmarks reader spells what it found in its messages, and JSON's grammar for
/// numbers: pure functions of the text, apart from the reader's state.
extension JSONReader {
    /// Whether `number` follows JSON's grammar for numbers.
    static func isJSONNumber(_ number: ArraySlice<UInt8>) -> Bool {
        var position = number.startIndex
        func digits() -> Int {
            let first = position
            while position < number.endIndex, (0x30...0x39).contains(number[position]) { position += 1 }
            return position - first
        }
        func skip(_ byte: Character) -> Bool {
            guard position < number.endIndex, number[position] == byte.asciiValue else { return false }
            position += 1
            return true
        }
        _ = skip("-")
        let integerStart = position
        let integerDigits = digits()
        guard integerDigits > 0, integerDigits == 1 || number[integerStart] != 0x30 else { return false }
        if skip("."), digits() == 0 { return false }
        if skip("e") || skip("E") {
            if !skip("+") { _ = skip("-") }
            if digits() == 0 { return false }
        }
        return position == number.endIndex
    }

    /// How many characters of a key path a message shows.
    static let pathShown = 120

    /// A key from the file as a message shows it: at most `limit` characters, then "…", with
    /// anything a terminal could act on written out (``VisibleText``), since an escape such as
    /// `\u001b` decodes to the control character itself.
    static func shown(_ key: String, limit: Int = 40) -> String {
        let cut = key.count > limit ? String(key.prefix(limit)) + "…" : key
        return VisibleText.escaped(cut)
    }

    /// A byte where something else was expected: itself if printable, else its value.
    static func describe(_ byte: UInt8) -> String {
        byte >= 0x21 && byte < 0x7F ? "“\(Character(Unicode.Scalar(byte)))”" : String(format: "byte 0x%02X", byte)
    }
}
