import CNcursesw
import TidingsScreen

/// Maps `Style.Color` roles to ncurses colour pairs on the terminal's default background.
///
/// Only foreground colours are set, so the user's background (light or dark) stays and
/// every role still reads well when colour is off; the attributes carry the meaning.
enum CursesPalette {
    /// Foreground colour for each role; -1 is the terminal's default foreground.
    static func foreground(for role: Style.Color, colorCount: Int32) -> Int16 {
        switch role {
        case .none: return -1
        case .accent: return Int16(COLOR_CYAN)
        // Bright black where the terminal has it; otherwise the dim attribute does the work.
        case .muted: return colorCount >= 16 ? 8 : -1
        case .highlight: return Int16(COLOR_YELLOW)
        case .warning: return Int16(COLOR_RED)
        case .tab: return Int16(COLOR_GREEN)
        }
    }

    /// Starts colour and defines one pair per role (pair number = raw value).
    ///
    /// - Returns: the pair for each role indexed by raw value, or nil when the terminal
    ///   has no colours or cannot keep its default background.
    static func start() -> [Int16]? {
        guard has_colors(), start_color() == OK, use_default_colors() == OK else { return nil }
        let colorCount = tidings_COLORS()
        var pairs: [Int16] = []
        for role in Style.Color.allCases {
            if role == .none {
                pairs.append(0)
                continue
            }
            let pair = Int16(role.rawValue)
            guard init_pair(pair, foreground(for: role, colorCount: colorCount), -1) == OK else { return nil }
            pairs.append(pair)
        }
        return pairs
    }
}
