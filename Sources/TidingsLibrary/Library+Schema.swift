import GRDB

extension Library {
    /// The schema's history. Migrations are frozen once released: add new ones, never edit.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-posts") { db in
            try db.execute(sql: """
                -- One row per archive file imported: enough to skip it when it has not changed.
                CREATE TABLE source (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    size INTEGER NOT NULL,
                    modified REAL NOT NULL,
                    digest TEXT NOT NULL,
                    encoding TEXT,
                    headerKind TEXT,
                    headerName TEXT,
                    importedAt TEXT NOT NULL
                );
                -- One row per story; `seq` is the rowid the full-text index points at.
                CREATE TABLE post (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    title TEXT NOT NULL,
                    body TEXT NOT NULL,       -- paragraphs separated by a line feed
                    outlet TEXT,
                    date TEXT,                -- YYYY-MM-DD
                    ordinal INTEGER NOT NULL  -- archive order: first seen, in file then page order
                );
                CREATE INDEX post_by_ordinal ON post(ordinal);
                CREATE INDEX post_by_outlet ON post(outlet, ordinal);
                -- Where each story appears, in page order.
                CREATE TABLE appearance (
                    source INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
                    PRIMARY KEY (source, position)
                ) WITHOUT ROWID;
                CREATE INDEX appearance_by_post ON appearance(post);
                -- The labels each file gives each of its posts: what a re-import takes back.
                CREATE TABLE contribution (
                    source INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                    post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    PRIMARY KEY (source, post, kind, name)
                ) WITHOUT ROWID;
                CREATE INDEX contribution_by_post ON contribution(post, kind, name);
                -- The union of every appearance's labels, ordered for paging a tab.
                CREATE TABLE label (
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    ordinal INTEGER NOT NULL,
                    post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
                    PRIMARY KEY (kind, name, ordinal, post)
                ) WITHOUT ROWID;
                CREATE INDEX label_by_post ON label(post);
                CREATE VIRTUAL TABLE post_fts USING fts5(
                    title, body,
                    content = 'post', content_rowid = 'seq',
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                CREATE TRIGGER post_fts_insert AFTER INSERT ON post BEGIN
                    INSERT INTO post_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
                END;
                CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
                    INSERT INTO post_fts(post_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
                END;
                CREATE TRIGGER post_fts_update AFTER UPDATE OF title, body ON post BEGIN
                    INSERT INTO post_fts(post_fts, rowid, title, body) VALUES ('delete', old.seq, old.title, old.body);
                    INSERT INTO post_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
                END;
                """)
        }
        return migrator
    }
}
