import Testing
import TidingsScreen
import TidingsUI

/// The `:` prompt: commands by name from the key table, Tab completing, Enter running.
@Suite("Command prompt")
struct CommandPromptTests {
    @Test("`:` opens the prompt on the status line; Esc leaves it and runs nothing")
    func opensAndCancels() {
        var session = Harness(Fixtures.library())
        session.type(":")
        #expect(session.state.prompt != nil)
        #expect(session.lines[23].hasPrefix(" :"))
        session.type("quit")
        let effects = session.effects { $0.press(.escape) }
        #expect(effects.isEmpty)
        #expect(session.state.prompt == nil)
        #expect(session.state.list.selection == 0)
    }

    @Test("a command's name runs it: :bookmark, :next, :quit")
    func runsCommands() {
        var session = Harness(Fixtures.library())
        session.type(":bookmark")
        let bookmark = session.effects { $0.press(.enter) }
        #expect(bookmark.contains(.toggleBookmark(id: "post-0")))
        session.type(":next")
        session.press(.enter)
        #expect(session.state.list.selection == 1)
        session.type(":select-next")
        session.press(.enter)
        #expect(session.state.list.selection == 2)
        session.type(":quit")
        let quit = session.effects { $0.press(.enter) }
        #expect(quit.contains(.quit(status: 0)))
    }

    @Test("Tab completes a name, lists the candidates when several fit, and then the tab names")
    func completes() {
        var session = Harness(Fixtures.library())
        session.type(":bookm")
        session.press(.tab)
        #expect(session.state.prompt?.line.text == "bookmark")
        session.press(.escape)
        session.type(":toggle-")
        session.press(.tab)
        #expect(session.state.prompt?.line.text == "toggle-")
        #expect(session.state.prompt?.candidates.contains("toggle-bookmark") == true)
        #expect(session.lines[23].contains("toggle-bookmark"))
        session.press(.escape)
        session.type(":ta")
        session.press(.tab)
        #expect(session.state.prompt?.line.text == "tab ")
        session.type("mil")
        session.press(.tab)
        #expect(session.state.prompt?.line.text == "tab Military")
        session.press(.enter)
        #expect(session.state.activeTab == .category("Military"))
    }

    @Test(":tab takes a name, the start of one, or a number; a wrong one says so")
    func tabs() {
        var session = Harness(Fixtures.library())
        session.type(":tab economy")
        session.press(.enter)
        #expect(session.state.activeTab == .category("Economy"))
        session.type(":tab 1")
        session.press(.enter)
        #expect(session.state.activeTab == .all)
        session.type(":tab Hum")
        session.press(.enter)
        #expect(session.state.activeTab == .category("Human Rights"))
        session.type(":tab Sports")
        session.press(.enter)
        #expect(session.state.message == "No tab named Sports")
        session.type(":tab 42")
        session.press(.enter)
        #expect(session.state.message?.hasPrefix("No tab 42") == true)
    }

    @Test(":search WORDS searches the tab and keeps the filter; :search alone opens the line")
    func search() {
        var session = Harness(Fixtures.library())
        session.type(":search ferry")
        session.press(.enter)
        #expect(session.state.search?.line.text == "ferry")
        #expect(session.state.isEditingSearch == false)
        #expect(session.state.list.key.query != nil)
        session.press(.escape)
        session.type(":search")
        session.press(.enter)
        #expect(session.state.isEditingSearch)
    }

    @Test("an unknown name says so on the status line, cleaned of what it should not show")
    func unknown() {
        var session = Harness(Fixtures.library())
        session.type(":frobnicate")
        session.press(.enter)
        #expect(session.state.message?.hasPrefix("No command frobnicate") == true)
        #expect(session.lines[23].contains("No command frobnicate"))
        // A bidi override and an escape pasted into the prompt never reach the screen.
        session.type(":\u{202E}x\u{1B}[2J")
        let shown = session.screen.snapshot()
        #expect(!shown.contains("\u{202E}"))
        #expect(!shown.contains("\u{1B}"))
        session.press(.enter)
        #expect(session.state.message?.contains("\u{202E}") == false)
        #expect(session.state.message?.contains("\u{1B}") == false)
        #expect(!session.screen.snapshot().contains("\u{1B}"))
    }

    @Test("a command that takes nothing refuses an argument; Backspace on an empty line leaves")
    func arguments() {
        var session = Harness(Fixtures.library())
        session.type(":bookmark now")
        let effects = session.effects { $0.press(.enter) }
        #expect(!effects.contains(.toggleBookmark(id: "post-0")))
        #expect(session.state.message == "bookmark takes nothing after it")
        session.type(":")
        session.press(.backspace)
        #expect(session.state.prompt == nil)
    }

    @Test("a paste into the prompt is text, cleaned, never keys")
    func paste() {
        var session = Harness(Fixtures.library())
        session.type(":")
        session.send(.pasted("tab Mil\u{1B}[2Jitary"))
        #expect(session.state.prompt?.line.text.contains("\u{1B}") == false)
        #expect(session.state.prompt?.line.text.hasPrefix("tab Mil") == true)
        #expect(session.state.activeTab == .all)
    }

    @Test("help lists the prompt's key")
    func helpListsIt() {
        let binding = KeyTable.standard.binding(for: .commandPrompt)
        #expect(binding?.keys == [.character(":")])
        #expect(KeyTable.standard.command(for: .character(":")) == .commandPrompt)
    }

    @Test("the prompt with candidates, 80x24")
    func snapshot() {
        var session = Harness(Fixtures.library())
        session.type(":n")
        session.press(.tab)
        assertSnapshot(session.screen, named: "command-prompt-80x24")
    }
}
