extension Library {
    /// Migration `v4-web` (frozen): web addresses of posts and the sources Tidings follows.
    ///
    /// Web pages do not replace what they gave, as archive files do: page 2 of a category
    /// holds other posts tomorrow, so what a source gave accumulates. `web_appearance` says
    /// which source gave which post (for `tidings sources` and for telling when an update has
    /// reached posts it already has); `web_label` keeps the labels the web gave, so that a
    /// re-import of a text file that no longer gives a label does not take it from a post the
    /// web still labels; `post.web` keeps a post that came from the web when no archive file
    /// has it any more, even after its source is removed; `post_alias` maps the other content
    /// ids a post was found under to it.
    static let webSchema = """
        ALTER TABLE post ADD COLUMN url TEXT;
        ALTER TABLE post ADD COLUMN web INTEGER NOT NULL DEFAULT 0;
        CREATE INDEX post_by_url ON post(url) WHERE url IS NOT NULL;
        -- One row per followed address (a feed, or the first page of an archive listing).
        CREATE TABLE web_source (
            id INTEGER PRIMARY KEY,
            url TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,          -- 'feed' or 'pages'
            title TEXT,
            etag TEXT,                   -- validators of the first page's last full answer
            lastModified TEXT,
            addedAt TEXT NOT NULL,
            fetchedAt TEXT,              -- ISO 8601, the last run that reached the server
            lastError TEXT,              -- one line, NULL after a run without error
            caughtUp INTEGER NOT NULL DEFAULT 0  -- 1 when the last run read as deep as it should
        );
        CREATE TABLE web_appearance (
            source INTEGER NOT NULL REFERENCES web_source(id) ON DELETE CASCADE,
            post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
            PRIMARY KEY (source, post)
        ) WITHOUT ROWID;
        CREATE INDEX web_appearance_by_post ON web_appearance(post);
        -- Other content ids of a post: a copy matched by its address whose text differed (a
        -- feed's excerpt, the full page) names the post it merged into, so that the same text
        -- arriving again, from a text archive too, finds that post instead of making another.
        CREATE TABLE post_alias (
            id TEXT PRIMARY KEY,
            post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX post_alias_by_post ON post_alias(post);
        CREATE TABLE web_label (
            post INTEGER NOT NULL REFERENCES post(seq) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (post, kind, name)
        ) WITHOUT ROWID;
        """
}
