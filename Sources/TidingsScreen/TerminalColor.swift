/// A colour as a theme names it: the terminal's default, one of the 16 ANSI colours, one
/// of the 256 indexed colours, or an RGB value.
///
/// What the terminal actually shows is decided by ``resolved(for:)``, which brings any
/// colour down to what the terminal offers (``ColorDepth``).
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own foreground or background (what the user's profile says).
    case `default`
    /// One of the 16 ANSI colours, 0–15 (8–15 the bright ones).
    case ansi(UInt8)
    /// One of the xterm 256-colour palette: 16–231 the 6×6×6 cube, 232–255 the greys.
    case indexed(UInt8)
    /// 24-bit colour, drawn as is on a direct-colour terminal and as the nearest of the
    /// palette elsewhere.
    case rgb(UInt8, UInt8, UInt8)

    /// The 16 ANSI names in colour-number order, as config files write them.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta",
        "bright-cyan", "bright-white",
    ]

    /// Reads `default`, an ANSI name, `0`–`255` as text, or `#rrggbb`; nil for anything else.
    public init?(name: String) {
        let lower = name.lowercased()
        if lower == "default" {
            self = .default
        } else if let index = Self.ansiNames.firstIndex(of: lower) {
            self = .ansi(UInt8(index))
        } else if lower.hasPrefix("#"), lower.count == 7, let value = UInt32(lower.dropFirst(), radix: 16) {
            self = .rgb(UInt8(value >> 16), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF))
        } else {
            return nil
        }
    }

    /// A colour number 0–255: ANSI below 16, indexed from there; nil out of range.
    public init?(number: Int) {
        guard (0...255).contains(number) else { return nil }
        self = number < 16 ? .ansi(UInt8(number)) : .indexed(UInt8(number))
    }

    /// How a config file writes this colour: `default`, `cyan`, `178`, `#1e90ff`.
    public var name: String {
        switch self {
        case .default: "default"
        case .ansi(let n): Self.ansiNames[Int(n)]
        case .indexed(let n): String(n)
        case .rgb(let r, let g, let b): "#" + [r, g, b].map { Self.hex($0) }.joined()
        }
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
    }
}

/// How many colours a terminal can show, from none to direct (24-bit) colour.
public enum ColorDepth: Hashable, Sendable, Comparable {
    case none
    case eight
    case sixteen
    case indexed256
    /// A direct-colour terminal type (`xterm-direct`): colour numbers are packed RGB.
    case direct

    /// The depth for a terminal reporting `colors` colours.
    public init(colorCount: Int) {
        switch colorCount {
        case ..<8: self = .none
        case ..<16: self = .eight
        case ..<256: self = .sixteen
        case ..<0x100_0000: self = .indexed256
        default: self = .direct
        }
    }
}
