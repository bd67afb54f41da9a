/// Bracketed paste (xterm's mode 2004): with it on, the terminal wraps pasted text in
/// `ESC[200~` … `ESC[201~`, so a paste arrives as one piece of text instead of keys that
/// might be commands (`q`, `A`, `y`).
///
/// ``BracketedPaste/Collector`` turns what the terminal reads between the markers into the
/// text of one ``TerminalEvent/paste(_:)``. It is pure, so the decoding is tested without a
/// terminal; `CursesTerminal` feeds it what ncurses reads.
public enum BracketedPaste {
    /// Asks the terminal to bracket pastes.
    public static let enable = "\u{1B}[?2004h"
    /// Asks the terminal to stop: written whenever the terminal is handed back (exit, Ctrl-Z,
    /// a program run with `o`, a crash), since a shell that did not ask for it would otherwise
    /// see the markers as typed text.
    public static let disable = "\u{1B}[?2004l"
    /// What the terminal sends before pasted text.
    public static let begin = "\u{1B}[200~"
    /// What the terminal sends after it.
    public static let end = "\u{1B}[201~"

    /// Most characters kept from one paste: far more than any line that takes a paste holds
    /// (the search line keeps 1,000 and says so), little enough to insert in one frame.
    public static let keptLimit = 16_384
    /// Most characters read for one paste before it is ended without its end marker: a
    /// paste that never ends (a lost marker, a stream of input) must not take the keyboard
    /// for ever, and must not turn into commands while it lasts.
    public static let readLimit = 1_048_576
    /// How long the input may stay silent inside a paste before it is taken as ended: a
    /// terminal sends the whole paste at once, so a pause this long means the end marker
    /// was lost.
    public static let silenceMilliseconds = 250

    /// What the terminal gave while a paste is being read.
    public enum Input: Equatable, Sendable {
        /// A character (a scalar value, as `wget_wch` reads one).
        case character(UInt32)
        /// A function key or escape sequence the terminal decoded inside the paste (pasted
        /// text holding `ESC[A`, say): not text, dropped.
        case functionKey
        /// Another begin marker: ignored, the paste goes on.
        case begin
        /// The end marker.
        case end
        /// Nothing arrived within ``silenceMilliseconds``.
        case silence
    }

    /// Collects one paste, from just after its begin marker.
    public struct Collector: Equatable, Sendable {
        /// The scalars kept so far, raw but for carriage returns (see ``text``).
        private var raw: [Unicode.Scalar] = []
        /// Scalars kept in the raw text.
        public private(set) var keptCount = 0
        /// Scalars read but not kept (past ``keptLimit``) and function keys.
        public private(set) var droppedCount = 0
        /// Everything read so far, for ``readLimit``.
        public private(set) var readCount = 0
        /// Whether the paste has ended (its end marker, silence or the read limit).
        public private(set) var isFinished = false
        /// Whether it ended without its end marker.
        public private(set) var endedWithoutMarker = false

        public init() {}

        /// The pasted text as the screen may show it: through ``Sanitizer/clean(_:)``, the one
        /// filter, so a pasted escape sequence goes whole (not just its ESC) and line ends and
        /// tabs become spaces (a query is one line). Carriage returns count as line ends:
        /// terminals send a pasted line break as one.
        public var text: String {
            var scalars = String.UnicodeScalarView()
            scalars.append(contentsOf: raw)
            return Sanitizer.clean(String(scalars))
        }

        /// Takes the next input; returns whether the paste is now over.
        @discardableResult
        public mutating func take(_ input: Input) -> Bool {
            guard !isFinished else { return true }
            switch input {
            case .character(let value):
                readCount += 1
                if keptCount < keptLimit, let scalar = Unicode.Scalar(value) {
                    raw.append(scalar == "\r" ? "\n" : scalar)
                    keptCount += 1
                } else {
                    droppedCount += 1
                }
                if readCount >= readLimit { finish(withMarker: false) }
            case .functionKey:
                readCount += 1
                droppedCount += 1
                if readCount >= readLimit { finish(withMarker: false) }
            case .begin: break
            case .end: finish(withMarker: true)
            case .silence: finish(withMarker: false)
            }
            return isFinished
        }

        private mutating func finish(withMarker: Bool) {
            isFinished = true
            endedWithoutMarker = !withMarker
        }
    }
}
