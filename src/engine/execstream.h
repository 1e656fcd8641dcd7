/* execstream.h: an attached exec session's byte stream. exec_stream_open()
 * connects (libcurl connect-only), sends POST /exec/ID/start with
 * "Connection: Upgrade, Upgrade: tcp", reads the 101 answer, and from then on
 * the socket carries the process's output (demultiplexed here when there is
 * no TTY) and takes its input. Watched by the core loop; never blocks.
 *
 * Callbacks, all from the loop: started once on the 101; data for each piece
 * of output (stream 1 stdout, 2 stderr; with a TTY always 1); closed exactly
 * once at the end (error NULL when the process's stream ended cleanly, else
 * a one-line reason). No callback runs after exec_stream_free(); it is safe
 * to call exec_stream_free() from inside any of them. */
#ifndef PH_EXECSTREAM_H
#define PH_EXECSTREAM_H
#include <stddef.h>
#include "engine/api.h"

struct exec_stream;

struct exec_stream_cb {
	void (*started)(void *arg);
	void (*data)(int stream, const char *p, size_t n, void *arg);
	void (*closed)(const char *error, void *arg);
};

/* rows/cols (TTY only, 0 for none) also go in the start body: Podman sizes
 * the TTY from them before the process runs; dockerd ignores them and is
 * sized by a resize right after the start. */
struct exec_stream *exec_stream_open(struct engine *e, const char *exec_id, int tty,
    int rows, int cols, const struct exec_stream_cb *cb, void *arg);
void exec_stream_free(struct exec_stream *s);

/* Queue input for the process (copied). */
void exec_stream_write(struct exec_stream *s, const void *p, size_t n);
/* Bytes queued and not yet sent. */
size_t exec_stream_pending(const struct exec_stream *s);
/* After the queued input is sent, shut the write side so the process sees
 * EOF on stdin (non-TTY only: with a TTY that ends the stream; there the
 * caller sends ^D instead). */
void exec_stream_close_stdin(struct exec_stream *s);
/* Stop or resume reading output (back-pressure from a slow consumer). */
void exec_stream_pause(struct exec_stream *s, int paused);
/* Coalescing: with ms > 0, once a read has drained the socket the stream
 * stops reading for ms milliseconds, so that output arriving in small
 * pieces is read in one go (fewer wakeups and system calls while a program
 * floods). 0, the default, reads as soon as anything arrives. */
void exec_stream_set_rest(struct exec_stream *s, int ms);
/* Output bytes received so far (after demux). */
unsigned long long exec_stream_bytes(const struct exec_stream *s);

#endif
