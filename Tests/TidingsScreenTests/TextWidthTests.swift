import Glibc
import Testing
import TidingsScreen

// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("wcwidth") func c_wcwidth(_ c: Int32) -> Int32

/// Widths must agree with glibc's `wcwidth`, which is what ncursesw moves its cursor by.
@Suite struct TextWidthTests {
    /// A few hundred scalars from the scripts and symbols that news archives contain.
    static let samples: [UInt32] = {
        var values: [UInt32] = []
        values += Array(0x20...0x7E)  // ASCII
        values += Array(stride(from: 0xA0, through: 0x17F, by: 3))  // Latin-1, Latin Extended-A
        values += [0x300, 0x301, 0x308, 0x327, 0x36F]  // combining accents
        values += [0x391, 0x3B1, 0x3C9, 0x410, 0x44F, 0x5D0, 0x627, 0x64B, 0x915, 0x93F, 0x94D]
        values += [0x2010, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030]
        values += [0x20AC, 0x2122, 0x2190, 0x2192, 0x2500, 0x2502, 0x25CF, 0x2605, 0x2713]
        values += [0x200B, 0x200C, 0x200D, 0x2060, 0xFE0F, 0xFEFF]  // zero width
        values += [0x231A, 0x23F0, 0x2614, 0x2705, 0x2728, 0x2764, 0x2B50, 0x2B55]  // BMP emoji
        values += [0x1100, 0x1112, 0x115F, 0x1161, 0x11A8, 0x3131, 0x318E]  // Hangul jamo
        values += Array(stride(from: 0xAC00, through: 0xD7A3, by: 397))  // Hangul syllables
        values += [0x3000, 0x3001, 0x3002, 0x300C, 0x303F, 0x3041, 0x3099, 0x30A2, 0x30FC, 0x30FF]
        values += Array(stride(from: 0x4E00, through: 0x9FFF, by: 701))  // CJK
        values += [0x3400, 0xF900, 0xFE30, 0xFF01, 0xFF21, 0xFF5E, 0xFF60, 0xFF61, 0xFF9E, 0xFFE0, 0xFFE6]
        values += [0x1F1E6, 0x1F1F7, 0x1F300, 0x1F321, 0x1F34E, 0x1F389, 0x1F3E0, 0x1F44D, 0x1F468]
        values += [0x1F469, 0x1F467, 0x1F4BB, 0x1F525, 0x1F600, 0x1F64F, 0x1F680, 0x1F6FF, 0x1F914]
        values += [0x1F9D1, 0x1F9FF, 0x1FA70, 0x20000, 0x2A700, 0x30000]
        return values
    }()

    @Test func agreesWithGlibcWcwidthOnSamples() {
        setlocale(LC_ALL, "C.UTF-8")
        #expect(Self.samples.count >= 300)
        var compared = 0
        for value in Self.samples {
            let glibc = c_wcwidth(Int32(value))
            guard glibc >= 0, let scalar = Unicode.Scalar(value) else { continue }
            compared += 1
            #expect(
                TextWidth.columns(of: scalar) == Int(glibc),
                "U+\(String(value, radix: 16, uppercase: true)) \(scalar)")
        }
        #expect(compared >= 300)
    }

    @Test func controlsCountZero() {
        for value: UInt32 in [0, 7, 9, 10, 13, 0x1B, 0x7F, 0x85, 0x9B] {
            #expect(TextWidth.columns(of: Unicode.Scalar(value)!) == 0)
        }
    }

    @Test func emojiDecorationsCountZero() {
        // Deliberately unlike glibc (2): we keep only the base emoji of a modified one.
        for value: UInt32 in [0x1F3FB, 0x1F3FF, 0xFE0F, 0x200D, 0xE0067] {
            #expect(TextWidth.columns(of: Unicode.Scalar(value)!) == 0)
        }
    }

    @Test func graphemes() {
        #expect(TextWidth.columns(of: Character("a")) == 1)
        #expect(TextWidth.columns(of: Character("e\u{301}")) == 1)
        #expect(TextWidth.columns(of: Character("한")) == 2)
        #expect(TextWidth.columns(of: Character("\u{1112}\u{1161}\u{11AB}")) == 2)  // decomposed 한
        #expect(TextWidth.columns(of: Character("👍")) == 2)
        #expect(TextWidth.columns(of: Character("👍🏽")) == 2)
        #expect(TextWidth.columns(of: Character("❤")) == 1)
        #expect(TextWidth.columns(of: Character("🇰🇷")) == 2)  // two regional indicators, one each
    }

    @Test func strings() {
        #expect(TextWidth.columns(of: "") == 0)
        #expect(TextWidth.columns(of: "Hello") == 5)
        #expect(TextWidth.columns(of: "안녕하세요") == 10)
        #expect(TextWidth.columns(of: "Café “quoted” — …") == 17)
        #expect(TextWidth.columns(of: "日本語 text"[...]) == 11)
    }
}
