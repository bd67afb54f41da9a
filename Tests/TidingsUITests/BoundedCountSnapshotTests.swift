import Testing
import TidingsUI

/// The search and status lines while a search's count is only a bound (docs/search.md,
/// "Counting while typing"), held still as snapshots: typing, counting after Enter, counted.
@Suite("Search screens: a count bounded while typing")
struct BoundedCountSnapshotTests {
    @Test("over the bound while typing, counting after Enter, the exact figure once counted")
    func boundedCount() {
        var library = Fixtures.library(count: 240)
        library.countBound = 100
        var session = Harness(library)
        session.type("/rice")
        assertSnapshot(session.screen, named: "search-bounded-typing-80x24")
        session.holdCounts = true
        session.press(.enter)
        assertSnapshot(session.screen, named: "search-bounded-counting-80x24")
        session.release(0)
        assertSnapshot(session.screen, named: "search-bounded-counted-80x24")
    }
}
