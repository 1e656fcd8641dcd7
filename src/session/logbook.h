/* logbook.h: what a logs tab has read of a container's log, and how it is
 * shown. The engine's answer (engine/logs.h, asked with timestamps) comes
 * in as pieces of each stream; the book cuts it into messages (a message
 * ends at a newline, or at the end of one of the engine's frames), reads
 * each one's timestamp, keeps the last ones, and writes the new ones as
 * terminal bytes for the tab's terminal model: a line feed as CR LF (a log
 * has no TTY to add the CR), stderr in red after an optional prefix, the
 * timestamp dim in front when timestamps show.
 *
 * Following across restarts: when the answer ends and the container runs
 * again, the next request starts at logbook_since(), a whole second before
 * the last timestamp read (engines whose `since` has a resolution of one
 * second send that second again; the others send the last message again,
 * since `since` counts the message at that very time). Every message whose
 * timestamp lies within two seconds of the newest one read is remembered
 * by (time, stream, a hash of its bytes); a message that comes again after
 * a resume matches one of those, once, and is dropped; so no line is shown
 * twice and, as the engine keeps its log in order, none is lost.
 *
 * Pure: no I/O, no clock. The book owns its messages; logbook_free()
 * frees them. Used by session/logfollow.c; tested by tests/unit and
 * tests/fuzz. */
#ifndef PH_LOGBOOK_H
#define PH_LOGBOOK_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"

/* How far back from the newest timestamp messages are remembered. */
#define LOGBOOK_WINDOW_NS (2 * 1000000000LL)
/* Messages kept for showing again (timestamps toggled) at most, and the
 * bytes they may take. */
#define LOGBOOK_KEEP_BYTES (16u << 20)

struct logbook_look {
	int timestamps;             /* show each message's timestamp */
	const char *stderr_prefix;  /* before each stderr line (NULL or "": none) */
};

struct log_msg;
struct logbook_seen;

struct logbook {
	struct buf part[3];         /* a message still coming, per stream */
	int part_ts_done[3];
	struct log_msg **keep;      /* a ring of the messages kept */
	size_t keep_cap, keep_head, keep_n, keep_bytes, keep_max;
	struct logbook_seen *seen;  /* the window for dropping messages again */
	size_t nseen, capseen;
	int64_t newest_ns;          /* newest timestamp read; -1 before one */
	int64_t resumed_at;         /* newest_ns when the last resume began; -1 none */
	unsigned long long messages, dropped; /* read; dropped as read before */
};

/* keep: how many messages to keep for showing again (at least 1). */
void logbook_init(struct logbook *b, size_t keep);
void logbook_free(struct logbook *b);

/* A piece of the engine's answer (stream DEMUX_STDOUT or DEMUX_STDERR;
 * frame_end as logs.h gives it). Each new complete message is written to
 * out as look says. */
void logbook_feed(struct logbook *b, int stream, const char *p, size_t n, int frame_end,
    const struct logbook_look *look, struct buf *out);
/* The answer ended: a message without its newline is complete too. */
void logbook_end(struct logbook *b, const struct logbook_look *look, struct buf *out);

/* The `since` of the request that resumes the log (the API's unix
 * seconds) into buf, and the book gets ready to drop what comes again.
 * 0 when nothing with a timestamp was read yet (then the log is asked
 * from its start: nothing can come twice). */
int logbook_resume(struct logbook *b, char *buf, size_t size);

/* Every message kept, written again as look says (timestamps toggled). */
void logbook_render_all(const struct logbook *b, const struct logbook_look *look, struct buf *out);

#endif
