/* statstream.h: a container's resource figures from the engine as they
 * come: GET /containers/ID/stats, one JSON object a line (about one a
 * second with stream; one only without, which the engine answers after two
 * of its samples so that the CPU % has a previous one), each turned into
 * figures by engine/stats.h.
 *
 * Callbacks run from the loop: sample() for each object (valid during the
 * call; it may close the stream and must then not use it again), end()
 * once when the answer ends or fails (a 404 for no such container), unless
 * stats_stream_close() came first. Objects that do not parse are skipped
 * and counted. The stream borrows its engine. */
#ifndef PH_STATSTREAM_H
#define PH_STATSTREAM_H
#include "engine/api.h"
#include "engine/stats.h"

struct stats_stream;
typedef void (*stats_sample_cb)(const struct stats *s, void *arg);

struct stats_stream *stats_stream_open(struct engine *e, const char *id, int stream,
    stats_sample_cb sample, engine_status_cb end, void *arg);
void stats_stream_close(struct stats_stream *s);
unsigned long stats_stream_bad(const struct stats_stream *s);

#endif
