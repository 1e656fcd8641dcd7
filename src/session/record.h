/* record.h: a tab's recording as an asciicast v2 file (the format asciinema
 * plays): a header line {"version": 2, "width", "height", "timestamp",
 * "title", "env": {"TERM", "SHELL"}}, then one JSON array a line: [TIME,
 * "o", DATA] for output as it arrived and [TIME, "r", "COLSxROWS"] for a
 * resize, TIME in seconds since the start. DATA is text: a UTF-8 sequence
 * split across two pieces of output is kept whole, and a byte that starts
 * no valid sequence becomes U+FFFD (asciinema does the same).
 *
 * Writing is buffered; recorder_close() flushes and closes. A write that
 * fails stops the recording (recorder_error() says why); the session goes
 * on. The clock is injected (now_ms) so tests can fix it. */
#ifndef PH_RECORD_H
#define PH_RECORD_H
#include <stddef.h>
#include <stdint.h>

struct recorder;

/* Create (or truncate) path, mode 0600, and write the header. NULL with
 * *cause (caller frees) when the file cannot be made. title may be NULL. */
struct recorder *recorder_open(const char *path, int cols, int rows, const char *title,
    int64_t now_ms, char **cause);
void recorder_output(struct recorder *r, const char *p, size_t n, int64_t now_ms);
void recorder_resize(struct recorder *r, int cols, int rows, int64_t now_ms);
/* NULL while all is well, else why the recording stopped. */
const char *recorder_error(const struct recorder *r);
const char *recorder_path(const struct recorder *r);
/* Flush, close, free; 0, or -1 when something was not written. */
int recorder_close(struct recorder *r);

#endif
