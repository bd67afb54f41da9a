import GRDB
import Testing

@testable import TidingsLibrary

/// The import writer's statements bound through SQLite's C API (``WriterStatement``) store
/// what GRDB's binding stored, and fail the way it failed.
@Suite struct WriterStatementTests {
    func table() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (k INTEGER PRIMARY KEY, name TEXT, n INTEGER, UNIQUE (name))")
        }
        return queue
    }

    @Test func textIntegersAndNullsAreStoredAsBound() throws {
        let queue = try table()
        try queue.write { db in
            let insert = try WriterStatement(db, sql: "INSERT INTO t (k, name, n) VALUES (?, ?, ?)")
            // Text with a combining accent and a Hangul syllable is stored byte for byte.
            let values: [(Int64, String?, Int64?)] = [
                (1, "caf\u{65}\u{301} x 김", Int64.max), (2, nil, nil), (3, "", -1),
            ]
            for (k, name, n) in values {
                try insert.bind(1, k)
                try insert.bind(2, name)
                try insert.bind(3, n)
                try insert.run()
            }
            let rows = try Row.fetchAll(db, sql: "SELECT k, name, n FROM t ORDER BY k")
            #expect(rows.map { $0["k"] as Int64 } == [1, 2, 3])
            #expect(rows.map { $0["name"] as String? } == ["caf\u{65}\u{301} x 김", nil, ""])
            #expect(rows.map { $0["n"] as Int64? } == [Int64.max, nil, -1])
        }
    }

    @Test func aStatementIsReusedAndItsFirstRowRead() throws {
        let queue = try table()
        try queue.write { db in
            try db.execute(sql: "INSERT INTO t (k, name, n) VALUES (1, 'a', NULL), (2, 'b', 7)")
            let find = try WriterStatement(db, sql: "SELECT k, n FROM t WHERE name = ? ORDER BY k")
            for (name, expected) in [("b", (Int64(2), false)), ("a", (Int64(1), true)), ("b", (Int64(2), false))] {
                try find.bind(1, name)
                let found = try find.first { ($0.int64(0), $0.isNull(1)) }
                #expect(found?.0 == expected.0)
                #expect(found?.1 == expected.1)
            }
            try find.bind(1, "none")
            #expect(try find.first { $0.int64(0) } == nil)
        }
    }

    @Test func aConstraintFailureThrowsAndTheStatementStaysUsable() throws {
        let queue = try table()
        try queue.write { db in
            let insert = try WriterStatement(db, sql: "INSERT INTO t (name) VALUES (?)")
            try insert.bind(1, "a")
            try insert.run()
            try insert.bind(1, "a")
            let error = #expect(throws: DatabaseError.self) { try insert.run() }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error?.message?.contains("t.name") == true)
            try insert.bind(1, "b")
            try insert.run()
            #expect(try String.fetchAll(db, sql: "SELECT name FROM t ORDER BY name") == ["a", "b"])
        }
    }
}
