import GRDB

/// A set of seqs read once into a bitmap: the posts of a search's filter, a shelf or an
/// exclusion (``SearchPlan/SetTest``), tested for each match through the SQL function of
/// ``SeqSets``.
///
/// SQLite's own set test, `+rowid IN (SELECT seq FROM post WHERE outlet = ?)`, builds a b-tree
/// of the set for every statement and descends it for every match: for a word in most posts
/// at a million, that probe cost about twice the walk of the matches itself
/// (docs/benchmarks.md, "Third round"). A bit per seq answers in a few nanoseconds, and the
/// set is read once for all the statements of a key (and kept for the next keys while nothing
/// is written: ``SeqSets``).
final class SeqSet: Sendable {
    /// What the SQL function is given to find this set (``SeqSets/functionName``): unique in
    /// the process, never reused.
    let handle: Int64
    /// How many distinct seqs the set holds.
    let count: Int
    /// The bitmap: bit `seq & 63` of word `seq >> 6`.
    private let words: [UInt64]
    /// The seqs instead of the bitmap (which is then empty) when the file's largest seq would
    /// make a bitmap too large to allocate.
    private let sparse: Set<Int64>?

    /// The largest seq a bitmap is allocated for: far above any library built by importing
    /// archives, so that only a damaged or crafted file takes the slower hash set.
    static let largestBitmapSeq: Int64 = 1 << 27

    /// The seqs of the first column of `members` (each counted once, however often it comes).
    ///
    /// The bitmap is sized by the largest seq of any post (an index seek), never by what the
    /// statement returns: a damaged or crafted label or full-text row may name any 64-bit
    /// number. A value below 1 or above that seq is no post and is left out, which keeps both
    /// a test of being in the set and one of being out of it right.
    init(handle: Int64, members: String, arguments: StatementArguments, in db: Database) throws {
        let last = try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM post") ?? 0
        let seqs = try Int64.fetchCursor(db, sql: members, arguments: arguments)
        if last <= SeqSet.largestBitmapSeq {
            var words = [UInt64](repeating: 0, count: Int(max(0, last) >> 6) + 1)
            var count = 0
            while let seq = try seqs.next() {
                guard seq >= 1, seq <= last else { continue }
                let word = Int(seq >> 6)
                let bit = UInt64(1) << UInt64(seq & 63)
                if words[word] & bit == 0 {
                    words[word] |= bit
                    count += 1
                }
            }
            self.count = count
            self.words = words
            self.sparse = nil
        } else {
            var set = Set<Int64>()
            while let seq = try seqs.next() {
                if seq >= 1, seq <= last { set.insert(seq) }
            }
            self.count = set.count
            self.words = []
            self.sparse = set
        }
        self.handle = handle
    }

    /// Whether `seq` is in the set.
    func contains(_ seq: Int64) -> Bool {
        guard seq >= 1 else { return false }
        let word = Int(truncatingIfNeeded: seq >> 6)
        if word < words.count { return words[word] & (UInt64(1) << UInt64(seq & 63)) != 0 }
        return sparse?.contains(seq) ?? false
    }
}
