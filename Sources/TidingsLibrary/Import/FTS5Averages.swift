import Foundation

/// FTS5's averages record (`%_data` rowid 1): the number of rows indexed, then the number of
/// tokens in each column over all of them. BM25 reads it, so joined indexes must sum it.
struct FTS5Averages: Equatable {
    var rows: UInt64
    var tokens: [UInt64]

    static let rowid: Int64 = 1

    /// Decodes a record of `columns` columns exactly; throws for anything else.
    init(decoding record: Data, columns: Int) throws {
        var reader = FTS5Varint.Reader(Array(record))
        rows = try reader.varint()
        tokens = try (0..<columns).map { _ in try reader.varint() }
        guard reader.isAtEnd else { throw FTS5Structure.Refusal(description: "bytes after the averages record") }
    }

    init(rows: UInt64, tokens: [UInt64]) {
        self.rows = rows
        self.tokens = tokens
    }

    func encoded() -> Data {
        var bytes: [UInt8] = []
        FTS5Varint.append(rows, to: &bytes)
        for count in tokens { FTS5Varint.append(count, to: &bytes) }
        return Data(bytes)
    }

    /// The record of two indexes of different rows taken together.
    func adding(_ other: FTS5Averages) throws -> FTS5Averages {
        guard tokens.count == other.tokens.count else {
            throw FTS5Structure.Refusal(description: "averages of different columns")
        }
        return FTS5Averages(rows: rows + other.rows, tokens: zip(tokens, other.tokens).map { $0 + $1 })
    }
}
