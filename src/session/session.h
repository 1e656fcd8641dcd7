/* session.h: one exec session shown in a tab: the state machine (creating,
 * starting, running, exited with a code, failed with a cause), its terminal
 * model (session/term.h) fed from the exec stream, and its exec inspect.
 * Headless: the console draws it, tests read it.
 *
 * The owner gives the pane size at creation and on every change
 * (session_resize); the session sends it to the exec TTY right after start
 * and on each change. changed() is called (from the loop) whenever something
 * visible changed: output, state, title, bell, info; it may not free the
 * session. A session owns its term, stream and calls; session_free() ends
 * them without waiting (use session_stop() first to stop the process). */
#ifndef PH_SESSION_H
#define PH_SESSION_H
#include <time.h>
#include "engine/api.h"
#include "engine/model.h"
#include "session/term.h"

enum session_state {
	SESSION_CREATING,   /* exec create sent */
	SESSION_STARTING,   /* exec start sent, waiting for the stream */
	SESSION_RUNNING,
	SESSION_EXITED,     /* process ended: exit_code is set */
	SESSION_FAILED      /* could not run: cause is set */
};

struct session_spec {
	char *container_id;
	char *container_name;
	struct strv cmd;        /* empty: the container's shell (bash, else sh) */
	struct strv env;        /* added to TERM and LANG */
	char *user, *workdir;
};
void session_spec_copy(struct session_spec *dst, const struct session_spec *src);
void session_spec_clear(struct session_spec *s);

#define SESSION_CHANGED_OUTPUT 0x1
#define SESSION_CHANGED_STATE  0x2
#define SESSION_CHANGED_INFO   0x4
#define SESSION_CHANGED_BELL   0x8
#define SESSION_CHANGED_TITLE  0x10
#define SESSION_CHANGED_PENDING 0x20

struct session;
typedef void (*session_changed_cb)(struct session *s, int what, void *arg);

struct session *session_new(struct engine *e, const struct session_spec *spec, int rows, int cols,
    session_changed_cb changed, void *arg);
void session_free(struct session *s);

/* A logs tab: the container's log followed (session/logfollow.h) into the
 * same terminal model, so scrollback, scroll mode and saving work as in
 * any tab. It runs no process: it is STARTING until its container is
 * inspected, then RUNNING while it follows or waits for the container to
 * run again, and FAILED when the log cannot be read (the cause says why).
 * Keys go nowhere, stop does nothing, respawn asks again after a failure;
 * its spec's cmd is unused. */
struct logfollow_opts;
struct logfollow;
struct session *session_new_logs(struct engine *e, const struct session_spec *spec, int rows, int cols,
    const struct logfollow_opts *o, session_changed_cb changed, void *arg);
/* The follower of a logs tab, NULL for an exec session. */
struct logfollow *session_logs(const struct session *s);

/* Record the tab's output from now on to path as an asciicast v2 file
 * (session/record.h), replacing a recording under way; -1 with *cause
 * (caller frees) when the file cannot be made. session_record_stop() ends
 * it (-1 when none was under way or a write failed). session_recording()
 * is the file's path while recording, else NULL; session_record_error()
 * why the recording stopped writing, else NULL. */
int session_record(struct session *s, const char *path, char **cause);
int session_record_stop(struct session *s);
const char *session_recording(const struct session *s);
const char *session_record_error(const struct session *s);

/* Start again with the same spec (a finished session only; -1 otherwise).
 * The screen is cleared; the scrollback is kept. */
int session_respawn(struct session *s);
/* The container was renamed: the session shows the new name. */
void session_rename_container(struct session *s, const char *name);
/* Stop the running process for real (engine/stop.h); the session then ends
 * as usual. */
void session_stop(struct session *s);

void session_resize(struct session *s, int rows, int cols);
/* Keyboard input (encoded through the terminal model) and raw bytes. */
void session_key_unichar(struct session *s, uint32_t c, int mods);
void session_key(struct session *s, int term_key, int mods);
void session_send(struct session *s, const char *p, size_t n);
/* Ask the engine again for the exec's state (pid, running, exit code). */
void session_refresh_info(struct session *s);
/* The engine reported the exec died (events): refresh and end soon. */
void session_note_exec_died(struct session *s, int exit_code);

/* Output is not parsed as it arrives: it waits (up to SESSION_PENDING_HIGH
 * bytes; then the stream is paused until SESSION_PENDING_LOW) and is parsed
 * in time slices by session_parse(), so that keys, and the focused tab
 * before the others, go first. Until its owner takes the slices over with
 * session_drive_parse(s, 1) (the console's model does, for every tab), a
 * session schedules its own: one slice of SESSION_SLICE_MS per loop turn.
 * SESSION_CHANGED_PENDING says output has started to wait. A session's end
 * (EXITED or FAILED) shows once all of its output is parsed. The waiting
 * output is kept small: it is parsed before anything typed after it shows
 * (the prompt after a ^C to a flood), and the engine's side holds the rest. */
#define SESSION_PENDING_HIGH (16u << 10)
#define SESSION_PENDING_LOW (4u << 10)
#define SESSION_PARSE_CHUNK 512
#define SESSION_SLICE_MS 2
/* A run whose output comes faster than SESSION_FLOOD_BYTES per
 * SESSION_FLOOD_WINDOW_MS has its reads coalesced: after the socket is
 * drained it is read again SESSION_FLOOD_REST_MS later, not at each few
 * bytes (a program writing line by line wakes porthole per line). */
#define SESSION_FLOOD_WINDOW_MS 10
#define SESSION_FLOOD_BYTES 2048
#define SESSION_FLOOD_REST_MS 3
/* While output waits, SESSION_CHANGED_OUTPUT comes at most this often. */
#define SESSION_NOTIFY_MS 40
/* Parse waiting output until none is left or loop_now_ms() reaches
 * deadline_ms (at least one chunk is parsed); the bytes still waiting. */
size_t session_parse(struct session *s, int64_t deadline_ms);
size_t session_output_pending(const struct session *s);
void session_drive_parse(struct session *s, int external);

enum session_state session_state(const struct session *s);
const char *session_state_name(enum session_state st);
int session_exit_code(const struct session *s);         /* -1 unless EXITED */
const char *session_cause(const struct session *s);     /* FAILED: why */
const char *session_exec_id(const struct session *s);   /* NULL before create */
const struct session_spec *session_spec(const struct session *s);
/* The command shown to people: "sh -c ..." or "shell". Owned by s. */
const char *session_command(const struct session *s);
struct term *session_term(const struct session *s);
/* Last exec inspect (has_exit_code etc.), or NULL before the first. */
const struct exec_info *session_info(const struct session *s);
/* Size last sent to the exec TTY (0 0 before the first resize answer). */
void session_tty_size(const struct session *s, int *rows, int *cols);
/* 1 while the engine has not answered the last size sent. */
int session_resize_pending(const struct session *s);
/* Did the process run (a FAILED session that ran has ended, e.g. when the
 * engine went away, rather than failed to start)? */
int session_ran(const struct session *s);
/* When the last run was started and ended (wall clock; ended 0 while it
 * runs), and whether porthole stopped its process (session_stop()). */
void session_times(const struct session *s, time_t *started, time_t *ended);
int session_stopped(const struct session *s);
/* 1 once for each run of an exec session that has ended (EXITED or
 * FAILED), then 0 until the next run (the audit log's one line per
 * session); always 0 for a logs tab. */
int session_take_end(struct session *s);
/* Activity / bell since the flags were last cleared (background tabs). */
int session_activity(const struct session *s);
int session_bell(const struct session *s);
void session_clear_flags(struct session *s);
unsigned long long session_bytes(const struct session *s);
/* Input typed before the process runs waits (up to RUN_TYPEAHEAD_MAX,
 * engine/run.h) and is sent once it does: the bytes waiting now. */
size_t session_input_waiting(const struct session *s);
/* A notice for the status line about this session (resize failed, ...). */
const char *session_notice(const struct session *s);

#endif
