#ifndef TIDINGS_FTS5_INTERFACE_H
#define TIDINGS_FTS5_INTERFACE_H

/*
 * The part of SQLite's FTS5 extension interface that tidings_rank uses, declared here because
 * Debian's libsqlite3-dev ships no fts5.h. Written from the documented interface
 * (https://sqlite.org/fts5.html, "Custom Auxiliary Functions"). Both structures are read
 * through pointers SQLite hands out, so only their leading members are declared: their order
 * and types are the ABI and must not change. Members this code never calls are declared
 * with their documented types too, so that every member is what SQLite puts there.
 */

#include <sqlite3.h>

typedef struct TidingsFts5Context TidingsFts5Context;
typedef struct TidingsFts5ExtensionApi TidingsFts5ExtensionApi;
/* A tokenizer's methods (`fts5_tokenizer`): never called here, only pointed to. */
typedef struct TidingsFts5Tokenizer TidingsFts5Tokenizer;

/* An auxiliary function, called once per row that the statement scores. */
typedef void (*TidingsFts5Function)(
    const TidingsFts5ExtensionApi *api, TidingsFts5Context *fts, sqlite3_context *context, int argumentCount,
    sqlite3_value **arguments);

/* What an auxiliary function may ask FTS5 about the current row and the whole index
 * (version 1 and on; SQLite 3.40 hands out version 2, later ones more members after these). */
struct TidingsFts5ExtensionApi {
    int iVersion;
    void *(*xUserData)(TidingsFts5Context *);
    int (*xColumnCount)(TidingsFts5Context *);
    /* Rows in the index. */
    int (*xRowCount)(TidingsFts5Context *, sqlite3_int64 *rows);
    /* Tokens in a column over the whole index; column -1: all columns. */
    int (*xColumnTotalSize)(TidingsFts5Context *, int column, sqlite3_int64 *tokens);
    int (*xTokenize)(
        TidingsFts5Context *, const char *text, int length, void *context,
        int (*token)(void *context, int flags, const char *token, int length, int start, int end));
    /* Phrases in the MATCH expression. */
    int (*xPhraseCount)(TidingsFts5Context *);
    int (*xPhraseSize)(TidingsFts5Context *, int phrase);
    /* Phrase instances in the current row. */
    int (*xInstCount)(TidingsFts5Context *, int *instances);
    /* One instance: its phrase, column and token offset. */
    int (*xInst)(TidingsFts5Context *, int index, int *phrase, int *column, int *offset);
    sqlite3_int64 (*xRowid)(TidingsFts5Context *);
    int (*xColumnText)(TidingsFts5Context *, int column, const char **text, int *length);
    /* Tokens in a column of the current row; column -1: all columns. */
    int (*xColumnSize)(TidingsFts5Context *, int column, int *tokens);
    /* Runs a query of one phrase alone over the whole index, calling back once per row. */
    int (*xQueryPhrase)(
        TidingsFts5Context *, int phrase, void *user,
        int (*callback)(const TidingsFts5ExtensionApi *, TidingsFts5Context *, void *));
    /* Data kept with the statement, handed back on later rows (and freed with it). */
    int (*xSetAuxdata)(TidingsFts5Context *, void *data, void (*destroy)(void *));
    void *(*xGetAuxdata)(TidingsFts5Context *, int clear);
};

/* The FTS5 module of one connection, fetched with `SELECT fts5(?1)`. */
typedef struct TidingsFts5Api {
    int iVersion;
    int (*xCreateTokenizer)(
        struct TidingsFts5Api *api, const char *name, void *user, TidingsFts5Tokenizer *tokenizer,
        void (*destroy)(void *));
    int (*xFindTokenizer)(
        struct TidingsFts5Api *api, const char *name, void **user, TidingsFts5Tokenizer *tokenizer);
    int (*xCreateFunction)(
        struct TidingsFts5Api *api, const char *name, void *user, TidingsFts5Function function,
        void (*destroy)(void *));
} TidingsFts5Api;

#endif
