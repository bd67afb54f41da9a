/// The one filter that all archive text passes through before it reaches a screen or a terminal.
///
/// Archive posts are untrusted: a title can carry `ESC ]52;…` (write the clipboard), `ESC ]8;…`
/// (hidden links), `ESC [2J`, bidi overrides that make text read differently than it is stored,
/// or NULs. ``clean(_:)`` removes all of them at one point so no path can skip it, and it
/// reduces emoji sequences to their base emoji so that `wcwidth` (what ncurses counts) and
/// the terminal (what it draws) agree on widths.
///
/// What is removed:
/// - every ESC-introduced sequence, whole: CSI (`ESC [` … final byte 0x40–0x7E), OSC (`ESC ]`
///   … BEL or ST), DCS/SOS/PM/APC (`ESC P`/`X`/`^`/`_` … ST), and the short `ESC` + byte forms;
///   an unterminated string sequence swallows the rest of the text, as a terminal would;
/// - their 8-bit C1 forms (U+009B, U+009D, U+0090, U+0098, U+009E, U+009F) with their payload;
/// - other C0 controls, DEL and C1 controls; TAB, LF, U+2028 and U+2029 become a space;
/// - bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), U+00AD, U+FEFF;
/// - emoji decoration: variation selectors U+FE0E/U+FE0F, skin-tone modifiers, tag characters,
///   and ZWJ sequences after their first emoji (👨‍👩‍👧 → 👨, 👍🏽 → 👍, ❤️ → ❤). A ZWJ
///   between non-emoji (Indic, Arabic shaping) is dropped alone, keeping both letters.
public enum Sanitizer {
    /// Returns `text` with everything unsafe or width-confusing removed (see the type's notes).
    ///
    /// Text that needs no change, nearly all of it, is returned as is after one UTF-8 scan.
    public static func clean(_ text: some StringProtocol) -> String {
        if isClean(text) { return String(text) }
        return strip(text.unicodeScalars)
    }

    /// Whether ``clean(_:)`` would return `text` unchanged; a scan of its UTF-8 bytes.
    public static func isClean(_ text: some StringProtocol) -> Bool {
        let utf8 = text.utf8
        if let answer = utf8.withContiguousStorageIfAvailable({ isClean(bytes: $0) }) {
            return answer
        }
        return isClean(bytes: Array(utf8))
    }

    // MARK: - Fast path

    /// Looks for the bytes that start any scalar ``strip(_:)`` would change.
    private static func isClean<Bytes: RandomAccessCollection<UInt8>>(bytes: Bytes) -> Bool
    where Bytes.Index == Int {
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            let b = bytes[i]
            if b >= 0x20 && b < 0x7F {
                i &+= 1
                continue
            }
            if b < 0x80 { return false }  // C0 controls and DEL
            if b < 0xC2 {  // a continuation byte of a scalar already judged by its lead byte
                i &+= 1
                continue
            }
            let b1: UInt8 = i &+ 1 < end ? bytes[i &+ 1] : 0
            let b2: UInt8 = i &+ 2 < end ? bytes[i &+ 2] : 0
            let b3: UInt8 = i &+ 3 < end ? bytes[i &+ 3] : 0
            switch b {
            case 0xC2:  // U+0080–U+009F C1 controls, U+00AD soft hyphen
                if b1 < 0xA0 || b1 == 0xAD { return false }
            case 0xD8:  // U+061C Arabic letter mark
                if b1 == 0x9C { return false }
            case 0xE2:
                // U+200D–U+200F, U+2028–U+202E (E2 80 …), U+2066–U+2069 (E2 81 …)
                if b1 == 0x80 && ((b2 >= 0x8D && b2 <= 0x8F) || (b2 >= 0xA8 && b2 <= 0xAE)) {
                    return false
                }
                if b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9 { return false }
            case 0xEF:  // U+FE0E, U+FE0F (EF B8 8E/8F), U+FEFF (EF BB BF)
                if b1 == 0xB8 && (b2 == 0x8E || b2 == 0x8F) { return false }
                if b1 == 0xBB && b2 == 0xBF { return false }
            case 0xF0:  // U+1F3FB–U+1F3FF skin tones (F0 9F 8F BB–BF)
                if b1 == 0x9F && b2 == 0x8F && b3 >= 0xBB { return false }
            case 0xF3:  // U+E0000–U+E007F tags (F3 A0 80/81 …)
                if b1 == 0xA0 && (b2 == 0x80 || b2 == 0x81) { return false }
            default:
                break
            }
            i &+= 1
        }
        return true
    }

    // MARK: - Slow path

    /// Where the scanner is: in text, just after ESC, or inside a sequence being discarded.
    private enum State {
        case text
        case escape
        /// After `ESC` and intermediate bytes (0x20–0x2F), waiting for the final byte.
        case escapeIntermediate
        /// Parameter and intermediate bytes of a CSI, waiting for its final byte 0x40–0x7E.
        case controlSequence
        /// The payload of OSC (ends at BEL or ST) or of DCS/SOS/PM/APC (`endsAtBell` false).
        case string(endsAtBell: Bool)
        /// Inside a string, just after ESC: a `\` completes ST, anything else ends the string.
        case stringEscape
    }

    private static func strip(_ scalars: some Sequence<Unicode.Scalar>) -> String {
        var unused: [Int] = []
        return strip(scalars, recording: false, offsets: &unused)
    }

    /// ``clean(_:)`` of `text`, with `offsets[k]`: how many scalars of the result come from
    /// `text`'s first `k` scalars (for every k from 0 to its scalar count). One pass: what
    /// maps search highlights onto the cleaned text in time linear in its length.
    static func cleanWithOffsets(_ text: String) -> (clean: String, offsets: [Int]) {
        var offsets: [Int] = []
        offsets.reserveCapacity(text.unicodeScalars.count + 1)
        // The last offset, taken when the input ran out, is the whole result's length.
        let clean = strip(text.unicodeScalars, recording: true, offsets: &offsets)
        return (clean, offsets)
    }

    private static func strip(_ scalars: some Sequence<Unicode.Scalar>, recording: Bool, offsets: inout [Int]) -> String
    {
        var out = String.UnicodeScalarView()
        var state = State.text
        // The last scalar kept was an emoji, so a ZWJ after it continues its sequence.
        var lastWasEmoji = false
        // A ZWJ followed an emoji: the next emoji belongs to the sequence and is dropped.
        var joining = false
        var iterator = scalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        var taken = 0
        defer { WorkCount.current?.add(taken) }

        while let scalar = pending
            ?? {
                // Before each new input scalar: how much output the ones before it made.
                if recording { offsets.append(out.count) }
                taken += 1
                return iterator.next()
            }()
        {
            pending = nil
            let v = scalar.value
            switch state {
            case .text:
                break
            case .escape:
                state = .text
                switch v {
                case 0x5B: state = .controlSequence  // [
                case 0x5D: state = .string(endsAtBell: true)  // ]
                case 0x50, 0x58, 0x5E, 0x5F: state = .string(endsAtBell: false)  // P X ^ _
                case 0x20...0x2F: state = .escapeIntermediate
                case 0x30...0x7E: break  // a two-byte sequence: both bytes go
                default: pending = scalar  // lone ESC: drop it, handle this scalar as text
                }
                continue
            case .escapeIntermediate:
                switch v {
                case 0x20...0x2F: break
                case 0x30...0x7E: state = .text
                default:
                    state = .text
                    pending = scalar
                }
                continue
            case .controlSequence:
                switch v {
                case 0x20...0x3F: break
                case 0x40...0x7E: state = .text
                default:
                    state = .text
                    pending = scalar  // malformed: abandon, re-read
                }
                continue
            case .string(let endsAtBell):
                if v == 0x1B {
                    state = .stringEscape
                } else if v == 0x9C || (endsAtBell && v == 0x07) {
                    state = .text
                }
                continue
            case .stringEscape:
                state = .text
                if v != 0x5C { pending = scalar }  // not ST: the ESC began something new
                continue
            }

            // Plain text.
            switch v {
            case 0x20..<0x7F:
                out.append(scalar)
                lastWasEmoji = false
                joining = false
                continue
            case 0x1B: state = .escape
            case 0x9B: state = .controlSequence
            case 0x9D: state = .string(endsAtBell: true)
            case 0x90, 0x98, 0x9E, 0x9F: state = .string(endsAtBell: false)
            case 0x09, 0x0A, 0x2028, 0x2029:
                out.append(" ")
                lastWasEmoji = false
            case 0x200D:
                // ZWJ: only meaningful (to us) between emoji; never kept.
                joining = lastWasEmoji
            case _ where isRemoved(v):
                break
            default:
                let isEmoji = v > 0x7F && scalar.properties.isEmoji
                if joining && isEmoji {
                    // A later member of a ZWJ sequence: keep only the first emoji.
                    joining = false
                    continue
                }
                joining = false
                out.append(scalar)
                lastWasEmoji = isEmoji
            }
        }
        return String(out)
    }

    /// Scalars dropped outright (outside escape sequences), keeping what is around them.
    @inline(__always)
    private static func isRemoved(_ v: UInt32) -> Bool {
        switch v {
        case 0x00...0x1F, 0x7F...0x9F:
            return true  // C0, DEL, C1
        case 0xAD, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
            return true  // soft hyphen, bidi controls, BOM
        case 0xFE0E, 0xFE0F, 0x1F3FB...0x1F3FF, 0xE0000...0xE007F:
            return true  // presentation selectors, skin tones, tags
        default:
            return false
        }
    }
}
