/* logs.h: a container's logs from the engine (GET /containers/ID/logs),
 * streamed: demultiplexed into stdout and stderr when the container has no
 * TTY, the raw bytes (all of them stdout) when it has one, as the engine
 * sends them. With timestamps each message starts with the engine's
 * timestamp and a space (engine/logtime.h); with follow the answer goes on
 * until the container stops.
 *
 * Used by the headless `porthole logs` (byte for byte what `docker logs`
 * prints) and the console's logs tabs (session/logfollow.h). Callbacks run
 * from the loop; data() may close the logs (and must then not use them
 * again); end() runs once when the engine ends the answer (err NULL) or it
 * fails (a 404 for no such container, a 501 for a log driver that cannot
 * be read: err->message has the engine's words), unless logs_close() came
 * first. The logs borrow their engine. */
#ifndef PH_LOGS_H
#define PH_LOGS_H
#include <stddef.h>
#include "engine/api.h"

struct logs_opts {
	int follow;
	int timestamps;
	int out, err;           /* stdout, stderr: neither set means both */
	long tail;              /* the last N lines only; -1: all */
	const char *since;      /* the API's values (logtime_arg()), or NULL */
	const char *until;
};

/* The request's path and query for container id (caller frees). */
char *logs_path(struct engine *e, const char *id, const struct logs_opts *o);

/* stream: DEMUX_STDOUT or DEMUX_STDERR (engine/demux.h). frame_end: the
 * piece ends one of the engine's messages (without a TTY each message is
 * one frame); always 0 with a TTY, where messages show only as lines. */
typedef void (*logs_data_cb)(int stream, const char *p, size_t n, int frame_end, void *arg);

struct logs;
struct logs *logs_open(struct engine *e, const char *id, const struct logs_opts *o, int tty,
    logs_data_cb data, engine_status_cb end, void *arg);
void logs_close(struct logs *l);

#endif
