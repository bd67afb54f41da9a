/// Bringing a colour down to what a terminal can show.
extension TerminalColor {
    /// The colour number to hand the terminal at `depth`: -1 for its default colour.
    ///
    /// On a direct-colour terminal the 8 basic colours keep their numbers (the terminal's
    /// own shades of them) and everything else becomes packed RGB, never below 8; elsewhere an RGB or
    /// indexed colour the terminal lacks becomes the nearest one it has, by distance in RGB.
    public func resolved(for depth: ColorDepth) -> Int {
        switch (self, depth) {
        case (.default, _), (_, .none): return -1
        case (.ansi(let n), .eight):
            // Bright black would be black on most backgrounds; the default reads better.
            if n == 8 { return -1 }
            return Int(n % 8)
        case (.ansi(let n), .direct) where n >= 8: return Self.packed(Self.rgbValue(of: Int(n)))
        case (.ansi(let n), _): return Int(n)
        case (.indexed(let n), .indexed256): return Int(n)
        case (.indexed(let n), .direct): return Self.packed(Self.rgbValue(of: Int(n)))
        case (.indexed(let n), _): return Self.nearest(to: Self.rgbValue(of: Int(n)), among: depth == .eight ? 8 : 16)
        case (.rgb(let r, let g, let b), .direct): return Self.packed((Int(r), Int(g), Int(b)))
        case (.rgb(let r, let g, let b), .indexed256): return Self.nearest256(to: (Int(r), Int(g), Int(b)))
        case (.rgb(let r, let g, let b), _):
            return Self.nearest(to: (Int(r), Int(g), Int(b)), among: depth == .eight ? 8 : 16)
        }
    }

    typealias RGB = (r: Int, g: Int, b: Int)

    /// xterm's RGB for a palette number 0–255 (the usual values for the 16 ANSI colours).
    static func rgbValue(of number: Int) -> RGB {
        if number < 16 { return ansiRGB[number] }
        if number >= 232 {
            let level = 8 + (number - 232) * 10
            return (level, level, level)
        }
        let cube = number - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    private static let cubeLevels = [0, 95, 135, 175, 215, 255]
    private static let ansiRGB: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205),
        (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255),
        (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// RGB as one number for a direct-colour terminal. Such terminals read 0–7 as the ANSI
    /// colours (xterm-direct's `setaf`), so #000000–#000007 become #000008, which looks the same.
    private static func packed(_ rgb: RGB) -> Int { max(8, rgb.r << 16 | rgb.g << 8 | rgb.b) }

    private static func distance(_ a: RGB, _ b: RGB) -> Int {
        let (dr, dg, db) = (a.r - b.r, a.g - b.g, a.b - b.b)
        return dr * dr + dg * dg + db * db
    }

    /// The nearest of the first `count` palette colours (8 or 16).
    private static func nearest(to rgb: RGB, among count: Int) -> Int {
        (0..<count).min { distance(rgbValue(of: $0), rgb) < distance(rgbValue(of: $1), rgb) } ?? 0
    }

    /// The nearest of the cube and the grey ramp (16–255); the 16 ANSI colours are left out
    /// because terminals redefine them.
    private static func nearest256(to rgb: RGB) -> Int {
        func level(_ value: Int) -> Int {
            cubeLevels.indices.min { abs(cubeLevels[$0] - value) < abs(cubeLevels[$1] - value) } ?? 0
        }
        let cube = 16 + 36 * level(rgb.r) + 6 * level(rgb.g) + level(rgb.b)
        let average = (rgb.r + rgb.g + rgb.b) / 3
        let grey = 232 + min(23, max(0, (average - 3) / 10))
        return distance(rgbValue(of: grey), rgb) < distance(rgbValue(of: cube), rgb) ? grey : cube
    }
}

/// The colours of each colour role: what the terminal adapter sets up once at start.
public struct ColorPalette: Equatable, Sendable {
    /// A foreground and a background, either of which may be the terminal's default.
    public struct Entry: Hashable, Sendable {
        public var foreground: TerminalColor
        public var background: TerminalColor

        public init(foreground: TerminalColor = .default, background: TerminalColor = .default) {
            self.foreground = foreground
            self.background = background
        }
    }

    /// Colours per role; a role not here is drawn in the terminal's default colours.
    public var entries: [Style.Color: Entry]

    public init(entries: [Style.Color: Entry] = [:]) {
        self.entries = entries
    }
}
