#ifndef C_TIDINGS_RANK_H
#define C_TIDINGS_RANK_H

#include <sqlite3.h>

/// Registers `tidings_rank`, Tidings' own BM25 for the full-text index, on one connection.
///
/// Call it on every connection that runs a live ranking (the library's readers and writer).
/// Returns SQLITE_OK, or an SQLite error code with `*error` set to a message (free it with
/// `sqlite3_free`) when SQLite has no FTS5 or an FTS5 older than this code was written for.
///
/// `tidings_rank(post_fts, groups, counts, weight, ...)` scores the current row as FTS5's
/// `bm25()` does (k1 = 1.2, b = 0.75, the same IDF with its floor, the weights per column),
/// with two differences that spare it a walk of every match:
/// - `groups` (text or NULL): one group number per phrase of the MATCH expression, in the
///   phrase order, separated by commas ("0,0,1"). The phrases of a group are scored as one
///   phrase: their instances counted together, one IDF. A prefix written out as the OR of the
///   words it begins is thus scored as the prefix. NULL: every phrase its own group, counted
///   by a walk (`bm25()` exactly). Groups that do not fit the phrases FTS5 parsed fail the
///   call with "tidings_rank: the groups do not fit" (the caller then ranks with `bm25()`).
/// - `counts` (text or NULL): the number of rows each group matches, by group number, comma
///   separated ("11602,5000"). The IDF comes from these (a count above the index's rows is
///   taken as the rows; an IDF not above 0 is floored as `bm25()` floors it). A count left out or negative is
///   counted the way `bm25()` does, by a walk of the group's matches (only possible for a
///   group of one phrase; otherwise the call fails).
int tidings_rank_register(sqlite3 *db, char **error);

/// `tidings_rank_register` with the FTS5 interface (an `fts5_api *`) already fetched: checks
/// its version, then adds the function. Apart so that a test can hand it an interface that is
/// too old.
int tidings_rank_register_with(sqlite3 *db, void *fts5Api, char **error);

#endif
