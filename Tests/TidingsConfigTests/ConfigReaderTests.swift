import Foundation
import Testing
import TidingsScreen
import TidingsUI

@testable import TidingsConfig

/// Config files read into settings, and every kind of problem reported once, at its line and
/// column, naming the file.
@Suite("Config file")
struct ConfigReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load(_ name: String) throws(ConfigError) -> Configuration {
        try ConfigReader.load(ConfigLocation(path: fixtures.appendingPathComponent(name).path, isExplicit: true))
    }

    /// The error a fixture gives; a recorded issue if it gives none.
    static func error(_ name: String) -> ConfigError? {
        do {
            _ = try load(name)
            Issue.record("\(name) was accepted")
            return nil
        } catch {
            return error
        }
    }

    @Test("a complete file: keys, theme and layout as written, the rest as the defaults")
    func goodFile() throws {
        let configuration = try Self.load("good.toml")
        let keys = configuration.settings.keyTable
        #expect(keys.binding(for: .selectNext)?.keys == [.character("x"), .down, .control("n")])
        #expect(keys.binding(for: .toggleBookmark)?.keys == [.character("B"), .function(2)])
        #expect(keys.binding(for: .zoom)?.keys == [])
        #expect(keys.binding(for: .quit)?.keys == [.character("q")])
        #expect(keys.lineEdit(for: .control("k")) == .clear)
        #expect(keys.lineEdit(for: .control("u")) == nil)
        let theme = configuration.settings.theme
        #expect(theme.base == .light)
        #expect(theme[.unread] == RoleStyle(.bold, foreground: .rgb(0xFF, 0x87, 0x00)))
        #expect(theme[.selected] == RoleStyle([], foreground: .ansi(15), background: .indexed(24)))
        #expect(theme[.title] == ThemeSpec.light[.title])
        let layout = configuration.settings.layout
        #expect(layout.sideBySideWidth == 120)
        #expect(layout.listPercent == 40)
        #expect(layout.articleWidth == 80)
        #expect(layout.dateFormat.format("2026-03-09") == "9 Mar")
        #expect(configuration.preview == .onEnter)
        #expect(configuration.mouse == true)
    }

    /// Every kind of problem: the fixture, where it is, and words the message must have.
    static let problems: [(file: String, line: Int, column: Int, words: [String])] = [
        ("syntax-unclosed-list.toml", 3, 1, ["TOML syntax", "]"]),
        ("syntax-duplicate-key.toml", 3, 17, ["TOML syntax", "article-width"]),
        ("unknown-table.toml", 2, 1, ["unknown table", "colours", "[keys], [theme] and [layout]"]),
        ("key-outside-its-table.toml", 1, 1, ["unknown table or key \"mouse\"", "belongs in [layout]"]),
        ("unknown-layout-key.toml", 2, 1, ["unknown key \"side-by-side\"", "did you mean \"side-by-side-width\""]),
        ("wrong-type.toml", 2, 19, ["article-width", "must be an integer, not a string"]),
        ("unknown-action.toml", 2, 1, ["unknown action \"nxet-post\"", "did you mean \"next-post\""]),
        ("unknown-key-name.toml", 2, 19, ["unknown key name \"PgDown\"", "PageDown"]),
        ("meta-key.toml", 2, 14, ["M-j", "not supported"]),
        ("key-bound-twice.toml", 4, 14, ["\"x\"", "next-post (line 2)", "open-link"]),
        ("key-clash-default.toml", 2, 19, ["\"n\"", "next-match by default", "next-match = []"]),
        ("key-listed-twice.toml", 2, 19, ["\"J\" is listed twice"]),
        ("quit-unbound.toml", 2, 8, ["quit must keep at least one key"]),
        ("search-line-no-exit.toml", 4, 16, ["keep-filter and clear-search", "no way out"]),
        ("line-edit-printable.toml", 2, 22, ["\"x\" for clear-line", "types a character"]),
        ("invisible-key.toml", 2, 14, ["<U+200F>", "invisible character (U+200F)"]),
        ("bad-colour.toml", 2, 17, ["unknown colour \"orang\"", "#rrggbb"]),
        ("colour-out-of-range.toml", 3, 6, ["256", "0 to 255"]),
        ("unknown-theme.toml", 2, 8, ["unknown theme \"solarized\"", "\"dark\" or \"light\""]),
        ("unknown-role.toml", 2, 1, ["unknown key \"link\" in [theme]"]),
        ("unknown-attribute.toml", 2, 1, ["unknown key \"italic\"", "fg, bg, bold, dim, underline, reverse"]),
        ("out-of-range.toml", 2, 14, ["list-width is 95", "20 to 80"]),
        ("bad-date-format.toml", 2, 15, ["%d/%Q", "%Y"]),
        ("bad-preview.toml", 2, 11, ["\"never\"", "\"follow\" or \"on-enter\""]),
        ("mouse-not-bool.toml", 2, 9, ["mouse must be true or false"]),
        ("keys-not-a-table.toml", 1, 8, ["[keys] must be a table, not a list"]),
        // Two problems: the first in the file is the one reported.
        ("two-problems.toml", 2, 14, ["list-width is 10"]),
    ]

    @Test("each problem is reported at its line and column, naming the file", arguments: problems)
    func problem(_ problem: (file: String, line: Int, column: Int, words: [String])) {
        guard let error = Self.error(problem.file) else { return }
        #expect(error.position == SourcePosition(line: problem.line, column: problem.column), "\(error)")
        #expect(error.description.hasPrefix(Self.fixtures.appendingPathComponent(problem.file).path + ":"))
        for word in problem.words {
            #expect(error.reason.contains(word), "\(error.reason) lacks \(word)")
        }
    }

    @Test(
        "a named file that is missing, a folder, not UTF-8 or holding a NUL is refused; a missing usual file is the defaults"
    )
    func files() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tidings-config-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = folder.appendingPathComponent("missing.toml").path
        #expect(throws: ConfigError(path: missing, position: nil, reason: "no such file")) {
            try ConfigReader.load(ConfigLocation(path: missing, isExplicit: true))
        }
        #expect(try ConfigReader.load(ConfigLocation(path: missing, isExplicit: false)) == .standard)
        #expect(throws: ConfigError(path: folder.path, position: nil, reason: "is a folder")) {
            try ConfigReader.load(ConfigLocation(path: folder.path, isExplicit: true))
        }
        let latin1 = folder.appendingPathComponent("latin1.toml")
        try (Data("[layout]\ndate-format = \"%d ".utf8) + Data([0xE9]) + Data("\"\n".utf8)).write(to: latin1)
        let notText = try #require(Self.errorAt(latin1.path))
        #expect(notText.reason.contains("not UTF-8"))
        // A NUL would end the text early for the C++ parser: the keys after it must not be lost silently.
        let nul = folder.appendingPathComponent("nul.toml")
        try Data("[layout]\nlist-width = 30\0\nmouse = \"x\"\n".utf8).write(to: nul)
        let nulError = try #require(Self.errorAt(nul.path))
        #expect(nulError.position == SourcePosition(line: 2, column: 16))
        #expect(nulError.reason.contains("NUL"))
    }

    static func errorAt(_ path: String) -> ConfigError? {
        do {
            _ = try ConfigReader.load(ConfigLocation(path: path, isExplicit: true))
            return nil
        } catch {
            return error
        }
    }

    @Test("an empty file and a file of comments are the defaults")
    func empty() throws {
        #expect(try ConfigReader.parse("", path: "empty.toml") == .standard)
        #expect(try ConfigReader.parse("# nothing yet\n\n[keys]\n[layout]\n", path: "c.toml") == .standard)
        #expect(try ConfigReader.parse("theme = \"dark\"\n", path: "c.toml") == .standard)
    }

    @Test("what `tidings config` prints reads back to the same configuration")
    func roundTrip() throws {
        for configuration in [Configuration.standard, try Self.load("good.toml")] {
            let text = ConfigWriter.text(of: configuration)
            let again = try ConfigReader.parse(text, path: "printed.toml")
            #expect(again == configuration)
            #expect(text.contains("[keys]") && text.contains("[theme]") && text.contains("[layout]"))
        }
        // Every action is listed by its stable name, every role and every layout key too.
        let text = ConfigWriter.text(of: .standard)
        for command in Command.allCases { #expect(text.contains("\n\(command.name) = [")) }
        for role in ThemeRole.allCases { #expect(text.contains("\n\(role.rawValue) = {")) }
        for key in ConfigReading.layoutKeys { #expect(text.contains("\n\(key) = ")) }
    }

    @Test("the file is found by --config, then TIDINGS_CONFIG, then XDG_CONFIG_HOME, then HOME")
    func location() {
        let environment = ["TIDINGS_CONFIG": "/e.toml", "XDG_CONFIG_HOME": "/xdg", "HOME": "/home/u"]
        #expect(
            ConfigLocation.resolve(option: "/o.toml", environment: environment)
                == .init(path: "/o.toml", isExplicit: true))
        #expect(
            ConfigLocation.resolve(option: nil, environment: environment) == .init(path: "/e.toml", isExplicit: true))
        var rest = environment
        rest["TIDINGS_CONFIG"] = nil
        #expect(ConfigLocation.resolve(option: nil, environment: rest).path == "/xdg/tidings/config.toml")
        rest["XDG_CONFIG_HOME"] = "relative"
        #expect(
            ConfigLocation.resolve(option: nil, environment: rest)
                == .init(path: "/home/u/.config/tidings/config.toml", isExplicit: false))
    }

    @Test("key names: characters, named keys in any case, Ctrl letters; the terminal's twins refused")
    func keyNames() throws {
        #expect(try KeyName.key(for: "j").get() == .character("j"))
        #expect(try KeyName.key(for: "pagedown").get() == .pageDown)
        #expect(try KeyName.key(for: "PgDn").get() == .pageDown)
        #expect(try KeyName.key(for: "C-N").get() == .control("n"))
        #expect(try KeyName.key(for: "F12").get() == .function(12))
        #expect(try KeyName.key(for: "Space").get() == .character(" "))
        // Controls, C1, bidi marks, zero-width and BOM: stripped or unseen, so never pressed.
        for invisible in [
            "\u{1B}", "\u{85}", "\u{9B}", "\u{200B}", "\u{200D}", "\u{200E}", "\u{202E}", "\u{2066}", "\u{FEFF}",
            "a\u{200D}",
        ] {
            guard case .failure(.reason(let reason)) = KeyName.key(for: invisible) else {
                Issue.record("\(KeyName.shown(invisible)) was accepted as a key")
                continue
            }
            #expect(reason.contains("can never be pressed"), "\(reason)")
        }
        #expect(KeyName.shown("a\u{202E}b") == "a<U+202E>b")
        for bad in ["C-i", "C-m", "F13", "C-1", "Dwn", "M-x", ""] {
            #expect((try? KeyName.key(for: bad).get()) == nil, "\(bad)")
        }
        for (name, key) in KeyName.named {
            #expect(try KeyName.key(for: KeyName.name(of: key)).get() == key, "\(name)")
        }
    }
}
