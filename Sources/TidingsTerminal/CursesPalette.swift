import CNcursesw
import TidingsScreen

/// Sets up one ncurses colour pair per colour role of a ``ColorPalette``.
///
/// A role's colours are brought down to what the terminal has (``ColorDepth``): RGB as is
/// on a direct-colour terminal type, else the nearest of its 256, 16 or 8. Colours the
/// palette leaves at `default` stay the terminal's own, so the user's background stays
/// and every role still reads well when colour is off; the attributes carry the meaning.
enum CursesPalette {
    /// The terminal's depth, from its type alone: a direct-colour type (`xterm-direct`, or
    /// the variant chosen for `COLORTERM`) reads every colour number as RGB, so palette
    /// numbers sent to it would come out as near-black blues, `COLORTERM` or not.
    static func depth(colorCount: Int) -> ColorDepth {
        ColorDepth(colorCount: colorCount)
    }

    /// Whether `COLORTERM` says the terminal draws 24-bit colour.
    static func claimsTruecolor(_ environment: [String: String]) -> Bool {
        ["truecolor", "24bit"].contains(environment["COLORTERM"]?.lowercased() ?? "")
    }

    /// The direct-colour variant of a terminal type (`xterm-256color` → `xterm-direct`), to try
    /// first when `COLORTERM` claims truecolor and the palette has RGB colours in it.
    static func directVariant(of term: String) -> String? {
        guard !term.hasSuffix("-direct"), let family = term.split(separator: "-").first else { return nil }
        return family + "-direct"
    }

    /// Whether any role asks for an RGB colour (only then is a direct terminal type worth it).
    static func usesRGB(_ palette: ColorPalette) -> Bool {
        palette.entries.values.contains { entry in
            [entry.foreground, entry.background].contains { if case .rgb = $0 { true } else { false } }
        }
    }

    /// Starts colour and defines one pair per role (pair number = raw value).
    ///
    /// - Returns: the pair for each role indexed by raw value, or nil when the terminal
    ///   has no colours or cannot keep its default background.
    static func start(_ palette: ColorPalette) -> [Int16]? {
        guard has_colors(), start_color() == OK, use_default_colors() == OK else { return nil }
        let depth = depth(colorCount: Int(tidings_COLORS()))
        var pairs: [Int16] = []
        for role in Style.Color.allCases {
            guard role != .none, let entry = palette.entries[role] else {
                pairs.append(0)
                continue
            }
            let pair = Int16(role.rawValue)
            let foreground = Int32(entry.foreground.resolved(for: depth))
            let background = Int32(entry.background.resolved(for: depth))
            guard init_extended_pair(Int32(pair), foreground, background) == OK else { return nil }
            pairs.append(pair)
        }
        return pairs
    }
}
