import Testing
import TidingsScreen

/// Colours as themes write them, brought down to what each kind of terminal shows.
@Suite("Terminal colours")
struct TerminalColorTests {
    @Test("names, numbers and #rrggbb are read; anything else is not")
    func names() {
        #expect(TerminalColor(name: "cyan") == .ansi(6))
        #expect(TerminalColor(name: "Bright-Black") == .ansi(8))
        #expect(TerminalColor(name: "default") == .default)
        #expect(TerminalColor(name: "#1E90ff") == .rgb(0x1E, 0x90, 0xFF))
        #expect(TerminalColor(number: 7) == .ansi(7))
        #expect(TerminalColor(number: 200) == .indexed(200))
        for bad in ["#12345", "#gg0000", "orange", "", "12"] { #expect(TerminalColor(name: bad) == nil, "\(bad)") }
        #expect(TerminalColor(number: 256) == nil)
        #expect(TerminalColor(number: -1) == nil)
        for color in [TerminalColor.default, .ansi(3), .ansi(12), .rgb(1, 2, 254)] {
            #expect(TerminalColor(name: color.name) == color)
        }
    }

    @Test("RGB: as is on direct colour, the nearest of the cube or greys on 256, of 16 or 8 below")
    func rgb() {
        let orange = TerminalColor.rgb(0xFF, 0x87, 0x00)
        #expect(orange.resolved(for: .direct) == 0xFF8700)
        #expect(orange.resolved(for: .indexed256) == 208)
        #expect(TerminalColor.rgb(0x80, 0x80, 0x80).resolved(for: .indexed256) == 244)
        #expect(TerminalColor.rgb(0xFF, 0, 0).resolved(for: .sixteen) == 9)
        #expect(TerminalColor.rgb(0xFF, 0, 0).resolved(for: .eight) == 1)
        #expect(orange.resolved(for: .none) == -1)
    }

    @Test("ANSI and indexed colours: kept where the terminal has them, brought down where not")
    func palette() {
        #expect(TerminalColor.ansi(6).resolved(for: .eight) == 6)
        #expect(TerminalColor.ansi(14).resolved(for: .eight) == 6)
        // Bright black on eight colours would be black: the default colour reads instead.
        #expect(TerminalColor.ansi(8).resolved(for: .eight) == -1)
        #expect(TerminalColor.ansi(8).resolved(for: .sixteen) == 8)
        #expect(TerminalColor.ansi(2).resolved(for: .direct) == 2)
        #expect(TerminalColor.indexed(196).resolved(for: .indexed256) == 196)
        #expect(TerminalColor.indexed(196).resolved(for: .direct) == 0xFF0000)
        #expect(TerminalColor.indexed(196).resolved(for: .sixteen) == 9)
        #expect(TerminalColor.default.resolved(for: .direct) == -1)
    }

    @Test("direct colour never sends RGB as 0–7, which such terminals read as the ANSI colours")
    func directKeepsRGBOutOfTheANSIRange() {
        for blue in 0...7 {
            #expect(TerminalColor.rgb(0, 0, UInt8(blue)).resolved(for: .direct) == 8, "#00000\(blue)")
        }
        // The cube's and the ramp's black are RGB too, not ANSI black.
        #expect(TerminalColor.indexed(16).resolved(for: .direct) == 8)
        #expect(TerminalColor.rgb(0, 0, 9).resolved(for: .direct) == 9)
        #expect(TerminalColor.ansi(0).resolved(for: .direct) == 0)
    }

    @Test("a colour count gives the depth")
    func depth() {
        #expect(ColorDepth(colorCount: 0) == .none)
        #expect(ColorDepth(colorCount: 8) == .eight)
        #expect(ColorDepth(colorCount: 16) == .sixteen)
        #expect(ColorDepth(colorCount: 256) == .indexed256)
        #expect(ColorDepth(colorCount: 0x100_0000) == .direct)
    }
}
