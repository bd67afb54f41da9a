import GRDB

extension Library {
    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `["ok"]` when sound,
    /// else the problems it found. For crash tests and for diagnosing a library.
    public func integrityCheck() throws(LibraryError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
