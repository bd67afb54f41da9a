import Testing
import TidingsScreen

@testable import TidingsUI

/// Any size, any key, any order: the browser never crashes and always fills the screen.
@Suite("Browser robustness")
struct BrowserRobustnessTests {
    /// Every key the table binds, plus a few it does not.
    private static let keys: [Key] =
        KeyTable.standard.bindings.flatMap(\.keys) + [.character("x"), .character("한"), .function(5), .delete]

    @Test(
        "named tiny and odd sizes render without crashing",
        arguments: [
            (0, 0), (1, 1), (2, 80), (80, 2), (10, 3), (20, 5), (19, 5), (20, 4), (3, 200), (300, 3),
        ])
    func oddSizes(columns: Int, rows: Int) {
        var session = Harness(Fixtures.library(), columns: columns, rows: rows)
        for key in Self.keys { session.press(key) }
        let screen = session.screen
        #expect(screen.size == Size(columns: columns, rows: rows))
        #expect(screen.cells.count == columns * rows)
    }

    @Test("the too-small line is cut to the width")
    func tooSmallText() {
        #expect(Harness(Fixtures.library(), columns: 12, rows: 4).lines[0] == "Tidings: ter")
        #expect(Harness(Fixtures.library(), columns: 1, rows: 1).lines[0] == "T")
        #expect(Harness(Fixtures.library(), columns: 80, rows: 4).lines[0] == " Tidings: terminal too small (80x4)")
        #expect(Harness(Fixtures.library(), columns: 0, rows: 0).screen.cells.isEmpty)
    }

    @Test("every size up to 45x14 with help, zoom and both arrangements")
    func sizeSweep() {
        var session = Harness(Fixtures.hangulLibrary())
        for columns in 0...45 {
            for rows in 0...14 {
                session.resize(columns, rows)
                for keys in ["", "?", "?G", "z", "vz", "\t"] {
                    var variant = session
                    variant.type(keys)
                    _ = variant.screen
                }
            }
        }
    }

    @Test("a long random key sequence with resizes keeps the state consistent")
    func randomKeys() {
        var session = Harness(Fixtures.library(count: 1_000))
        var seed: UInt64 = 0x5EED
        func next(_ bound: Int) -> Int {
            // A fixed linear congruential generator: the same sequence on every run.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for step in 0..<3_000 {
            if step % 97 == 0 {
                session.resize(next(160), next(50))
            } else {
                let key = Self.keys[next(Self.keys.count)]
                if key == .character("q") || key == .escape && session.state.overlay == nil { continue }
                session.press(key)
            }
            let state = session.state
            if let total = state.list.total, total > 0 {
                #expect((0..<total).contains(state.list.selection))
            }
            #expect(state.article.id == state.list.selected?.id)
            #expect(session.screen.size == state.size)
        }
    }

    @Test("anything typed and edited on the search line, answered in any order, never crashes")
    func searchLineFuzz() {
        var session = Harness(SearchFixtures.library(), columns: 60, rows: 12)
        session.holdSearches = true
        let typed: [Character] = [
            "a", "é", "한", "\u{301}", "\"", "-", "O", "R", ":", " ", "\u{1B}", "\u{0}", "👍🏽", "\u{202E}", "ᄒ", "ᅡ", "*",
            "(", "'", ";", "\\",
        ]
        let keys: [Key] =
            typed.map { .character($0) } + [
                .backspace, .control("w"), .control("u"), .left, .right, .control("o"), .down, .up, .enter, .escape,
                .character("/"), .character("n"), .character("N"),
            ]
        var seed: UInt64 = 0xC0FFEE
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for step in 0..<3_000 {
            if step % 211 == 0 { session.resize(next(120), next(40)) }
            if !session.held.isEmpty, next(3) == 0 {
                session.release(next(session.held.count))
            } else {
                session.press(keys[next(keys.count)])
            }
            let state = session.state
            #expect(state.article.id == state.list.selected?.id)
            if let search = state.search {
                #expect(search.line.cursor <= search.line.characters.count)
                #expect(search.line.characters.allSatisfy { Sanitizer.isClean(String($0)) })
            }
            #expect(session.screen.size == state.size)
        }
    }

    @Test("a paste far longer than any query is cut, and the line still shows the cursor")
    func longPaste() {
        var session = Harness(SearchFixtures.library())
        session.type("/" + String(repeating: "launch ", count: 300))
        #expect(session.state.search?.line.characters.count == SearchLine.maximumLength)
        let last = session.screen.row(23)
        #expect(last.contains { $0.style.attributes.contains(.reverse) })
    }
}
