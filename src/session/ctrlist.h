/* ctrlist.h: the console's live container list (pure data): rows replaced
 * from a GET /containers/json answer and updated from /events, so a started
 * container appears, a dead one shows its exit code and a removed one goes,
 * without a refresh key. Owns its strings; ctrlist_clear() frees them.
 * Rows move when the list changes: a struct ctr pointer is only valid until
 * the next change (the next loop turn, for the console's list); keep ids. */
#ifndef PH_CTRLIST_H
#define PH_CTRLIST_H
#include <stddef.h>
#include <stdint.h>
#include "engine/model.h"

struct conn;

struct ctr {
	struct conn *conn;      /* the engine connection the row came from (the list's) */
	char *id, *name, *image, *state, *status;
	int64_t created;        /* seconds since the epoch */
	int64_t started_ms;     /* when we saw it start (uptime), 0 unknown */
	int has_exit_code, exit_code;
};

struct ctrlist {
	struct ctr *v;
	size_t n;
	struct conn *conn;      /* given to every row (may be NULL) */
};

/* An empty list whose rows will carry conn (NULL: none). */
void ctrlist_init(struct ctrlist *l, struct conn *conn);
void ctrlist_clear(struct ctrlist *l);
/* Replace all rows, keeping known exit codes of rows still there. Rows are
 * sorted: running first, then by name. now_ms (loop_now_ms) dates a running
 * row's start from the engine's "Up 5 minutes" when it was not seen
 * starting. */
void ctrlist_replace(struct ctrlist *l, const struct container_list *from, int64_t now_ms);
/* Apply one event. Returns a CTRLIST_* mask: what changed and whether the
 * list should be fetched again (a new container's image and name). */
#define CTRLIST_CHANGED 1
#define CTRLIST_REFETCH 2
int ctrlist_apply(struct ctrlist *l, const struct event *ev, int64_t now_ms);
struct ctr *ctrlist_find(const struct ctrlist *l, const char *id);
/* Index of the row with this id, or -1. */
int ctrlist_index(const struct ctrlist *l, const char *id);
/* Does the row match a filter: a substring of its name or image, or a
 * prefix of its id ("" matches every row)? */
int ctr_matches(const struct ctr *c, const char *filter);
int ctr_running(const struct ctr *c);
/* The row's status as of now_ms (allocated, not yet made inert): for a
 * running row whose start is known, "Up" and its uptime in the engine's
 * words ("Up 3 minutes"), with what the engine's status said after the
 * duration (" (healthy)"); else the status as the engine or an event left
 * it. */
char *ctr_status_at(const struct ctr *c, int64_t now_ms);
/* The duration in ms that the engine's words for it (engine/humanize.h) stand for at the start of s, and in
 * *used how many bytes they took; -1 when s does not start with them. */
int64_t ctr_parse_duration(const char *s, size_t *used);

#endif
