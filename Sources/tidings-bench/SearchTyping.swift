import Foundation
import TidingsCore
import TidingsLibrary

/// Search typed into the real browser one key at a time: `/`, then each character of a query,
/// each timed from the write to its results on the screen, then Esc.
///
/// Two times per key, because the browser answers twice (matches in archive order with their
/// count at once, then the ranked page): the first results, when the search line shows the
/// count for the text typed; and settled, when the screen is quiet and the browser idle, the
/// ranking drawn.
///
/// "Its results on the screen" is checked, not assumed: the search line must show the text
/// typed so far and the number of matches the library counts for it (computed here
/// beforehand with the same query, up to the browser's bound: `over 10,000 matches` past it),
/// and not `searching…`, which the line says from the key until the text's query answers;
/// then the screen must stay quiet for 40 ms, and the time is that of the last byte. A key that
/// leaves the query as it was (a space at the end) asks nothing and has nothing on the screen
/// to tell its results from the last ones, so it is timed to the screen settling (which waits
/// while the browser still uses CPU) and counted as unconfirmed. If no key's results ever
/// show, the figures are marked not available.
enum SearchTyping {
    /// What is typed. Every query starts with a one-letter prefix; `said` is in 94% of the
    /// 100,000 generated posts, `people` in 40%, the generated filler word `seltanselbra` in
    /// 1.4%, the phrase in 1.2%; then a field filter and a Hangul substring.
    static let script = ["said", "people", "seltanselbra", "\"north korea\"", "outlet:reuters talks", "정은"]

    /// One key of the script.
    struct Key: Codable {
        var typed: String
        /// To the screen settled: the last byte, the ranked page drawn.
        var ms: Double
        /// To the chunk that showed the count (for an unconfirmed key, the echo).
        var firstMs: Double?
        var bytes: Int
        /// Matches the library counts for the text typed so far, as the browser does, up to
        /// its bound (nil: it refused the query); with `over`, more than this many.
        var matches: Int?
        /// Whether ``matches`` is only the bound: more posts match than were counted.
        var over: Bool
        /// Whether the screen showed that count and it told these results from the last ones
        /// (false: timed to the screen settling only).
        var confirmed: Bool
    }

    /// The figures of one run of the script.
    struct Figures: Codable {
        /// False when the browser has no search line yet or never showed results.
        var available: Bool
        var note: String?
        var keys: [Key]
        var medianMs: Double
        var p95Ms: Double
        var maxMs: Double
        var firstMedianMs: Double
        var firstP95Ms: Double
        var slowest: String
        /// Median bytes written per key.
        var bytesMedian: Int

        static func unavailable(_ note: String, keys: [Key] = []) -> Figures {
            Figures(
                available: false, note: note, keys: keys, medianMs: 0, p95Ms: 0, maxMs: 0, firstMedianMs: 0,
                firstP95Ms: 0, slowest: "", bytesMedian: 0)
        }
    }

    /// Types the script into the running browser `terminal` (which shows the All tab of
    /// `library`) and times every key.
    static func run(
        _ terminal: PseudoTerminal, library: Library, rows: Int, script: [String] = script,
        timeout: Double = 10
    ) -> Figures {
        var keys: [Key] = []
        var shownAny = false
        let status = rows - 1
        for query in script {
            terminal.send(Array("/".utf8))
            let opened = terminal.settle(timeout: 5) { $0.row(status).hasPrefix(" /") }
            guard opened.isReady else {
                return .unavailable(
                    "no search line after / (the browser's last row: \(trimmed(terminal.screen.row(status))))")
            }
            var typed = ""
            var before: String?  // the line's query before this key (trimmed, as the browser reads it)
            for character in query {
                typed.append(character)
                // Counted as the browser's first stage counts, up to its bound.
                let matches = try? library.search(
                    SearchQuery(typed, typing: true), order: .archive, limit: 1, countBound: RankingScope.typingBound
                ).count
                let shown = typed
                let sent = DispatchTime.now()
                terminal.send(Array(String(character).utf8))
                let settled = terminal.settle(timeout: timeout) { screen in
                    showsResults(screen.row(status), typed: shown, matches: matches)
                }
                if !settled.isReady, !shownAny, let matches {
                    return .unavailable(
                        "no results on screen for \(shown) (expected \(matches) matches; the search line: \(trimmed(terminal.screen.row(status))))"
                    )
                }
                shownAny = shownAny || (settled.isReady && matches != nil)
                let query = typed.trimmingCharacters(in: .whitespaces)
                defer { before = query }
                guard let last = settled.lastByte else { continue }
                // A key that changes the query passes through `searching…` until its results
                // answer; one that does not (a space) leaves the screen as it was.
                let distinct = before != query
                keys.append(
                    Key(
                        typed: typed, ms: milliseconds(from: sent, to: last),
                        firstMs: settled.readyAt.map { milliseconds(from: sent, to: $0) }, bytes: settled.bytes,
                        matches: matches?.known, over: matches.map { !$0.isExact } ?? false,
                        confirmed: settled.isReady && matches != nil && distinct))
            }
            terminal.send([0x1B])  // Esc: back to the whole list (ncurses waits ESCDELAY to be sure)
            let closed = terminal.settle(timeout: 5) { !$0.row(status).hasPrefix(" /") }
            guard closed.isReady else { return .unavailable("Esc did not close the search line", keys: keys) }
        }
        let times = keys.map(\.ms)
        let firsts = keys.map { $0.firstMs ?? $0.ms }
        let slowest = keys.max { $0.ms < $1.ms }
        let unconfirmed = keys.filter { !$0.confirmed }.map(\.typed)
        return Figures(
            available: true,
            note: unconfirmed.isEmpty
                ? nil
                : "\(unconfirmed.count) of \(keys.count) keys left the count unchanged (timed to the screen settling): "
                    + unconfirmed.joined(separator: ", "),
            keys: keys, medianMs: median(times), p95Ms: percentile(times, 0.95), maxMs: times.max() ?? 0,
            firstMedianMs: median(firsts), firstP95Ms: percentile(firsts, 0.95),
            slowest: slowest?.typed ?? "", bytesMedian: Int(median(keys.map { Double($0.bytes) })))
    }

    /// Whether the search line shows `typed` (with the cursor after it) and the count of
    /// `matches` as the browser words it (`over 10,000 matches` past its bound), not a search
    /// under way.
    static func showsResults(_ line: String, typed: String, matches: MatchCount?) -> Bool {
        guard line.hasPrefix(" /" + typed + " "), !line.contains("searching") else { return false }
        switch matches {
        case nil: return true
        case .moreThan(let bound)?: return line.contains(" over \(BrowseBench.grouped(bound)) matches")
        case .exact(let count)?:
            // `over 10,000 matches` is not an exact 10,000: the figure must not follow `over`.
            let figure = " \(BrowseBench.grouped(count)) match"
            return (line.contains(figure) && !line.contains(" over" + figure))
                || (count == 0 && line.contains("no match"))
        }
    }

    private static func trimmed(_ line: String) -> String {
        String(line.reversed().drop { $0 == " " }.reversed()).trimmingCharacters(in: .whitespaces)
    }
}
