import GRDB

/// A set of seqs read once into a bitmap: the posts of a search's filter, a shelf or an
/// exclusion (``SearchPlan/SetTest``), tested for each match through the SQL function of
/// ``SeqSets``.
///
/// SQLite's own set test, `+rowid IN (SELECT seq FROM post WHERE outlet = ?)`, builds a b-tree
/// of the set for every statement and descends it for every match: for a word in most posts
/// at a million, that probe cost three times the walk of the matches itself. A bit per seq
/// answers in a few nanoseconds, and the set is read once for all the statements of a key
/// (and kept for the next keys while nothing is written: ``SeqSets``).
final class SeqSet: Sendable {
    /// What the SQL function is given to find this set (``SeqSets/functionName``): unique in
    /// the process, never reused.
    let handle: Int64
    /// How many distinct seqs the set holds.
    let count: Int
    private let words: [UInt64]

    /// The seqs of the first column of `members` (each counted once, however often it comes).
    init(handle: Int64, members: String, arguments: StatementArguments, in db: Database) throws {
        var words: [UInt64] = []
        var count = 0
        let seqs = try Int64.fetchCursor(db, sql: members, arguments: arguments)
        while let seq = try seqs.next() {
            // Seqs start at 1 (AUTOINCREMENT); anything else cannot be a post.
            guard seq >= 0 else { continue }
            let word = Int(seq >> 6)
            if word >= words.count { words.append(contentsOf: repeatElement(0, count: word - words.count + 1)) }
            let bit = UInt64(1) << UInt64(seq & 63)
            if words[word] & bit == 0 {
                words[word] |= bit
                count += 1
            }
        }
        self.handle = handle
        self.count = count
        self.words = words
    }

    /// Whether `seq` is in the set.
    func contains(_ seq: Int64) -> Bool {
        guard seq >= 0 else { return false }
        let word = Int(seq >> 6)
        return word < words.count && words[word] & (UInt64(1) << UInt64(seq & 63)) != 0
    }
}
