import Foundation
import Testing
import TidingsScreen
import TidingsUI

@testable import TidingsApp

/// Light on the wire, through the real loop on a real library: a run of keys draws the article
/// once it ends, and a terminal slow to take output gets the latest screen only. The loop's
/// clock is the scripted terminal's, so a busy machine cannot change what is a run.
@Suite("Browser session: runs of keys and a slow terminal")
struct SessionPacingTests {
    private static func run(_ terminal: FakeTerminal, on fixture: AppFixture) async -> Int32 {
        let clock = terminal.clock
        nonisolated(unsafe) let session = BrowserSession(
            library: fixture.library, terminal: terminal, greeting: nil, updater: nil, opener: LinkOpener(),
            settings: .standard, options: .standard, clock: { clock.now })
        return await withCheckedContinuation { done in
            Thread { done.resume(returning: session.run()) }.start()
        }
    }

    private static var firstPage: FakeTerminal.Step {
        .waitUntil("the first page") { $0.snapshot().contains("Story 0 about the harbour") }
    }

    /// The day of the post whose body the frame shows (`busy on day N`), if one is shown.
    private static func articleDay(_ frame: ScreenBuffer) -> Int? {
        guard let range = frame.snapshot().range(of: "busy on day ") else { return nil }
        return Int(frame.snapshot()[range.upperBound...].prefix { $0.isNumber })
    }

    /// The list position in the status line (`4` of `4/12`).
    private static func position(_ frame: ScreenBuffer) -> Int? {
        let rows = frame.snapshot().split(separator: "\n", omittingEmptySubsequences: false)
        guard rows.count >= 24, let first = rows[23].split(separator: " ").first,
            let slash = first.firstIndex(of: "/")
        else { return nil }
        return Int(first[..<slash])
    }

    @Test("KeyPacing: a key within the gap of the one before is in a run; the first is not")
    func pacing() {
        var pacing = KeyPacing()
        let start = ContinuousClock.now
        pacing.keyArrived(at: start)
        #expect(!pacing.isInRun)
        pacing.keyArrived(at: start + .milliseconds(30))
        #expect(pacing.isInRun)
        #expect(pacing.quietAt == start + .milliseconds(30) + KeyPacing.runGap)
        pacing.endRun()
        #expect(!pacing.isInRun)
        pacing.keyArrived(at: start + .milliseconds(30) + KeyPacing.runGap)
        #expect(!pacing.isInRun)
    }

    @Test("ten Downs 30 ms apart: the list moves on every key, the article is drawn for the first and the last")
    func runOfKeys() async throws {
        let fixture = try AppFixture()
        var steps: [FakeTerminal.Step] = [Self.firstPage]
        for _ in 0..<10 { steps += [.key(.down), .pause(30)] }
        steps += [
            .pause(150),
            .waitUntil("the last post's article") { Self.articleDay($0) != nil && Self.position($0) == 11 },
            .key(.character("q")),
        ]
        let terminal = FakeTerminal(steps)
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        let positions = Set(terminal.frames.compactMap(Self.position))
        #expect(positions.isSuperset(of: Set(1...11)), "a frame for every key: \(positions.sorted())")
        // The first post, the first key's, and the last key's: nothing in between.
        let days = Set(terminal.frames.compactMap(Self.articleDay))
        #expect(days.count == 3, "articles drawn: \(days.sorted())")
        let last = try #require(terminal.frames.last { Self.position($0) == 11 })
        #expect(Self.articleDay(last) != nil)
    }

    @Test("Downs a reader presses one by one each show their article at once")
    func separateKeys() async throws {
        let fixture = try AppFixture()
        var steps: [FakeTerminal.Step] = [Self.firstPage]
        for index in 1...3 {
            steps += [
                .pause(150), .key(.down),
                .waitUntil("key \(index)'s article") { Self.position($0) == index + 1 && Self.articleDay($0) != nil },
            ]
        }
        steps.append(.key(.character("q")))
        let terminal = FakeTerminal(steps)
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        #expect(Set(terminal.frames.compactMap(Self.articleDay)).count == 4)
    }

    @Test("a slow terminal gets the latest screen only, says so, and stops saying so once it keeps up")
    func slowTerminal() async throws {
        let fixture = try AppFixture()
        var steps: [FakeTerminal.Step] = [Self.firstPage, .slowWrites(true)]
        steps += Array(repeating: .key(.character("j")), count: 10)
        steps += [
            .waitUntil("the last key's row") { Self.position($0) == 11 },
            .slowWrites(false), .key(.character("k")),
            .waitUntil("the notice gone") { Self.position($0) == 10 && !$0.snapshot().contains("terminal slow") },
            .key(.character("q")),
        ]
        let terminal = FakeTerminal(steps)
        let before = terminal.frames.count
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        let slowFrames = terminal.frames.dropFirst(before).filter { ($0.snapshot().contains("terminal slow")) }
        #expect(!slowFrames.isEmpty, "the status line said the terminal was slow")
        #expect(terminal.heldFrames >= 1)
        // Ten keys, far fewer frames: the keys waiting were applied together.
        let duringRun = terminal.frames.compactMap(Self.position).filter { (2...11).contains($0) }
        #expect(duringRun.count < 10, "frames during the keys: \(duringRun)")
        #expect(!terminal.lastFrame.contains("terminal slow"))
    }

    @Test("writes that block without a backlog showing: the keys that came meanwhile make one frame")
    func slowWritesWithoutBacklog() async throws {
        let fixture = try AppFixture()
        var steps: [FakeTerminal.Step] = [Self.firstPage, .slowWrites(true, backlogging: false)]
        steps += Array(repeating: .key(.character("j")), count: 10)
        steps += [.waitUntil("the last key's row") { Self.position($0) == 11 }, .key(.character("q"))]
        let terminal = FakeTerminal(steps)
        #expect(await Self.run(terminal, on: fixture) == 0)
        #expect(terminal.gaveUp == nil)
        #expect(terminal.heldFrames == 0)
        // The first key's frame is slow; everything waiting behind it goes into the next.
        let duringRun = terminal.frames.compactMap(Self.position).filter { (2...11).contains($0) }
        #expect(duringRun.count <= 3, "frames during the keys: \(duringRun)")
        #expect(terminal.lastFrame.contains("terminal slow"))
    }
}
