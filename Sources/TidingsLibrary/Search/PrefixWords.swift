import Foundation
import GRDB
import TidingsCore

/// The words of the full-text index that a prefix of three or more characters begins, when
/// they are no more than the caller can use (``RankingScope/broadPrefixWords`` to search or
/// rank them; ``RankingScope/lazyWalkWords`` for a walk that stops early).
///
/// Such a prefix has no prefix list in the index (`prefix = '1 2'`), so FTS5 merges the lists
/// of the words it begins, for every statement that uses it. Knowing the words serves twice:
/// a prefix that begins one word only is searched as that word (the same matches and the same
/// BM25 scores, with no merge, and a walk that can start anywhere), and one that begins many
/// is not ranked while typing (``RankingScope``).
///
/// The words come from an `fts5vocab` table over the index, made in the connection's `temp`
/// schema (nothing in the library file). It reads the lists of the words it passes, so each
/// answer is kept per opening of a library (``Library/cacheScope``) and prefix until the index
/// changes, a "too many" with the limit it was read with (the first stage and the ranking of
/// one key ask the same question), and a longer prefix typed next is answered from a shorter
/// one's words when those were listed.
enum PrefixWords {
    /// The words `prefix` (folded) begins, in order; nil when more than `limit`
    /// (``RankingScope/broadPrefixWords`` unless a bounded walk asks for more,
    /// ``RankingScope/lazyWalkWords``).
    static func words(
        beginning prefix: String, atMost limit: Int = RankingScope.broadPrefixWords, in db: Database, cache: String
    ) throws -> [String]? {
        let version = try SearchAnswers.indexVersion(in: db)
        let key = cache + "\u{0}" + prefix
        if let known = known.withLock({ $0[key] }), known.version == version {
            if let words = known.words { return words.count <= limit ? words : nil }
            // More than the limit it was read with: more than any smaller one too.
            if known.limit >= limit { return nil }
        }
        // Typing narrows: the words of `kore` are those of `kor` that go on with `e`, when the
        // shorter prefix's words are known. Compared as bytes, as the index orders terms.
        for length in stride(from: prefix.count - 1, through: FTSExpression.indexedPrefixLength + 1, by: -1) {
            let shorter = cache + "\u{0}" + String(prefix.prefix(length))
            guard let known = known.withLock({ $0[shorter] }), known.version == version, let words = known.words else {
                continue
            }
            let narrowed = words.filter { $0.utf8.starts(with: prefix.utf8) }
            remember(key, version, narrowed, limit: max(limit, known.limit))
            return narrowed.count <= limit ? narrowed : nil
        }
        try db.execute(
            sql: "CREATE VIRTUAL TABLE IF NOT EXISTS temp.post_vocab USING fts5vocab(main, 'post_fts', 'row')")
        let found = try String.fetchAll(
            db, sql: "SELECT term FROM temp.post_vocab WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
            arguments: [prefix, prefix + "\u{10FFFF}", limit + 1])
        let words = found.count > limit ? nil : found
        remember(key, version, words, limit: limit)
        return words
    }

    /// The longest prefix that every one of `words` begins with, when it is a word of its own
    /// to the index's tokenizer (letters and digits, already folded); nil otherwise.
    ///
    /// Searched as a prefix it begins exactly the same words of the index as the shorter one
    /// typed (those were all of them), so it finds the same posts with the same BM25 scores:
    /// `kor`, `kore` and `korea` all become `korea*` when the index has *korea* and *korean*,
    /// and the answer of one key serves the next (``SearchAnswers``).
    static func sharedPrefix(of words: [String]) -> String? {
        guard var shared = words.first.map({ Array($0.unicodeScalars) }) else { return nil }
        for word in words.dropFirst() {
            var length = 0
            for scalar in word.unicodeScalars {
                guard length < shared.count, shared[length] == scalar else { break }
                length += 1
            }
            shared.removeLast(shared.count - length)
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: shared)
        guard !text.isEmpty, SearchText.fold(text) == text, SearchText.tokens(in: text) == [text] else { return nil }
        return text
    }

    private static func remember(_ key: String, _ version: Data, _ words: [String]?, limit: Int) {
        known.withLock { known in
            if known.count > 1_000 { known.removeAll() }
            known[key] = (version, words, limit)
        }
    }

    /// Per library file and prefix: the index's structure record when asked, the words (nil
    /// when there were more than `limit`), and the limit they were read with.
    private static let known = Locked<[String: (version: Data, words: [String]?, limit: Int)]>([:])
}
