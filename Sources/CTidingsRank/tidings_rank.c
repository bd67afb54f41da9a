/*
 * tidings_rank: BM25 over the full-text index, with each phrase's document count given by the
 * caller (see CTidingsRank.h for the arguments, docs/search.md for why).
 *
 * FTS5's own bm25() learns how many rows each phrase matches by running the phrase alone over
 * the whole index, once per statement, before it scores the first row: for a phrase in a few
 * percent of a million posts that walk costs more than scoring the rows a page needs. The
 * score here is the same formula over the same per-row figures (instances by column, the
 * row's length, the index's row count and average length); only the counts come from outside.
 */

#include "CTidingsRank.h"
#include "fts5_interface.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The BM25 constants FTS5's bm25() uses. */
static const double termSaturation = 1.2; /* k1 */
static const double lengthNormalisation = 0.75; /* b */
/* The IDF of a phrase in more than half the rows would be negative; bm25() floors it here. */
static const double idfFloor = 1e-6;

/* What stays the same for every row of one statement: worked out on its first row. */
typedef struct Statistics {
    int phrases;
    int groups;
    int *groupOf; /* per phrase */
    double *idf; /* per group */
    double *frequency; /* per group, scratch for the current row */
    double averageLength;
} Statistics;

static void freeStatistics(void *pointer) {
    Statistics *statistics = pointer;
    if (statistics == NULL) return;
    free(statistics->groupOf);
    free(statistics->idf);
    free(statistics->frequency);
    free(statistics);
}

/* Reads the next comma-separated integer of `*text` into `*value`; 0 at the end, -1 when the
 * text is not such a list. */
static int nextNumber(const char **text, long long *value) {
    const char *cursor = *text;
    if (*cursor == '\0') return 0;
    char *end = NULL;
    long long number = strtoll(cursor, &end, 10);
    if (end == cursor || (*end != ',' && *end != '\0')) return -1;
    *value = number;
    *text = *end == ',' ? end + 1 : end;
    return 1;
}

static int countRow(const TidingsFts5ExtensionApi *api, TidingsFts5Context *fts, void *user) {
    (void)api;
    (void)fts;
    *(sqlite3_int64 *)user += 1;
    return SQLITE_OK;
}

/* Builds the statement's statistics from the group and count arguments; on failure sets
 * `*message` (sqlite3_mprintf) and returns an SQLite error code. */
static int makeStatistics(
    const TidingsFts5ExtensionApi *api, TidingsFts5Context *fts, sqlite3_value *groupArgument,
    sqlite3_value *countArgument, Statistics **made, char **message) {
    int phrases = api->xPhraseCount(fts);
    Statistics *statistics = calloc(1, sizeof(Statistics));
    if (statistics == NULL) return SQLITE_NOMEM;
    statistics->phrases = phrases;
    statistics->groupOf = calloc((size_t)(phrases > 0 ? phrases : 1), sizeof(int));
    if (statistics->groupOf == NULL) {
        freeStatistics(statistics);
        return SQLITE_NOMEM;
    }
    const char *groups = groupArgument ? (const char *)sqlite3_value_text(groupArgument) : NULL;
    const char *counts = countArgument ? (const char *)sqlite3_value_text(countArgument) : NULL;
    int grouped = 0;
    if (groups != NULL) {
        long long number = 0;
        int phrase = 0;
        int read;
        while ((read = nextNumber(&groups, &number)) == 1) {
            if (phrase >= phrases || number < 0 || number >= phrases) {
                read = -1;
                break;
            }
            statistics->groupOf[phrase] = (int)number;
            if ((int)number + 1 > statistics->groups) statistics->groups = (int)number + 1;
            phrase += 1;
        }
        grouped = read == 0 && phrase == phrases;
    }
    if (groups != NULL && !grouped) {
        /* Groups that do not fit the expression FTS5 parsed (a phrase the caller did not
         * foresee): scoring each phrase alone would be bm25() of the alternatives, not of the
         * prefix they spell, and counting them would be the walk this function is for; the
         * caller ranks with bm25() instead. */
        *message = sqlite3_mprintf(
            "tidings_rank: the groups do not fit the query's %d phrases", phrases);
        freeStatistics(statistics);
        return SQLITE_ERROR;
    }
    if (groups == NULL) {
        /* No groups: every phrase on its own and counted by a walk, bm25() exactly. */
        for (int phrase = 0; phrase < phrases; phrase++) statistics->groupOf[phrase] = phrase;
        statistics->groups = phrases;
        counts = NULL;
    }
    int groupCount = statistics->groups > 0 ? statistics->groups : 1;
    statistics->idf = calloc((size_t)groupCount, sizeof(double));
    statistics->frequency = calloc((size_t)groupCount, sizeof(double));
    if (statistics->idf == NULL || statistics->frequency == NULL) {
        freeStatistics(statistics);
        return SQLITE_NOMEM;
    }

    sqlite3_int64 rows = 0;
    sqlite3_int64 tokens = 0;
    int rc = api->xRowCount(fts, &rows);
    if (rc == SQLITE_OK) rc = api->xColumnTotalSize(fts, -1, &tokens);
    if (rc != SQLITE_OK) {
        freeStatistics(statistics);
        return rc;
    }
    statistics->averageLength = rows > 0 ? (double)tokens / (double)rows : 1.0;

    for (int group = 0; group < statistics->groups; group++) {
        long long hits = -1;
        if (counts != NULL && nextNumber(&counts, &hits) == -1) {
            *message = sqlite3_mprintf("tidings_rank: the counts must be whole numbers separated by commas");
            freeStatistics(statistics);
            return SQLITE_ERROR;
        }
        if (hits < 0) {
            int only = -1;
            int members = 0;
            for (int phrase = 0; phrase < phrases; phrase++) {
                if (statistics->groupOf[phrase] == group) {
                    only = phrase;
                    members += 1;
                }
            }
            if (members != 1) {
                *message = sqlite3_mprintf("tidings_rank: group %d has %d phrases and no count", group, members);
                freeStatistics(statistics);
                return SQLITE_ERROR;
            }
            sqlite3_int64 walked = 0;
            rc = api->xQueryPhrase(fts, only, &walked, countRow);
            if (rc != SQLITE_OK) {
                freeStatistics(statistics);
                return rc;
            }
            hits = walked;
        }
        /* A count above the rows (a stale or wrong one) would make the log's argument
         * negative, a NaN that no comparison floors: clamp, and floor anything not positive. */
        if (hits > rows) hits = rows;
        double idf = log(((double)rows - (double)hits + 0.5) / ((double)hits + 0.5));
        statistics->idf[group] = !(idf > 0.0) ? idfFloor : idf;
    }
    *made = statistics;
    return SQLITE_OK;
}

static void rankFunction(
    const TidingsFts5ExtensionApi *api, TidingsFts5Context *fts, sqlite3_context *context, int argumentCount,
    sqlite3_value **arguments) {
    if (argumentCount < 2) {
        sqlite3_result_error(context, "tidings_rank: expected (table, groups, counts, weights...)", -1);
        return;
    }
    Statistics *statistics = api->xGetAuxdata(fts, 0);
    if (statistics == NULL) {
        char *message = NULL;
        int rc = makeStatistics(api, fts, arguments[0], arguments[1], &statistics, &message);
        if (rc != SQLITE_OK) {
            if (message != NULL) {
                sqlite3_result_error(context, message, -1);
                sqlite3_free(message);
            } else {
                sqlite3_result_error_code(context, rc);
            }
            return;
        }
        rc = api->xSetAuxdata(fts, statistics, freeStatistics);
        if (rc != SQLITE_OK) {
            /* FTS5 has called freeStatistics already. */
            sqlite3_result_error_code(context, rc);
            return;
        }
    }

    memset(statistics->frequency, 0, sizeof(double) * (size_t)(statistics->groups > 0 ? statistics->groups : 1));
    int instances = 0;
    int rc = api->xInstCount(fts, &instances);
    int weights = argumentCount - 2;
    for (int index = 0; rc == SQLITE_OK && index < instances; index++) {
        int phrase = 0;
        int column = 0;
        int offset = 0;
        rc = api->xInst(fts, index, &phrase, &column, &offset);
        if (rc == SQLITE_OK && phrase >= 0 && phrase < statistics->phrases) {
            double weight = column < weights ? sqlite3_value_double(arguments[2 + column]) : 1.0;
            statistics->frequency[statistics->groupOf[phrase]] += weight;
        }
    }
    int length = 0;
    if (rc == SQLITE_OK) rc = api->xColumnSize(fts, -1, &length);
    if (rc != SQLITE_OK) {
        sqlite3_result_error_code(context, rc);
        return;
    }
    double normalised =
        termSaturation * (1 - lengthNormalisation + lengthNormalisation * (double)length / statistics->averageLength);
    double score = 0.0;
    for (int group = 0; group < statistics->groups; group++) {
        double frequency = statistics->frequency[group];
        score += statistics->idf[group] * ((frequency * (termSaturation + 1.0)) / (frequency + normalised));
    }
    /* Negative like bm25(): lower is better, so ORDER BY ascends to the best. */
    sqlite3_result_double(context, -1.0 * score);
}

/* The oldest versions whose members are declared in fts5_interface.h. */
enum { minimumApiVersion = 2, minimumExtensionApiVersion = 1 };

static void versionCheckedRank(
    const TidingsFts5ExtensionApi *api, TidingsFts5Context *fts, sqlite3_context *context, int argumentCount,
    sqlite3_value **arguments) {
    if (api->iVersion < minimumExtensionApiVersion) {
        sqlite3_result_error(context, "tidings_rank: this SQLite's FTS5 is too old", -1);
        return;
    }
    rankFunction(api, fts, context, argumentCount, arguments);
}

int tidings_rank_register(sqlite3 *db, char **error) {
    *error = NULL;
    sqlite3_stmt *statement = NULL;
    int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &statement, NULL);
    if (rc != SQLITE_OK) {
        *error = sqlite3_mprintf("this SQLite has no full-text search (FTS5): %s", sqlite3_errmsg(db));
        return rc;
    }
    TidingsFts5Api *api = NULL;
    sqlite3_bind_pointer(statement, 1, (void *)&api, "fts5_api_ptr", NULL);
    rc = sqlite3_step(statement);
    sqlite3_finalize(statement);
    if (rc != SQLITE_ROW || api == NULL) {
        *error = sqlite3_mprintf("this SQLite's full-text search (FTS5) did not hand out its interface");
        return SQLITE_ERROR;
    }
    return tidings_rank_register_with(db, api, error);
}

int tidings_rank_register_with(sqlite3 *db, void *fts5Api, char **error) {
    (void)db;
    *error = NULL;
    TidingsFts5Api *api = fts5Api;
    if (api->iVersion < minimumApiVersion) {
        *error = sqlite3_mprintf(
            "this SQLite's full-text search (FTS5) is too old: interface version %d, Tidings needs %d",
            api->iVersion, minimumApiVersion);
        return SQLITE_ERROR;
    }
    int rc = api->xCreateFunction(api, "tidings_rank", NULL, versionCheckedRank, NULL);
    if (rc != SQLITE_OK) {
        *error = sqlite3_mprintf("could not add tidings_rank to full-text search (FTS5): code %d", rc);
    }
    return rc;
}
