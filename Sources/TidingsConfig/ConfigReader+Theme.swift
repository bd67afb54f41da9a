import TOMLKit
import TidingsScreen
import TidingsUI

extension ConfigReading {
    /// The keys of one role's table.
    static let roleKeys = ["fg", "bg", "bold", "dim", "underline", "reverse"]

    /// `theme = "light"` or `[theme] base = "light"`.
    mutating func readBase(_ name: String, at path: [String]) -> ThemeSpec? {
        guard let base = ThemeSpec.Base(rawValue: name) else {
            let names = ThemeSpec.Base.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            fail(atValue: path, "unknown theme \"\(name)\"; the built-in themes are \(names)")
            return nil
        }
        return ThemeSpec(base: base)
    }

    /// `[theme]`: `base`, then a table per role (`unread = { fg = "cyan", bold = true }`).
    mutating func readTheme(_ table: TOMLTable) -> ThemeSpec {
        var theme = ThemeSpec.dark
        if let base = table["base"], let name = expectString(base, at: ["theme", "base"]) {
            theme = readBase(name, at: ["theme", "base"]) ?? .dark
        }
        let names = ["base"] + ThemeRole.allCases.map(\.rawValue)
        for (name, value) in table where name != "base" {
            let path = ["theme", name]
            guard let role = ThemeRole(rawValue: name) else {
                unknownKey(name, at: path, among: names)
                continue
            }
            guard let roleTable = value.table else {
                fail(
                    atValue: path,
                    "\(Self.describe(path)) must be a table such as { fg = \"cyan\", bold = true }, not \(Self.kind(of: value))"
                )
                continue
            }
            theme[role] = readRole(roleTable, at: path, startingFrom: theme[role])
        }
        return theme
    }

    private mutating func readRole(_ table: TOMLTable, at path: [String], startingFrom style: RoleStyle) -> RoleStyle {
        var style = style
        let attributes: [String: Style.Attributes] = [
            "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse,
        ]
        for (name, value) in table {
            let keyPath = path + [name]
            switch name {
            case "fg", "bg":
                guard let color = readColor(value, at: keyPath) else { continue }
                if name == "fg" { style.foreground = color } else { style.background = color }
            default:
                guard let attribute = attributes[name] else {
                    unknownKey(name, at: keyPath, among: Self.roleKeys)
                    continue
                }
                guard let on = expectBool(value, at: keyPath) else { continue }
                if on { style.attributes.insert(attribute) } else { style.attributes.remove(attribute) }
            }
        }
        return style
    }

    /// A colour: a name, `default`, 0–255 (as a number) or `#rrggbb`.
    private mutating func readColor(_ value: TOMLValueConvertible, at path: [String]) -> TerminalColor? {
        if let number = value.int {
            guard let color = TerminalColor(number: number) else {
                fail(atValue: path, "colour \(number) is out of range; colour numbers are 0 to 255")
                return nil
            }
            return color
        }
        guard let name = value.string else {
            fail(
                atValue: path,
                "\(Self.describe(path)) must be a colour name, 0–255 or \"#rrggbb\", not \(Self.kind(of: value))")
            return nil
        }
        if let color = TerminalColor(name: name) { return color }
        let hint = Self.suggestion(for: name, among: TerminalColor.ansiNames).map { " (did you mean \"\($0)\"?)" } ?? ""
        fail(
            atValue: path,
            "unknown colour \"\(name)\"\(hint); colours are default, the 16 names (black, red, green, yellow, "
                + "blue, magenta, cyan, white, and bright- ones), 0–255 or \"#rrggbb\"")
        return nil
    }
}
