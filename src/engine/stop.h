/* stop.h: stopping an exec's process for real. The Engine API has no call
 * to kill an exec, so: when the engine runs on this host (the exec's Pid is
 * in this pid namespace and its cgroup names the container), signal the
 * process and its descendants, SIGTERM (with SIGHUP for a TTY session, as
 * a closed terminal would) then SIGKILL after a grace period;
 * when it is local but not ours to signal, run `kill` inside the container
 * with the in-container pid; otherwise, for a TTY session, send ^C then ^\.
 * Every route then checks that the process is gone (exec inspect says not
 * running and no pid of the tree is left) and says so truthfully.
 *
 * done runs once from the loop when the procedure is over; stop_free()
 * cancels what is in flight and frees (safe at any time). */
#ifndef PH_STOP_H
#define PH_STOP_H
#include "engine/api.h"
#include "engine/execstream.h"

struct stop;
typedef void (*stop_cb)(void *arg);

#define STOP_GRACE_MS 2000

struct stop *stop_start(struct engine *e, const char *container_id, const char *exec_id,
    struct exec_stream *tty_stream, stop_cb done, void *arg);
/* Tell the procedure the exec stream has ended (a hint to check at once). */
void stop_notify_stream_closed(struct stop *s);
int stop_finished(const struct stop *s);
/* 1 when the process is known to be gone. */
int stop_succeeded(const struct stop *s);
/* One line: "the process (pid 123) was stopped with SIGTERM" etc. */
char *stop_describe(const struct stop *s);
void stop_free(struct stop *s);

/* Helpers (exposed for tests): is host pid a process of container_id? Fill
 * *nspid with its pid inside the container (0 if unknown). */
int stop_pid_in_container(int pid, const char *container_id, int *nspid);

#endif
