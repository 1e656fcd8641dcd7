/* statsfollow.h: the live resource figures of one container for the
 * console's side panel: a stats stream (engine/statstream.h, stream=1,
 * about one sample a second) while a container is followed, the newest
 * sample's figures and the history of its CPU % and memory used
 * (session/samples.h, the last SAMPLES_MAX samples).
 *
 * statsfollow_set() names the container to follow, or none: following
 * another one (or none) closes the stream and empties the history; the
 * same one again does nothing while its stream is open and opens a new one
 * (history emptied) once the last has ended. Nothing here runs a timer:
 * with no container followed the follower causes no wakeups.
 *
 * changed() runs from the loop after each sample and when the stream
 * ends (the engine ended it or it failed: statsfollow_error() says why);
 * it must not free the follower. The follower borrows its engine. */
#ifndef PH_STATSFOLLOW_H
#define PH_STATSFOLLOW_H
#include "engine/api.h"
#include "engine/stats.h"
#include "session/samples.h"

struct statsfollow;
typedef void (*statsfollow_cb)(struct statsfollow *f, void *arg);

struct statsfollow *statsfollow_new(struct engine *e, statsfollow_cb changed, void *arg);
void statsfollow_free(struct statsfollow *f);

/* Follow container id (copied; NULL: none). */
void statsfollow_set(struct statsfollow *f, const char *id);
/* The container followed, NULL when none. */
const char *statsfollow_id(const struct statsfollow *f);
/* A stream is open. */
int statsfollow_streaming(const struct statsfollow *f);
/* Samples received on the current stream (0: none yet). */
unsigned long statsfollow_samples(const struct statsfollow *f);
/* Streams opened since statsfollow_new(). */
unsigned long statsfollow_opened(const struct statsfollow *f);
/* The newest sample's figures (its id, name and read are NULL), NULL
 * before the first one. */
const struct stats *statsfollow_last(const struct statsfollow *f);
/* The histories: CPU % and memory used (bytes), oldest first. */
const struct samples *statsfollow_cpu(const struct statsfollow *f);
const struct samples *statsfollow_mem(const struct statsfollow *f);
/* Why the last stream ended, in the engine's words; NULL while it runs or
 * when nothing is followed. */
const char *statsfollow_error(const struct statsfollow *f);

#endif
