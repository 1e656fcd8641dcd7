/* logfollow.h: one container's log, followed for a logs tab for as long as
 * the tab lives, across the container's stops and restarts and the
 * engine's going away. The container is inspected (its TTY says whether
 * the log is multiplexed; whether it runs), its log asked with follow, the
 * last N lines first; when the answer ends the container is inspected
 * again: running (it restarted meanwhile), the log is asked again from
 * where it stopped (session/logbook.h drops what comes twice); not
 * running, the follower waits for logfollow_note_started(). The messages
 * go to output() as terminal bytes (logbook.h's look).
 *
 * States: LOGFOLLOW_STARTING until the first answer streams,
 * LOGFOLLOW_FOLLOWING, LOGFOLLOW_STOPPED (the container does not run: the
 * log so far shows), LOGFOLLOW_FAILED (no such container, a log driver
 * that cannot be read, the container removed: logfollow_cause() says it
 * in the engine's words). A lost engine is LOGFOLLOW_STOPPED with a cause
 * until logfollow_note_engine_back().
 *
 * Callbacks run from the loop and may not free the follower: output()
 * with reset set means the whole log is written again (timestamps
 * toggled): the tab starts its screen over first. changed() after each
 * change of state. The follower borrows its engine. */
#ifndef PH_LOGFOLLOW_H
#define PH_LOGFOLLOW_H
#include <stddef.h>
#include "engine/api.h"
#include "session/logbook.h"

enum logfollow_state { LOGFOLLOW_STARTING, LOGFOLLOW_FOLLOWING, LOGFOLLOW_STOPPED, LOGFOLLOW_FAILED };

struct logfollow_opts {
	long tail;                  /* lines of the log shown at first; -1 all */
	int timestamps;
	const char *stderr_prefix;  /* copied */
	size_t keep;                /* messages kept for showing again */
};

struct logfollow_cb {
	void (*output)(const char *p, size_t n, int reset, void *arg);
	void (*changed)(void *arg);
};

struct logfollow;
struct logfollow *logfollow_new(struct engine *e, const char *container, const struct logfollow_opts *o,
    const struct logfollow_cb *cb, void *arg);
void logfollow_free(struct logfollow *f);

/* The engine's news about the container (events) and about itself. */
void logfollow_note_started(struct logfollow *f);
void logfollow_note_removed(struct logfollow *f);
void logfollow_note_engine_back(struct logfollow *f);
/* Ask again from the start after a failure (the tab's respawn): -1 unless
 * FAILED. */
int logfollow_retry(struct logfollow *f);

/* Timestamps shown or not: everything kept is written again (reset). */
void logfollow_set_timestamps(struct logfollow *f, int on);
int logfollow_timestamps(const struct logfollow *f);

enum logfollow_state logfollow_state(const struct logfollow *f);
/* Why FAILED or STOPPED (NULL when there is nothing to say). */
const char *logfollow_cause(const struct logfollow *f);
/* The container's last state seen: "running", "exited", "restarting"...,
 * and its exit code (-1 unknown). */
const char *logfollow_container_state(const struct logfollow *f);
int logfollow_exit_code(const struct logfollow *f);
/* How often the log was asked again after the container ran again. */
unsigned logfollow_resumes(const struct logfollow *f);
const struct logbook *logfollow_book(const struct logfollow *f);

#endif
