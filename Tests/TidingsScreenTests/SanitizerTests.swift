import Testing
import TidingsScreen
import TidingsTestSupport

@Suite struct SanitizerTests {
    @Test func escapeSequencesAreRemovedWhole() {
        #expect(Sanitizer.clean("a\u{1B}[2Jb") == "ab")
        #expect(Sanitizer.clean("\u{1B}[1;31mred\u{1B}[0m") == "red")
        #expect(Sanitizer.clean("x\u{1B}[?1049hy") == "xy")
    }

    @Test func oscTitleWithBellAndWithStringTerminator() {
        #expect(Sanitizer.clean("a\u{1B}]0;pwned\u{07}b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}]2;pwned\u{1B}\\b") == "ab")
    }

    @Test func oscHyperlinkKeepsOnlyTheVisibleText() {
        let link = "see \u{1B}]8;;https://evil.example/\u{1B}\\here\u{1B}]8;;\u{1B}\\ now"
        #expect(Sanitizer.clean(link) == "see here now")
    }

    @Test func oscClipboardWrite() {
        #expect(Sanitizer.clean("a\u{1B}]52;c;cm0gLXJmIH4=\u{07}b") == "ab")
    }

    @Test func deviceControlAndPrivateStrings() {
        #expect(Sanitizer.clean("a\u{1B}P1$r0m\u{1B}\\b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}_apc payload\u{1B}\\b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}^pm\u{1B}\\b") == "ab")
        #expect(Sanitizer.clean("a\u{1B}Xsos\u{1B}\\b") == "ab")
    }

    @Test func eightBitC1Forms() {
        #expect(Sanitizer.clean("a\u{9B}2Jb") == "ab")
        #expect(Sanitizer.clean("a\u{9D}0;title\u{07}b") == "ab")
        #expect(Sanitizer.clean("a\u{90}payload\u{9C}b") == "ab")
        #expect(Sanitizer.clean("a\u{85}b\u{9C}c") == "abc")  // lone C1 controls
    }

    @Test func loneAndShortEscapes() {
        #expect(Sanitizer.clean("end\u{1B}") == "end")
        #expect(Sanitizer.clean("a\u{1B}7b\u{1B}c") == "ab")  // ESC 7, ESC c
        #expect(Sanitizer.clean("a\u{1B}(Bb") == "ab")  // charset designation
        #expect(Sanitizer.clean("a\u{1B}\u{1B}[mb") == "ab")
        #expect(Sanitizer.clean("a\u{1B}é") == "aé")  // ESC then non-ASCII: only ESC goes
    }

    @Test func unterminatedStringsSwallowTheRest() {
        #expect(Sanitizer.clean("a\u{1B}]0;never ends") == "a")
        #expect(Sanitizer.clean("a\u{1B}[12") == "a")
    }

    @Test func controlCharacters() {
        #expect(Sanitizer.clean("a\u{0}b\u{7}c\u{7F}d\rE") == "abcdE")
        #expect(Sanitizer.clean("a\tb\nc") == "a b c")
        #expect(Sanitizer.clean("a\u{2028}b") == "a b")
    }

    @Test func bidiAndInvisibleFormatting() {
        #expect(Sanitizer.clean("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(Sanitizer.clean("\u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}y") == "xy")
        #expect(Sanitizer.clean("\u{FEFF}soft\u{AD}ware") == "software")
    }

    @Test func emojiSequencesKeepTheirBase() {
        #expect(Sanitizer.clean("👨‍👩‍👧") == "👨")
        #expect(Sanitizer.clean("👍🏽 ok") == "👍 ok")
        #expect(Sanitizer.clean("I ❤️ it") == "I ❤ it")
        #expect(Sanitizer.clean("👨🏽‍💻!") == "👨!")
        #expect(Sanitizer.clean("🏳️‍🌈") == "🏳")
        #expect(Sanitizer.clean("🏴\u{E0067}\u{E0062}\u{E007F}") == "🏴")
        #expect(Sanitizer.clean("🇰🇷") == "🇰🇷")  // flags are left alone
    }

    @Test func joinerBetweenLettersKeepsBothLetters() {
        #expect(Sanitizer.clean("क्\u{200D}ष") == "क्ष")
    }

    @Test func ordinaryTextIsUnchanged() {
        let samples = [
            "", "plain ASCII", "한국어 뉴스 제목입니다", "Crème brûlée à la carte", "e\u{301}",
            "“curly” ‘quotes’ — dashes – and … ellipsis", "日本語のテキスト", "Ελληνικά Русский עברית",
            "emoji 👍 🎉 ❤ 🇫🇷", "zero\u{200B}width", "non\u{200C}joiner",
        ]
        for sample in samples {
            #expect(Sanitizer.isClean(sample), "\(sample)")
            #expect(Sanitizer.clean(sample) == sample)
            #expect(Sanitizer.clean(sample[...]) == sample)
        }
    }

    @Test func isCleanSpotsEachForbiddenScalar() {
        for value in Self.forbidden {
            let text = "ok" + String(Character(Unicode.Scalar(value)!)) + "ok"
            #expect(!Sanitizer.isClean(text), "U+\(String(value, radix: 16))")
        }
    }

    /// Everything that must never come out of ``Sanitizer/clean(_:)``.
    static let forbidden: [UInt32] =
        Array(0x00...0x1F) + Array(0x7F...0x9F)
        + [0xAD, 0x61C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0xFEFF, 0xFE0E, 0xFE0F]
        + Array(0x202A...0x202E) + Array(0x2066...0x2069) + Array(0x1F3FB...0x1F3FF)
        + [0xE0001, 0xE0020, 0xE007F]

    /// For 10,000 random strings from a nasty alphabet: nothing forbidden survives, and
    /// cleaning again changes nothing.
    @Test func randomNastyStrings() {
        let alphabet: [String] = [
            "\u{1B}", "[", "]", "P", "X", "^", "_", "\\", "\u{07}", "0", "1", ";", "m", "?", "8",
            "a", " ", "\t", "\n", "\r", "\u{0}", "\u{7F}", "\u{9B}", "\u{9D}", "\u{90}", "\u{9C}",
            "\u{85}", "\u{AD}", "\u{200D}", "\u{200E}", "\u{202E}", "\u{2067}", "\u{61C}", "\u{FEFF}",
            "\u{FE0F}", "\u{1F3FD}", "\u{E0067}", "👨", "❤", "한", "é", "e\u{301}", "“", "…", "🇰",
        ]
        var generator = SplitMix64(seed: 0x7117_1265)
        for _ in 0..<10_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 24) {
                text += alphabet[Int(generator.next() % UInt64(alphabet.count))]
            }
            let cleaned = Sanitizer.clean(text)
            let bad = cleaned.unicodeScalars.first { Self.forbidden.contains($0.value) }
            #expect(bad == nil, "\(text.debugDescription) → \(cleaned.debugDescription)")
            #expect(Sanitizer.isClean(cleaned))
            #expect(Sanitizer.clean(cleaned) == cleaned)
        }
    }
}
