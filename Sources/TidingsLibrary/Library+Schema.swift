import GRDB

extension Library {
    /// The schema's history. Migrations are frozen once released: add new ones, never edit.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-posts") { db in
            try db.execute(
                sql: """
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
                    -- One row per story; `seq` is the rowid the full-text index points at. AUTOINCREMENT
                    -- so a seq is never reused: the importer indexes "every seq above the last one".
                    CREATE TABLE post (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        title TEXT NOT NULL,
                        body TEXT NOT NULL,       -- paragraphs separated by a line feed
                        outlet TEXT,
                        date TEXT,                -- YYYY-MM-DD
                        ordinal INTEGER NOT NULL, -- archive order: first seen, in file then page order
                        hangul TEXT               -- Hangul bigrams of title and body (HangulBigrams), or NULL
                    );
                    CREATE INDEX post_by_ordinal ON post(ordinal);
                    CREATE INDEX post_by_outlet ON post(outlet, ordinal);
                    -- Where each story appears, in page order. What a file says of a post is its page
                    -- header (in `source`) plus the author of the post's Posted line: exactly what a
                    -- re-import of a changed file must be able to take back.
                    CREATE TABLE appearance (
                        source INTEGER NOT NULL REFERENCES source(id) ON DELETE CASCADE,
                        position INTEGER NOT NULL,
                        post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
                        author TEXT,
                        PRIMARY KEY (source, position)
                    ) WITHOUT ROWID;
                    CREATE INDEX appearance_by_post ON appearance(post);
                    -- The union of every appearance's labels, keyed for paging a tab in archive order.
                    CREATE TABLE label (
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        ordinal INTEGER NOT NULL,
                        post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
                        PRIMARY KEY (kind, name, ordinal, post)
                    ) WITHOUT ROWID;
                    CREATE INDEX label_by_post ON label(post);
                    -- Full text of titles and bodies; prefix indexes make the word being typed cheap
                    -- to match. New posts are indexed in bulk by the importer (one INSERT … SELECT per
                    -- transaction: three times faster than a row trigger); deletes and edits by triggers.
                    CREATE VIRTUAL TABLE post_fts USING fts5(
                        title, body, hangul,
                        content = 'post', content_rowid = 'seq',
                        tokenize = 'unicode61 remove_diacritics 2',
                        prefix = '1 2'
                    );
                    CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
                        INSERT INTO post_fts(post_fts, rowid, title, body, hangul)
                        VALUES ('delete', old.seq, old.title, old.body, old.hangul);
                    END;
                    CREATE TRIGGER post_fts_update AFTER UPDATE OF title, body, hangul ON post BEGIN
                        INSERT INTO post_fts(post_fts, rowid, title, body, hangul)
                        VALUES ('delete', old.seq, old.title, old.body, old.hangul);
                        INSERT INTO post_fts(rowid, title, body, hangul) VALUES (new.seq, new.title, new.body, new.hangul);
                    END;
                    """)
        }
        migrator.registerMigration("v2-reading-state") { db in
            try db.execute(
                sql: """
                    -- What the reader did, keyed by the post's stable text id rather than its `seq`: a
                    -- re-import may delete a post and create it again, and a bookmark must outlive that.
                    -- No foreign key for the same reason: a bookmark waits for its post to come back.
                    CREATE TABLE bookmark (
                        postID TEXT PRIMARY KEY,
                        createdAt REAL NOT NULL,  -- seconds since 1970
                        title TEXT,               -- as when bookmarked, to name a post no longer in the library
                        outlet TEXT
                    ) WITHOUT ROWID;
                    -- The Bookmarks shelf pages newest first by walking this index backwards.
                    CREATE INDEX bookmark_by_time ON bookmark(createdAt, postID);
                    -- Read state and the reading position (paragraph index and character offset in it).
                    CREATE TABLE reading (
                        postID TEXT PRIMARY KEY,
                        readAt REAL,              -- seconds since 1970; NULL while unread
                        paragraph INTEGER NOT NULL DEFAULT 0,
                        characterOffset INTEGER NOT NULL DEFAULT 0
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3-tallies") { db in
            try db.execute(
                sql: """
                    -- Post counts per label and in all, kept by triggers so that opening the browser
                    -- or switching tabs reads a handful of rows instead of counting the archive.
                    -- kind 'all' with name '' counts every post.
                    CREATE TABLE tally (
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        posts INTEGER NOT NULL,
                        PRIMARY KEY (kind, name)
                    ) WITHOUT ROWID;
                    INSERT INTO tally (kind, name, posts) SELECT kind, name, COUNT(*) FROM label GROUP BY kind, name;
                    INSERT INTO tally (kind, name, posts) VALUES ('all', '', (SELECT COUNT(*) FROM post));
                    CREATE TRIGGER tally_label_insert AFTER INSERT ON label BEGIN
                        INSERT INTO tally (kind, name, posts) VALUES (new.kind, new.name, 1)
                        ON CONFLICT (kind, name) DO UPDATE SET posts = posts + 1;
                    END;
                    CREATE TRIGGER tally_label_delete AFTER DELETE ON label BEGIN
                        UPDATE tally SET posts = posts - 1 WHERE kind = old.kind AND name = old.name;
                        DELETE FROM tally WHERE kind = old.kind AND name = old.name AND posts <= 0;
                    END;
                    CREATE TRIGGER tally_post_insert AFTER INSERT ON post BEGIN
                        UPDATE tally SET posts = posts + 1 WHERE kind = 'all' AND name = '';
                    END;
                    CREATE TRIGGER tally_post_delete AFTER DELETE ON post BEGIN
                        UPDATE tally SET posts = posts - 1 WHERE kind = 'all' AND name = '';
                    END;
                    """)
        }
        migrator.registerMigration("v4-web") { db in
            try db.execute(sql: webSchema)
        }
        return migrator
    }
}
