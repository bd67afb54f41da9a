import GRDB
import GRDBSQLite

/// A statement the import's writer runs once or more per post, bound and stepped through
/// SQLite's C API.
///
/// GRDB's `execute(arguments:)` builds a `StatementArguments` of existentials and converts
/// each value to a `DatabaseValue` on every call, and `Row.fetchOne` makes a row object; at a
/// few statements per post and a hundred thousand posts or more per import, that was a
/// measurable share of the writer's CPU (docs/benchmarks.md, "Import"). The statement is
/// prepared by GRDB (which finalizes it) and is the writer's own, never cached, so that no
/// other code finds it with bindings GRDB did not make. Nothing in the library observes
/// transactions through GRDB, so stepping it directly loses no notification.
struct WriterStatement {
    private let db: Database
    private let statement: Statement

    /// Prepares `sql` on `db`.
    init(_ db: Database, sql: String) throws {
        self.db = db
        statement = try db.makeStatement(sql: sql)
    }

    private var handle: OpaquePointer { statement.sqliteStatement }

    /// SQLite copies the value bound (the Swift string's storage is not kept past the call).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Binds text, or NULL, to the parameter at `index` (from 1).
    func bind(_ index: Int32, _ text: String?) throws {
        guard var text else { return try check(sqlite3_bind_null(handle, index)) }
        let code = text.withUTF8 { bytes in
            sqlite3_bind_text(handle, index, bytes.baseAddress, Int32(bytes.count), WriterStatement.transient)
        }
        try check(code)
    }

    /// Binds an integer, or NULL, to the parameter at `index` (from 1).
    func bind(_ index: Int32, _ value: Int64?) throws {
        guard let value else { return try check(sqlite3_bind_null(handle, index)) }
        try check(sqlite3_bind_int64(handle, index, value))
    }

    /// Runs the statement to its end with the values bound.
    func run() throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            if code != SQLITE_ROW { throw failure(code) }
        }
    }

    /// Runs the statement to its first row and gives it to `read` (nil when there is none).
    func first<T>(_ read: (Columns) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_DONE { return nil }
        guard code == SQLITE_ROW else { throw failure(code) }
        return read(Columns(handle: handle))
    }

    /// The current row's columns, valid inside ``first(_:)``'s closure only.
    struct Columns {
        fileprivate let handle: OpaquePointer

        func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

        func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    }

    private func check(_ code: Int32) throws {
        guard code == SQLITE_OK else { throw failure(code) }
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = db.sqliteConnection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}
