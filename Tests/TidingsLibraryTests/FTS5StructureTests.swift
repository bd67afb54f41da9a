import Foundation
import GRDB
import Testing

@testable import TidingsLibrary

/// The FTS5 structure and averages records (``FTS5Structure``, ``FTS5Averages``): decoded
/// exactly as SQLite 3.40 writes them, or refused.
@Suite struct FTS5StructureTests {
    /// Two levels, the first merging one of its two segments into the second's last.
    static let sample = FTS5Structure(
        cookie: 0x0102_0304, writeCounter: 300,
        levels: [
            .init(
                merging: 1,
                segments: [.init(id: 3, firstPage: 1, lastPage: 200), .init(id: 4, firstPage: 5, lastPage: 9)]),
            .init(merging: 0, segments: [.init(id: 1, firstPage: 1, lastPage: 70_000)]),
        ])

    @Test func aRecordRoundTrips() throws {
        let record = Self.sample.encoded()
        // Cookie, 2 levels, 3 segments, counter 300 (two bytes), then the levels.
        #expect(Array(record.prefix(9)) == [1, 2, 3, 4, 2, 3, 0x82, 0x2C, 1])
        #expect(try FTS5Structure(decoding: record) == Self.sample)
    }

    @Test func varintsOfEveryLengthRoundTrip() throws {
        for value: UInt64 in [0, 127, 128, 16_383, 16_384, 1 << 35, 1 << 56 - 1, 1 << 56, .max] {
            var bytes: [UInt8] = []
            FTS5Varint.append(value, to: &bytes)
            var reader = FTS5Varint.Reader(bytes)
            #expect(try reader.varint() == value)
            #expect(reader.isAtEnd, "\(value): \(bytes)")
        }
        var nine: [UInt8] = []
        FTS5Varint.append(.max, to: &nine)
        #expect(nine == [UInt8](repeating: 0xFF, count: 9))
    }

    /// What SQLite itself writes: an index of three posts committed one by one, read back.
    @Test func whatSQLiteWritesIsDecodedAndEncodedAlike() throws {
        let queue = try DatabaseQueue()
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE post_fts USING fts5(title, body, hangul)")
            for rowid in 1...3 {
                try db.execute(
                    sql: "INSERT INTO post_fts (rowid, title, body, hangul) VALUES (?, 'a b', 'c', '')",
                    arguments: [rowid])
            }
            let record = try #require(try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 10"))
            let structure = try FTS5Structure(decoding: record)
            #expect(structure.segmentCount == 3)
            #expect(structure.encoded() == record)
            let averages = try FTS5Averages(
                decoding: try #require(try Data.fetchOne(db, sql: "SELECT block FROM post_fts_data WHERE id = 1")),
                columns: 3)
            #expect(averages == FTS5Averages(rows: 3, tokens: [6, 3, 0]))
        }
    }

    @Test(arguments: [
        ("truncated", Array(sample.encoded().dropLast())),
        ("trailing", Array(sample.encoded()) + [0]),
        ("V2", [1, 2, 3, 4, 0xFF, 0, 0, 1, 0, 0, 0]),
        ("short cookie", [1, 2]),
        ("segments miscounted", [0, 0, 0, 0, 1, 2, 0, 0, 1, 5, 1, 1]),
        ("merging more than it has", [0, 0, 0, 0, 1, 1, 0, 2, 1, 5, 1, 1]),
        ("last level merging", [0, 0, 0, 0, 1, 1, 0, 1, 1, 5, 1, 1]),
        ("pages backwards", [0, 0, 0, 0, 1, 1, 0, 0, 1, 5, 3, 2]),
        ("segment id zero", [0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 1]),
        ("segment id twice", [0, 0, 0, 0, 1, 2, 0, 0, 2, 5, 1, 1, 5, 1, 1]),
        ("segment id over the maximum", [0, 0, 0, 0, 1, 1, 0, 0, 1, 0x8F, 0x51, 1, 1]),
        ("merge with nothing below", [0, 0, 0, 0, 2, 1, 0, 1, 1, 5, 1, 1, 0, 0]),
    ])
    func aRecordNotDecodedExactlyIsRefused(_ name: String, _ bytes: [UInt8]) {
        #expect(throws: FTS5Structure.Refusal.self, "\(name)") { try FTS5Structure(decoding: Data(bytes)) }
    }

    @Test func averagesOfAnotherShapeAreRefused() {
        #expect(throws: FTS5Structure.Refusal.self) { try FTS5Averages(decoding: Data([3, 6, 3]), columns: 3) }
        #expect(throws: FTS5Structure.Refusal.self) { try FTS5Averages(decoding: Data([3, 6, 3, 0, 1]), columns: 3) }
        #expect(throws: FTS5Structure.Refusal.self) {
            try FTS5Averages(rows: 1, tokens: [1]).adding(FTS5Averages(rows: 1, tokens: [1, 2]))
        }
    }

    /// A level in the middle of a merge whose first input the merge has used up: FTS5 3.40
    /// (`fts5TrimSegments`) keeps that input listed with pages 0–0 until the merge ends.
    static let usedUp = FTS5Structure(
        cookie: 5, writeCounter: 40,
        levels: [
            .init(merging: 0, segments: [.init(id: 6, firstPage: 1, lastPage: 2)]),
            .init(
                merging: 2,
                segments: [
                    .init(id: 2, firstPage: 0, lastPage: 0), .init(id: 3, firstPage: 7, lastPage: 12),
                    .init(id: 4, firstPage: 1, lastPage: 5),
                ]),
            .init(
                merging: 0,
                segments: [.init(id: 1, firstPage: 1, lastPage: 30), .init(id: 5, firstPage: 1, lastPage: 3)]),
        ])

    @Test func aSegmentAMergeHasUsedUpRoundTrips() throws {
        let record = Self.usedUp.encoded()
        // Level 1: merging 2 of 3, then segment 2 with pages 0 and 0.
        #expect(Array(record[12...16]) == [2, 3, 2, 0, 0])
        #expect(try FTS5Structure(decoding: record) == Self.usedUp)
        #expect(Self.usedUp.isMerging)
    }

    @Test func joiningStacksTheSecondIndexsLevelsBelowTheFirstsUnderNewIDs() throws {
        let first = FTS5Structure(
            cookie: 7, writeCounter: 10,
            levels: [.init(merging: 0, segments: [.init(id: 2, firstPage: 1, lastPage: 4)])])
        let second = FTS5Structure(
            cookie: 9, writeCounter: 5,
            levels: [
                .init(merging: 0, segments: [.init(id: 1, firstPage: 1, lastPage: 3)]),
                .init(merging: 0, segments: [.init(id: 3, firstPage: 2, lastPage: 8)]),
            ])
        let joined = try first.joined(with: second, idOffset: first.largestID)
        #expect(
            joined
                == FTS5Structure(
                    cookie: 7, writeCounter: 15,
                    levels: [
                        .init(merging: 0, segments: [.init(id: 2, firstPage: 1, lastPage: 4)]),
                        .init(merging: 0, segments: [.init(id: 3, firstPage: 1, lastPage: 3)]),
                        .init(merging: 0, segments: [.init(id: 5, firstPage: 2, lastPage: 8)]),
                    ]))
        #expect(try FTS5Structure(decoding: joined.encoded()) == joined)
        // Ids that would collide or pass the maximum, or levels past FTS5's most: refused.
        #expect(throws: FTS5Structure.Refusal.self) { try first.joined(with: second, idOffset: 1) }
        #expect(throws: FTS5Structure.Refusal.self) { try first.joined(with: second, idOffset: 1_998) }
        let deep = FTS5Structure(
            cookie: 1, writeCounter: 0,
            levels: (1...40).map { .init(merging: 0, segments: [.init(id: $0, firstPage: 1, lastPage: 1)]) })
        #expect(try deep.joined(with: second, idOffset: 40).levels.count == 42)
        #expect(throws: FTS5Structure.Refusal.self) { try deep.joined(with: deep, idOffset: 40) }
    }

    /// Merges in progress in either index, inputs used up included, are joined as they are:
    /// each level keeps its own count and its segments, in order.
    @Test func indexesInTheMiddleOfMergesAreJoinedAsTheyAre() throws {
        let joined = try Self.usedUp.joined(with: Self.sample, idOffset: 6)
        #expect(joined.levels.map(\.merging) == [0, 2, 0, 1, 0])
        #expect(joined.levels.map { $0.segments.map(\.id) } == [[6], [2, 3, 4], [1, 5], [9, 10], [7]])
        #expect(joined.levels[1].segments[0] == .init(id: 2, firstPage: 0, lastPage: 0))
        #expect(try FTS5Structure(decoding: joined.encoded()) == joined)
        #expect(try Self.sample.joined(with: Self.usedUp, idOffset: 4).levels.map(\.merging) == [1, 0, 0, 2, 0])
    }
}
