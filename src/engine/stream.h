/* stream.h: one streamed GET on an engine, for the answers that go on for
 * as long as they are read: a container's logs (engine/logs.h) and its
 * resource figures (engine/stats.h). The body is handed on as it comes when
 * the engine says yes (2xx); otherwise it is the engine's error, collected
 * and given to end() in the words of api.h (struct engine_error).
 *
 * Callbacks run from the loop. data() may close the stream (and must then
 * not use it again); end() runs exactly once, when the engine ends the
 * answer or it fails, unless engine_stream_close() came first. The stream
 * borrows its engine (free the engine after the stream). */
#ifndef PH_STREAM_H
#define PH_STREAM_H
#include <stddef.h>
#include "engine/api.h"

struct engine_stream;

typedef void (*engine_stream_data_cb)(const char *p, size_t n, void *arg);

/* GET path (an engine_path(); the stream takes it over and frees it). */
struct engine_stream *engine_stream_open(struct engine *e, char *path, engine_stream_data_cb data,
    engine_status_cb end, void *arg);
void engine_stream_close(struct engine_stream *s);

#endif
