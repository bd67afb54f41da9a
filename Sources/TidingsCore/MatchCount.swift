/// How many posts a search matches: exactly, or only that there are more than some number.
///
/// Counting every match of a common word or a broad prefix costs in proportion to the archive
/// (a broad prefix merges the lists of every word it begins), and while
/// typing nobody needs the figure beyond a glance. So the browser counts up to a bound
/// (`RankingScope.typingBound` in the library) and learns `.moreThan(bound)` when the walk
/// passes it, and asks for the exact figure only when the person needs it (docs/search.md,
/// "Counting while typing"). `tidings search` always counts exactly.
public enum MatchCount: Hashable, Sendable {
    /// Exactly this many.
    case exact(Int)
    /// More than this many; how many more was not counted.
    case moreThan(Int)

    /// The exact figure, nil when only a lower bound is known.
    public var exact: Int? {
        if case .exact(let count) = self { return count }
        return nil
    }

    /// How many posts are known to match: the exact figure, or the bound passed (there are
    /// more). Rows up to this many can be shown and paged through.
    public var known: Int {
        switch self {
        case .exact(let count), .moreThan(let count): return count
        }
    }

    /// Whether the figure is exact.
    public var isExact: Bool { exact != nil }
}
