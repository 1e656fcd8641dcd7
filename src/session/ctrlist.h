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

struct ctr {
	char *id, *name, *image, *state, *status;
	int64_t created;        /* seconds since the epoch */
	int64_t started_ms;     /* when we saw it start (uptime), 0 unknown */
	int has_exit_code, exit_code;
};

struct ctrlist {
	struct ctr *v;
	size_t n;
};

void ctrlist_init(struct ctrlist *l);
void ctrlist_clear(struct ctrlist *l);
/* Replace all rows, keeping known exit codes of rows still there. Rows are
 * sorted: running first, then by name. */
void ctrlist_replace(struct ctrlist *l, const struct container_list *from);
/* Apply one event. Returns a CTRLIST_* mask: what changed and whether the
 * list should be fetched again (a new container's image and name). */
#define CTRLIST_CHANGED 1
#define CTRLIST_REFETCH 2
int ctrlist_apply(struct ctrlist *l, const struct event *ev, int64_t now_ms);
struct ctr *ctrlist_find(const struct ctrlist *l, const char *id);
/* Index of the row with this id, or -1. */
int ctrlist_index(const struct ctrlist *l, const char *id);
/* Does the row match a filter (substring of name or image; "" matches)? */
int ctr_matches(const struct ctr *c, const char *filter);
int ctr_running(const struct ctr *c);

#endif
