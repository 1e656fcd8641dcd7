/* live.h: what the programs that drive porthole against a real engine share
 * (tests/engine/test-session.c, tests/engine/test-churn.c and
 * bench/bench-flood.c): turning the loop until a condition holds, connecting
 * to the engine, opening tabs and finding containers in the console model,
 * reading a terminal model's screen, and reading processes from /proc.
 *
 * Every wait has a deadline, so a test fails instead of hanging. Nothing
 * here prints: the caller says what a result means (a TAP point, a line on
 * stderr). Strings handed back through a cause argument are the caller's to
 * free. */
#ifndef PH_LIVE_H
#define PH_LIVE_H
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include "core/loop.h"
#include "engine/api.h"
#include "session/app.h"
#include "session/session.h"
#include "session/term.h"

/* A condition to wait for: non-zero when it holds. */
typedef int (*live_cond)(void *arg);

/* Turn loop until cond(arg) holds (1) or ms pass (0, as when the loop
 * fails). cond is asked before every turn and once more at the deadline. */
int live_run_until(struct loop *loop, live_cond cond, void *arg, int ms);
/* Turn loop for ms (calls in flight complete). */
void live_run_for(struct loop *loop, int ms);

/* An engine on loop for host (as DOCKER_HOST spells it), not yet
 * negotiated; NULL when host does not parse, the reason in *cause. */
struct engine *live_engine_new(struct loop *loop, const char *host, char **cause);
/* Negotiate e's API version, waiting up to ms: 0 when the engine answered.
 * Else -1 with the engine's error in *cause, or *cause NULL when no answer
 * came in time (the call is cancelled then). */
int live_negotiate(struct loop *loop, struct engine *e, int ms, char **cause);

/* An app_changed_cb for an app that nothing redraws. */
void live_app_ignore(struct app *a, int what, void *arg);
/* The first container in a's list named name, and in state unless state is
 * NULL; NULL when there is none. */
const struct ctr *live_find_ctr(const struct app *a, const char *name, const char *state);
/* Fill spec for container id (shown as name, may be NULL) running cmd (a
 * NULL-terminated list; NULL or empty: the container's shell). spec borrows
 * id and name and owns its copy of cmd: free it with strv_clear(&spec->cmd). */
void live_spec(struct session_spec *spec, const char *id, const char *name, const char *const *cmd);
/* Open a tab in a as live_spec() describes it; the tab's index. */
int live_open_tab(struct app *a, const char *id, const char *name, const char *const *cmd);

/* For live_screen_has(): the whole scrollback. */
#define LIVE_SCROLLBACK_ALL INT_MAX

/* Is every row of t's screen empty? */
int live_screen_blank(const struct term *t);
/* Does a row of t's screen, or of its newest sb scrollback lines, hold
 * needle (exact: read exactly needle)? */
int live_screen_has(const struct term *t, const char *needle, int exact, int sb);

/* Conditions on a session (a struct session *, taken as a live_cond's arg). */
/* The session has ended: EXITED or FAILED. */
int live_ended(void *session);
/* Exec inspect has given the session's pid; while not, ask again (a no-op
 * while an inspect is in flight). */
int live_have_pid(void *session);

/* Read /proc/PID/NAME into buf (at most size - 1 bytes, then a NUL); its
 * length, 0 when it cannot be read. */
size_t live_proc_read(int pid, const char *name, char *buf, size_t size);
/* The start time of process pid on this host (field 22 of /proc/PID/stat,
 * which tells a reused pid apart); 0 when it is gone or a zombie. */
unsigned long long live_proc_start(int pid);
/* Is pid still the process that had start time start? */
int live_proc_alive(int pid, unsigned long long start);

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"); -1 when unread. */
long live_status_kb(const char *field);
/* qsort's comparison for int64_t. */
int live_cmp_i64(const void *x, const void *y);
#endif
