/* run.h: one exec run, the way every part of porthole runs a command in a
 * container: `porthole exec` (cli/exec.c), the console's tabs
 * (session/session.c) and anything else that needs a process and its exit
 * code. A run inspects the container (so that "not running", "paused" and
 * "no such container" read the same everywhere), creates the exec, starts
 * it attached (the exec stream, engine/execstream.h) or detached, forwards
 * input (typed-ahead input waits for the start), half-closes stdin, resizes
 * the TTY, enforces a timeout, stops the process for real on request
 * (engine/stop.h), and when the stream ends reads the exit code with one
 * retry schedule (the stream can end a moment before the engine records the
 * exit) and maps a command that could not be started to 126 or 127.
 *
 * Asynchronous on the core loop: run_new() returns at once and everything
 * after happens in callbacks from the loop. Callbacks:
 *   phase   on each change of run_phase() (optional);
 *   output  each piece of the process's output (stream 1 stdout, 2 stderr;
 *           with a TTY always 1), valid during the call only;
 *   notice  a one-line message that does not end the run (a failed
 *           resize), optional;
 *   resized the engine answered a TTY resize (optional);
 *   done    exactly once at the end, with the result (valid during the call
 *           only). run_free() may be called from done; from the other
 *           callbacks it may not.
 *
 * Ownership: the run copies what it keeps of the spec; run_free() cancels
 * whatever is in flight (without stopping the process: run_stop() first for
 * that) and frees. */
#ifndef PH_RUN_H
#define PH_RUN_H
#include <stddef.h>
#include "core/strv.h"
#include "engine/api.h"

/* How the exit code is waited for after the stream ends: up to
 * RUN_EXIT_TRIES exec inspects, RUN_EXIT_FAST_MS apart for the first
 * RUN_EXIT_FAST_TRIES, then RUN_EXIT_SLOW_MS (about 4.7 s in all). */
#define RUN_EXIT_TRIES 200
#define RUN_EXIT_FAST_TRIES 20
#define RUN_EXIT_FAST_MS 5
#define RUN_EXIT_SLOW_MS 25
/* After the engine said the process died (run_note_died), how long a
 * stream that something in the container still holds open, with no output
 * moving, is waited for (output still coming, or paused by the reader,
 * restarts the wait). */
#define RUN_DIED_GRACE_MS 1000
/* Input written before the process runs is kept (up to this) and sent once
 * it does. */
#define RUN_TYPEAHEAD_MAX (64 * 1024)

/* The exit statuses porthole gives for a command the runtime could not
 * start. */
#define RUN_EXIT_NOT_EXECUTABLE 126
#define RUN_EXIT_NOT_FOUND 127

struct run;

enum run_phase {
	RUN_PREPARING,  /* container inspect and exec create in flight */
	RUN_STARTING,   /* created (run_exec_id() is set), start sent */
	RUN_RUNNING,    /* attached and streaming */
	RUN_ENDING,     /* stream over or stop under way: reading the exit code */
	RUN_DONE        /* done() has run */
};

struct run_spec {
	const char *container;  /* name or id, as the engine takes it */
	const char *display;    /* shown in messages (NULL: container) */
	struct strv cmd, env;   /* borrowed, copied into the exec's create */
	const char *user, *workdir;
	int tty, privileged;
	int attach_stdin;       /* attach stdin: input goes to the process (run_write) */
	int detach;             /* start detached: done() as soon as it started */
	int rows, cols;         /* TTY size from the first frame (tty only) */
	long long timeout_ms;   /* > 0: stop the process after that long */
};

struct run_result {
	const char *exec_id;    /* NULL when the exec was never created */
	int started;            /* the process ran (attached: the stream came up) */
	int detached;           /* started detached: nothing more is known */
	int has_exit_code;
	int exit_code;          /* porthole's reading: 126/127 for a command the
	                           runtime could not start, else the process's */
	int process_exit_code;  /* the engine's ExitCode */
	/* NULL, or one line: why it could not run, why the exit code is
	 * unknown, or how the stream broke (the output may be incomplete). */
	const char *error;
	int timed_out;          /* the timeout fired */
	int stop_asked;         /* the timeout or run_stop() started a stop */
	int stopped;            /* ... and the process is known to be gone */
	const char *stop_note;  /* with stop_asked: what the stop did (stop.h) */
	const struct exec_info *info; /* the last exec inspect, or NULL */
};

struct run_cb {
	void (*phase)(struct run *r, enum run_phase phase, void *arg);
	void (*output)(struct run *r, int stream, const char *p, size_t n, void *arg);
	void (*notice)(struct run *r, const char *msg, void *arg);
	void (*done)(struct run *r, const struct run_result *res, void *arg);
	/* The engine took a TTY size (optional). */
	void (*resized)(struct run *r, int rows, int cols, void *arg);
};

struct run *run_new(struct engine *e, const struct run_spec *spec, const struct run_cb *cb, void *arg);
void run_free(struct run *r);

enum run_phase run_phase(const struct run *r);
/* The exec's id once created, else NULL. Owned by r. */
const char *run_exec_id(const struct run *r);
/* The container's full id once inspected, else NULL. Owned by r. */
const char *run_container_id(const struct run *r);
/* Output bytes received so far (after demux). */
unsigned long long run_output_bytes(const struct run *r);

/* Input for the process: sent at once while it runs, queued before that
 * (at most RUN_TYPEAHEAD_MAX bytes in all; the rest is refused), refused
 * once the stream is over. Returns the bytes taken. */
size_t run_write(struct run *r, const void *p, size_t n);
/* Bytes taken and not yet sent (queued before the start, or in flight). */
size_t run_pending(const struct run *r);
/* Bytes waiting for the process to start (0 once it runs). */
size_t run_typeahead(const struct run *r);
/* After the input taken so far, the process sees EOF on stdin (no TTY
 * only: with a TTY a half-close would end the stream; send ^D there). */
void run_close_stdin(struct run *r);
/* Stop or resume reading the process's output (back-pressure). */
void run_pause(struct run *r, int paused);
/* Coalesce the output's reads (exec_stream_set_rest); kept across a
 * stream's opening. */
void run_set_rest(struct run *r, int ms);

/* The TTY's size: sent right after the start and on every change,
 * coalesced (one resize call in flight at a time). */
void run_resize(struct run *r, int rows, int cols);
/* Size last sent to the TTY (0 0 before the first). */
void run_tty_size(const struct run *r, int *rows, int *cols);
/* 1 while a size asked for has not been answered by the engine yet. */
int run_resize_pending(const struct run *r);

/* Stop the process for real (stop.h), then read its exit code and end.
 * Returns 0 when a stop started (or one is under way), -1 when there is no
 * process to stop (not created yet, or already over). */
int run_stop(struct run *r);
/* The engine reported that the process died (an exec_die event) with
 * exit_code (-1 unknown): if the stream is still open with no output
 * moving for RUN_DIED_GRACE_MS (something in the container holds the TTY),
 * end it; the code is used when the engine cannot be asked. */
void run_note_died(struct run *r, int exit_code);

/* The command that runs the container's shell: bash where the container has
 * it, else sh (a probe inside the container, so an answer, not a guess).
 * script NULL: an interactive shell; else `bash -c script porthole ARGS...`
 * (or sh), args becoming $1... Appends to cmd. */
void run_shell_cmd(struct strv *cmd, const char *script, char *const *args, size_t nargs);

#endif
