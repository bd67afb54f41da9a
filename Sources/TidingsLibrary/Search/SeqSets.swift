import GRDB
import GRDBSQLite
import TidingsCore

/// The sets of searches read into bitmaps (``SeqSet``), kept per reader connection while
/// nothing is written, and the SQL function that tests a seq against one:
/// `tidings_seq_in(handle, seq)`.
///
/// Typing `outlet:reuters talks` asks for the same set of Reuters posts on every key, in
/// several statements per key. A set is kept on the connection that read it, with the
/// connection's `PRAGMA data_version` (which changes whenever another connection commits
/// anything to the file: an import in another process, a bookmark through this library's
/// writer) and its own count of changed rows (`sqlite3_total_changes64`): while both are as
/// they were, nothing the set was read from can have changed. The full-text index's structure
/// record, which ``SearchAnswers`` go by, is not enough here: a label or an outlet can change
/// while a post's text stays as it was. A connection belongs to one opening of one file, so a
/// kept set never answers for another library.
///
/// Neither number tells a write the connection itself rolled back: `data_version` ignores the
/// connection's own writes and the count of changed rows never goes down. So sets are kept
/// and reused only outside a write transaction (always so on the pool's read-only readers, the
/// only connections the library searches on); inside one they are read for the search under
/// way alone.
enum SeqSets {
    /// The SQL function: `tidings_seq_in(handle, seq)` is 1 when `seq` is in the set read on
    /// this connection under `handle`; an unknown handle is an error, never a guess.
    static let functionName = "tidings_seq_in"

    /// How many sets a connection keeps in all (a shelf and a filter or two while typing), or
    /// as many as the search under way tests when it tests more.
    static let capacity = 4

    /// The set of each of `members` (a statement of seqs and its arguments), from this
    /// connection's kept sets when nothing was written since they were read.
    ///
    /// The sets hold only within the caller's read transaction: the function finds them on this
    /// connection until a later call here drops them, and what they were read from may change
    /// once the transaction ends.
    static func read(
        _ members: [(sql: String, arguments: [any DatabaseValueConvertible])], in db: Database
    ) throws
        -> [SeqSet]
    {
        let kept = try connectionSets(db)
        let version = try Version(db)
        let keeping = keepsSets(db)
        var sets: [SeqSet] = []
        for (sql, arguments) in members {
            let key = Key(sql: sql, values: arguments.map(\.databaseValue))
            if keeping, let set = kept.set(key, version: version) {
                sets.append(set)
                continue
            }
            let set = try SeqSet(
                handle: handles.withLock { next in
                    next += 1
                    return next
                }, members: sql, arguments: StatementArguments(arguments), in: db)
            kept.keep(set, keeping ? key : nil, version: version)
            sets.append(set)
        }
        kept.trim(keeping: Set(sets.map(\.handle)))
        return sets
    }

    /// How many sets this connection has read since it was opened. For tests alone: a kept set
    /// is not read again.
    static func reads(in db: Database) throws -> Int { try connectionSets(db).reads }

    /// Whether sets read on `db`'s connection now may be kept for later searches and kept ones
    /// reused: on a read-only connection, or outside a write transaction. Inside one, a write
    /// later rolled back would leave the connection's ``Version`` as it was after the write.
    static func keepsSets(_ db: Database) -> Bool {
        guard let connection = db.sqliteConnection else { return false }
        return sqlite3_db_readonly(connection, "main") == 1 || sqlite3_txn_state(connection, nil) < SQLITE_TXN_WRITE
    }

    /// What tells that nothing was written since a set was read on a connection.
    struct Version: Equatable, Sendable {
        var data: Int64
        var changes: Int64

        init(_ db: Database) throws {
            data = try Int64.fetchOne(db, sql: "PRAGMA data_version") ?? 0
            changes = sqlite3_total_changes64(db.sqliteConnection)
        }
    }

    /// What a set is kept under: its statement and the statement's arguments.
    struct Key: Hashable, Sendable {
        var sql: String
        var values: [DatabaseValue]
    }

    /// One connection's kept sets. It is the user data of the function on that connection and
    /// lives as long as the function: SQLite releases it when the connection closes.
    final class Kept: Sendable {
        let connection: UInt
        private let state = Locked(State())

        private struct State: Sendable {
            var version: Version?
            /// Least recently used first; a set read inside a write transaction has no key, is
            /// never reused, and goes at the next read.
            var sets: [(key: Key?, set: SeqSet)] = []
            var reads = 0
        }

        /// The kept sets of the connection `connection` (its `sqlite3` pointer's bits).
        init(connection: UInt) { self.connection = connection }

        /// How many sets were read on the connection (``SeqSets/reads(in:)``).
        var reads: Int { state.withLock(\.reads) }

        /// The set kept under `key`, when the connection is still at `version`; at another
        /// version, every kept set is dropped.
        func set(_ key: Key, version: Version) -> SeqSet? {
            state.withLock { state in
                if state.version != version {
                    state.version = version
                    state.sets.removeAll()
                    return nil
                }
                guard let index = state.sets.firstIndex(where: { $0.key == key }) else { return nil }
                let entry = state.sets.remove(at: index)
                state.sets.append(entry)
                return entry.set
            }
        }

        /// Keeps `set`, read at `version`, under `key` (nil: only for the search under way),
        /// dropping every set kept at another version.
        func keep(_ set: SeqSet, _ key: Key?, version: Version) {
            state.withLock { state in
                if state.version != version { state.sets.removeAll() }
                state.version = version
                state.sets.append((key, set))
                state.reads += 1
            }
        }

        /// Drops the sets of earlier searches that were not to be kept, and the least recently
        /// used sets beyond ``SeqSets/capacity``; never one of `handles` (the search under way
        /// tests them).
        func trim(keeping handles: Set<Int64>) {
            state.withLock { state in
                state.sets.removeAll { $0.key == nil && !handles.contains($0.set.handle) }
                var excess = state.sets.count - max(SeqSets.capacity, handles.count)
                state.sets.removeAll { entry in
                    guard excess > 0, !handles.contains(entry.set.handle) else { return false }
                    excess -= 1
                    return true
                }
            }
        }

        /// The set handed out as `handle` on this connection, if it is still there: what the
        /// SQL function tests.
        func set(handle: Int64) -> SeqSet? {
            state.withLock { state in state.sets.first { $0.set.handle == handle }?.set }
        }
    }

    /// The kept sets of `db`'s connection, registering the function on it the first time.
    private static func connectionSets(_ db: Database) throws -> Kept {
        guard let connection = db.sqliteConnection else {
            throw DatabaseError(resultCode: .SQLITE_INTERNAL, message: "the search's connection is closed")
        }
        let id = UInt(bitPattern: connection)
        if let kept = connections.withLock({ $0[id] }) { return kept }
        let kept = Kept(connection: id)
        // SQLite releases the user data when the function goes (the connection closes), also
        // when registering fails.
        let code = sqlite3_create_function_v2(
            connection, functionName, 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, Unmanaged.passRetained(kept).toOpaque(),
            { context, count, values in
                guard let context, let values, count == 2 else { return }
                let seq = sqlite3_value_int64(values[1])
                // The set is found once per statement and kept with it (the handle is a bound
                // parameter, constant for the statement).
                if let found = sqlite3_get_auxdata(context, 0) {
                    let member = Unmanaged<SeqSet>.fromOpaque(found).takeUnretainedValue().contains(seq)
                    sqlite3_result_int(context, member ? 1 : 0)
                    return
                }
                guard let owner = sqlite3_user_data(context),
                    let set = Unmanaged<Kept>.fromOpaque(owner).takeUnretainedValue().set(
                        handle: sqlite3_value_int64(values[0]))
                else {
                    // Never the plain SQLITE_ERROR, which reads as a query the index refused
                    // (``SearchError``): this is the library's own failure.
                    sqlite3_result_error(context, "a search's filter set is missing on its connection", -1)
                    sqlite3_result_error_code(context, SQLITE_INTERNAL)
                    return
                }
                sqlite3_set_auxdata(context, 0, Unmanaged.passRetained(set).toOpaque()) { set in
                    if let set { Unmanaged<SeqSet>.fromOpaque(set).release() }
                }
                sqlite3_result_int(context, set.contains(seq) ? 1 : 0)
            }, nil, nil,
            { owner in
                guard let owner else { return }
                let kept = Unmanaged<Kept>.fromOpaque(owner).takeRetainedValue()
                SeqSets.connections.withLock { connections in
                    if connections[kept.connection] === kept { connections[kept.connection] = nil }
                }
            })
        guard code == SQLITE_OK else {
            throw DatabaseError(
                resultCode: .SQLITE_INTERNAL,
                message: "cannot register the search's filter function on the connection (SQLite code \(code))")
        }
        connections.withLock { $0[id] = kept }
        return kept
    }

    /// The kept sets of every open connection that has searched, by connection.
    private static let connections = Locked<[UInt: Kept]>([:])
    /// The last handle handed out.
    private static let handles = Locked<Int64>(0)
}
