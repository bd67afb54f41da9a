import TidingsScreen
import TidingsUI

/// The configuration in effect as a commented TOML file: what `tidings config` prints, a
/// starting file that ``ConfigReader`` reads back to the same configuration.
public enum ConfigWriter {
    public static func text(of configuration: Configuration) -> String {
        var out = """
            # Tidings configuration (TOML), as printed by `tidings config`: every value is the one in effect.
            # Tidings reads --config PATH, else $TIDINGS_CONFIG, else $XDG_CONFIG_HOME/tidings/config.toml
            # (~/.config/tidings/config.toml), and never writes it. `tidings config --check` checks a file.

            """
        out += keys(configuration.settings.keyTable)
        out += theme(configuration.settings.theme)
        out += layout(configuration)
        return out
    }

    private static func keys(_ table: KeyTable) -> String {
        var out = """

            [keys]
            # action = ["key", ...]; [] unbinds. Keys: \(KeyName.help).
            # A key may do one thing: to give it to another action, rebind its action too.

            """
        for binding in table.bindings {
            out += "# \(table.helpText(of: binding))\n\(binding.command.name) = \(list(binding.keys))\n"
        }
        out += "# On the search line:\n"
        for binding in table.lineBindings {
            out += "# \(binding.help)\n\(binding.edit.name) = \(list(binding.keys))\n"
        }
        return out
    }

    private static func theme(_ theme: ThemeSpec) -> String {
        let base = ThemeSpec(base: theme.base)
        var out = """

            [theme]
            # The built-in theme the roles below start from: "dark" or "light". NO_COLOR keeps the attributes only.
            base = \(string(theme.base.rawValue))
            # Each role: fg and bg (default, a name such as cyan or bright-black, 0–255, or "#rrggbb";
            # truecolor where the terminal type has it, else the nearest colour), and bold, dim,
            # underline, reverse.

            """
        for role in ThemeRole.allCases {
            let style = theme[role]
            var fields: [String] = []
            if style.foreground != .default { fields.append("fg = \(color(style.foreground))") }
            if style.background != .default { fields.append("bg = \(color(style.background))") }
            let names: [(Style.Attributes, String)] = [
                (.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"),
            ]
            for (attribute, name) in names {
                let on = style.attributes.contains(attribute)
                // Off needs saying only where the base theme has it on.
                if on || base[role].attributes.contains(attribute) { fields.append("\(name) = \(on)") }
            }
            let table = fields.isEmpty ? "{}" : "{ " + fields.joined(separator: ", ") + " }"
            out += "\(role.rawValue) = \(table)  # \(role.summary)\n"
        }
        return out
    }

    private static func layout(_ configuration: Configuration) -> String {
        let layout = configuration.settings.layout
        return """

            [layout]
            # Columns from which the panes sit side by side (\(range(LayoutSettings.sideBySideWidthRange))).
            side-by-side-width = \(layout.sideBySideWidth)
            # The list's share of the width side by side, in percent (\(range(LayoutSettings.listPercentRange))).
            list-width = \(layout.listPercent)
            # The longest line of a story, in columns, centred in its pane (\(range(LayoutSettings.articleWidthRange))); 0: the pane's width.
            article-width = \(layout.articleWidth ?? 0)
            # The list's dates: %Y (2026) %y (26) %m (03) %d (09) %e (9) %b (Mar) %%.
            date-format = \(string(layout.dateFormat.pattern))
            # "follow": the story pane shows the selected post; "on-enter": only once opened (light on slow links).
            preview = \(string(configuration.preview.rawValue))
            # Wheel and clicks; off keeps the terminal's own text selection.
            mouse = \(configuration.mouse)

            """
    }

    private static func range(_ range: ClosedRange<Int>) -> String { "\(range.lowerBound)–\(range.upperBound)" }

    private static func list(_ keys: [Key]) -> String {
        "[" + keys.map { string(KeyName.name(of: $0)) }.joined(separator: ", ") + "]"
    }

    private static func color(_ color: TerminalColor) -> String {
        if case .indexed(let n) = color { return String(n) }
        return string(color.name)
    }

    /// A TOML basic string.
    static func string(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                out +=
                    "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
