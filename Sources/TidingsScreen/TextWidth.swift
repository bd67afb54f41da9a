/// Display width, in terminal columns, of scalars, graphemes and strings.
///
/// ncursesw moves its cursor by glibc's `wcwidth` summed over the scalars it is given, and
/// tmux and common terminals agree with it for the text Tidings shows (Hangul, CJK, accented
/// Latin, punctuation, most emoji). So these widths follow `wcwidth` under `C.UTF-8`; the
/// standard library has no East Asian Width data, hence the range table below.
public enum TextWidth {
    /// Columns taken by one scalar: 0 (controls, combining marks, joiners, variation
    /// selectors, skin-tone modifiers, other invisible format characters), 2 (East Asian
    /// Wide and Fullwidth, emoji with default emoji presentation) or 1.
    ///
    /// Controls count 0 rather than glibc's -1: they never reach the screen, because
    /// ``Sanitizer`` removes them first.
    @inline(__always)
    public static func columns(of scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }
        // Latin-1 Supplement up to the Spacing Modifier Letters: no marks, nothing wide.
        if v < 0x300 { return 1 }
        return nonLatinColumns(scalar, v)
    }

    /// Columns taken by a grapheme cluster: the sum over its scalars, which is how ncurses
    /// advances the cursor. After ``Sanitizer/clean(_:)`` nearly every cluster is one
    /// spacing scalar plus zero-width marks, so this is the width of its base scalar
    /// (👍🏽 → 👍 is 2, `e\u{301}` is 1). The rare cluster with several spacing scalars
    /// (a flag's two regional indicators, an Indic spacing vowel sign) is drawn by
    /// ``ScreenBuffer/put(_:x:y:maxWidth:style:)`` one cell per spacing scalar, so the sum
    /// stays what the terminal will really use.
    @inline(__always)
    public static func columns(of character: Character) -> Int {
        var total = 0
        for scalar in character.unicodeScalars { total &+= columns(of: scalar) }
        return total
    }

    /// Columns taken by a string: the sum over its scalars, so no grapheme breaking is needed
    /// (the same sum as adding up its characters).
    public static func columns(of string: some StringProtocol) -> Int {
        var total = 0
        for scalar in string.unicodeScalars { total &+= columns(of: scalar) }
        return total
    }

    /// The slow path for scalars at or above U+0300.
    private static func nonLatinColumns(_ scalar: Unicode.Scalar, _ v: UInt32) -> Int {
        // The two most common wide blocks in Tidings' archives, before any table work.
        if v >= 0xAC00 && v <= 0xD7A3 { return 2 }  // Hangul syllables
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }  // CJK unified ideographs
        if isZeroWidth(scalar, v) { return 0 }
        if isWide(scalar, v) { return 2 }
        return 1
    }

    /// Combining marks and invisible characters, drawn on top of the previous cell.
    private static func isZeroWidth(_ scalar: Unicode.Scalar, _ v: UInt32) -> Bool {
        switch v {
        case 0x1160...0x11FF, 0xD7B0...0xD7FF:
            // Conjoining Hangul vowels and finals: glibc folds them into the initial's 2 columns.
            return true
        case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x206F, 0xFEFF, 0xFE00...0xFE0F,
            0x1F3FB...0x1F3FF, 0xE0000...0xE0FFF:
            // Joiners, direction marks, separators, invisible operators, BOM, variation
            // selectors, skin-tone modifiers (we keep only the base emoji), tags.
            return true
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark:
            return true
        case .format:
            // Prepended concatenation marks (Arabic number signs and the like) are visible.
            return !isPrependedConcatenationMark(v)
        default:
            return false
        }
    }

    /// Format characters that glibc nevertheless draws one column wide.
    private static func isPrependedConcatenationMark(_ v: UInt32) -> Bool {
        switch v {
        case 0x0600...0x0605, 0x06DD, 0x070F, 0x0890...0x0891, 0x08E2, 0x110BD, 0x110CD:
            return true
        default:
            return false
        }
    }

    /// East Asian Wide/Fullwidth, or an emoji whose default presentation is emoji.
    private static func isWide(_ scalar: Unicode.Scalar, _ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        // Emoji live scattered over these blocks; the stdlib knows which ones present as emoji.
        if (v >= 0x2300 && v <= 0x2BFF) || (v >= 0x1F000 && v <= 0x1FAFF) {
            // Regional indicators count 1 each, as in glibc: a flag is two of them, 2 columns.
            let isRegionalIndicator = v >= 0x1F1E6 && v <= 0x1F1FF
            if !isRegionalIndicator && scalar.properties.isEmojiPresentation { return true }
        }
        // Binary search over the sorted, non-overlapping wide ranges.
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) >> 1
            let range = wideRanges[mid]
            if v < range.lowerBound {
                high = mid - 1
            } else if v > range.upperBound {
                low = mid + 1
            } else {
                return true
            }
        }
        return false
    }

    /// East Asian Wide and Fullwidth ranges outside the emoji handled above, sorted.
    /// Combining marks inside them (U+3099, U+309A...) are caught by ``isZeroWidth`` first.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F,  // Hangul Jamo initials
        0x2329...0x232A,  // angle brackets
        0x2E80...0x2FFF,  // CJK radicals, Kangxi radicals, ideographic description
        0x3000...0x303E,  // CJK symbols and punctuation (U+303F is narrow)
        0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility jamo, Kanbun...
        0x3400...0x9FFF,  // CJK extension A, Yijing hexagrams (wide in glibc), unified ideographs
        0xA000...0xA4CF,  // Yi
        0xA960...0xA97F,  // Hangul Jamo extended A
        0xAC00...0xD7A3,  // Hangul syllables
        0xF900...0xFAFF,  // CJK compatibility ideographs
        0xFE10...0xFE19,  // vertical forms
        0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
        0xFF00...0xFF60,  // fullwidth forms
        0xFFE0...0xFFE6,  // fullwidth signs
        0x16FE0...0x16FFF,  // ideographic symbols
        0x17000...0x18CFF,  // Tangut, Khitan
        0x18D00...0x18D8F,  // Tangut supplement
        0x1AFF0...0x1B2FF,  // Kana extended, Nushu
        0x1F200...0x1F2FF,  // enclosed ideographic supplement
        0x20000...0x2FFFD,  // CJK extensions B–F
        0x30000...0x3FFFD,  // CJK extensions G, H
    ]
}
