import GRDB

@testable import TidingsLibrary

extension Library {
    /// SQLite's own check of the whole file (`PRAGMA integrity_check`): `["ok"]` when sound,
    /// else the problems it found. The products run the cheaper `quickCheck`.
    func integrityCheck() throws(LibraryError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
