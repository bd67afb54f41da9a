import Foundation

/// The structure record of an FTS5 index (`%_data` rowid 10) in the form SQLite 3.40 writes:
/// which segments make up the index, level by level.
///
/// Read so that two indexes built apart (``FreshIndexShards``) can be joined: FTS5's segments
/// are b-trees that name no segment id inside their pages, so a segment of one index can join
/// another under a new id, if the structure record says so. Decoding is strict: anything this
/// type does not understand exactly (a newer form, trailing bytes, counts that do not add up)
/// is an error, and the caller then builds the index the slow, sure way.
struct FTS5Structure: Equatable {
    /// One segment: its id (1 to ``maxSegments``) and the leaf pages it still uses; an input
    /// of an incremental merge that the merge has used up keeps its place as pages 0–0.
    struct Segment: Hashable {
        var id: Int
        var firstPage: Int
        var lastPage: Int
    }

    /// One level of segments, oldest first.
    struct Level: Equatable {
        /// How many of the level's first segments an incremental merge is reading (0: none);
        /// its output is then the last segment of the next level.
        var merging: Int
        var segments: [Segment]
    }

    /// What a record that cannot be decoded exactly is refused with.
    struct Refusal: Error, Equatable, CustomStringConvertible {
        var description: String
    }

    /// FTS5's configuration cookie (a big-endian 32-bit value).
    var cookie: UInt32
    /// FTS5's count of leaves written to level 0, which paces its automatic merges.
    var writeCounter: UInt64
    var levels: [Level]

    /// The most segments an FTS5 index may have, and the largest segment id (`FTS5_MAX_SEGMENT`).
    static let maxSegments = 2000
    /// The most levels FTS5 makes (`FTS5_MAX_LEVEL`).
    static let maxLevels = 64
    /// The `%_data` rowid of the structure record.
    static let rowid: Int64 = 10
    /// How far a segment id is shifted in the `%_data` rowids of its pages (`fts5_dri`: 31 bits
    /// of page number, 5 of doclist-index height, 1 doclist-index flag).
    static let segmentShift: Int64 = 37

    var segmentCount: Int { levels.reduce(0) { $0 + $1.segments.count } }

    /// The largest segment id in use, 0 for an empty index.
    var largestID: Int { levels.flatMap(\.segments).map(\.id).max() ?? 0 }

    /// True when some level is in the middle of an incremental merge.
    var isMerging: Bool { levels.contains { $0.merging > 0 } }

    init(cookie: UInt32, writeCounter: UInt64, levels: [Level]) {
        self.cookie = cookie
        self.writeCounter = writeCounter
        self.levels = levels
    }

    /// Decodes a structure record; throws ``Refusal`` for anything but an exact, consistent
    /// record of the form SQLite 3.40 writes.
    init(decoding record: Data) throws {
        var reader = FTS5Varint.Reader(Array(record))
        let head = try reader.bytes(4)
        cookie = head.reduce(0) { $0 << 8 | UInt32($1) }
        // Newer SQLite marks its second form with these four bytes after the cookie; no varint
        // of a level count this type accepts begins with 0xFF.
        if reader.peek(4) == [0xFF, 0x00, 0x00, 0x01] { throw Refusal(description: "a V2 structure record") }
        let levelCount = try reader.count(upTo: Self.maxLevels, "levels")
        let segmentCount = try reader.count(upTo: Self.maxSegments, "segments")
        writeCounter = try reader.varint()
        var levels: [Level] = []
        var ids = Set<Int>()
        for index in 0..<levelCount {
            let merging = try reader.count(upTo: Self.maxSegments, "merging segments")
            let total = try reader.count(upTo: Self.maxSegments, "segments in a level")
            guard merging <= total else { throw Refusal(description: "level \(index) merges more than it has") }
            var segments: [Segment] = []
            for _ in 0..<total {
                let segment = Segment(
                    id: try reader.count(upTo: Self.maxSegments, "segment id"),
                    firstPage: try reader.count(upTo: Int(Int32.max), "first page"),
                    lastPage: try reader.count(upTo: Int(Int32.max), "last page"))
                guard segment.id > 0, ids.insert(segment.id).inserted else {
                    throw Refusal(description: "segment id \(segment.id) is zero or used twice")
                }
                // FTS5's own check, no more: a merge that has used up an input sets its pages
                // to 0–0 and keeps it listed until the merge ends.
                guard segment.lastPage >= segment.firstPage else {
                    throw Refusal(
                        description: "segment \(segment.id) has pages \(segment.firstPage)–\(segment.lastPage)")
                }
                segments.append(segment)
            }
            if index > 0, levels[index - 1].merging > 0, total == 0 {
                throw Refusal(description: "level \(index) has no segment for the merge of the level above")
            }
            levels.append(Level(merging: merging, segments: segments))
        }
        guard levels.last?.merging ?? 0 == 0 else { throw Refusal(description: "the last level is merging") }
        let listed = levels.reduce(0) { $0 + $1.segments.count }
        guard listed == segmentCount else {
            throw Refusal(description: "\(segmentCount) segments announced, \(listed) listed")
        }
        guard reader.isAtEnd else { throw Refusal(description: "bytes after the structure record") }
        self.levels = levels
    }

    /// The record as FTS5 writes it.
    func encoded() -> Data {
        var bytes: [UInt8] = [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: cookie >> $0) }
        FTS5Varint.append(UInt64(levels.count), to: &bytes)
        FTS5Varint.append(UInt64(segmentCount), to: &bytes)
        FTS5Varint.append(writeCounter, to: &bytes)
        for level in levels {
            FTS5Varint.append(UInt64(level.merging), to: &bytes)
            FTS5Varint.append(UInt64(level.segments.count), to: &bytes)
            for segment in level.segments {
                for value in [segment.id, segment.firstPage, segment.lastPage] {
                    FTS5Varint.append(UInt64(value), to: &bytes)
                }
            }
        }
        return Data(bytes)
    }

    /// This index with `other`'s segments stacked below it: `other`'s ids raised by `idOffset`,
    /// its level k made level `levels.count + k`, the write counters summed, this cookie kept.
    ///
    /// FTS5 reads a lower level as older, so the result reads as if `other`'s rows had been
    /// indexed first: harmless, since the two hold different rows (age only decides between
    /// entries of one rowid, as a delete marker, which a later write puts on level 0 anyway).
    /// Incremental merges in progress in either stay valid as they are: a merge of level L
    /// writes into the last segment of level L + 1, and every level still holds one index's
    /// segments only; this index's last level merges nothing (the decoder refuses that), so
    /// no merge reaches across. Refused when the result would pass FTS5's limits.
    func joined(with other: FTS5Structure, idOffset: Int) throws -> FTS5Structure {
        guard levels.count + other.levels.count <= Self.maxLevels else {
            throw Refusal(description: "too many levels to join")
        }
        guard idOffset >= largestID, other.largestID + idOffset <= Self.maxSegments,
            segmentCount + other.segmentCount <= Self.maxSegments
        else { throw Refusal(description: "too many segments to join") }
        let below = other.levels.map { level in
            Level(
                merging: level.merging,
                segments: level.segments.map {
                    Segment(id: $0.id + idOffset, firstPage: $0.firstPage, lastPage: $0.lastPage)
                })
        }
        let joined = FTS5Structure(
            cookie: cookie, writeCounter: writeCounter &+ other.writeCounter, levels: levels + below)
        // Every rule the decoder holds a record to, on the result as FTS5 will read it.
        return try FTS5Structure(decoding: joined.encoded())
    }
}
