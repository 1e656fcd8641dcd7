/* stop.c: the stop procedure of stop.h. Used by `porthole exec` on timeout
 * or interrupt, and by the console when a running tab is closed. */
#include "config.h"
#include "engine/stop.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum stop_route { ROUTE_NONE, ROUTE_HOST, ROUTE_CONTAINER, ROUTE_TTY };

struct stop {
	struct engine *e;
	char *ctr, *exec_id;
	struct exec_stream *tty;
	stop_cb done;
	void *arg;
	struct engine_call *call;
	struct loop_timer *tick;
	enum stop_route route;
	int pid, nspid;
	int *tree;
	size_t ntree;
	int phase;          /* 0 TERM sent, 1 KILL sent */
	int pid_tries;
	int64_t phase_at;
	int finished, succeeded, already_done;
	int exec_running;   /* last inspect said running */
	char *why_not;      /* when it could not be stopped */
	const char *signame;
};

static int proc_state(int pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

int stop_pid_in_container(int pid, const char *container_id, int *nspid)
{
	char path[64];
	*nspid = 0;
	if (pid <= 0 || container_id == NULL || strlen(container_id) < 12)
		return 0;
	/* A zombie has ended: it only waits for a parent that may never reap
	 * it (a container whose pid 1 is not an init). */
	int st = proc_state(pid);
	if (st == 0 || st == 'Z' || st == 'X')
		return 0;
	snprintf(path, sizeof path, "/proc/%d/cgroup", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	char line[4096];
	int match = 0;
	while (fgets(line, sizeof line, f))
		if (strstr(line, container_id))
			match = 1;
	fclose(f);
	if (!match)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	f = fopen(path, "r");
	if (f) {
		while (fgets(line, sizeof line, f))
			if (strncmp(line, "NSpid:", 6) == 0) {
				char *p = line + 6, *end;
				long v;
				while ((v = strtol(p, &end, 10)), end != p) {
					*nspid = (int)v;
					p = end;
				}
			}
		fclose(f);
	}
	return 1;
}

static int proc_ppid(int pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	int ppid = -1;
	if (p && sscanf(p + 1, " %*c %d", &ppid) != 1)
		ppid = -1;
	return ppid;
}

/* The process and every descendant that still belongs to the container. */
static void collect_tree(struct stop *s)
{
	size_t cap = 16;
	int *t = xmalloc(cap * sizeof *t), ns;
	size_t n = 0;
	if (stop_pid_in_container(s->pid, s->ctr, &ns))
		t[n++] = s->pid;
	for (size_t i = 0; i < s->ntree; i++) {
		int found = 0;
		for (size_t j = 0; j < n; j++)
			found |= t[j] == s->tree[i];
		if (!found && stop_pid_in_container(s->tree[i], s->ctr, &ns)) {
			if (n == cap)
				t = xreallocarray(t, cap *= 2, sizeof *t);
			t[n++] = s->tree[i];
		}
	}
	int grew = 1;
	while (grew && n > 0) {
		grew = 0;
		DIR *d = opendir("/proc");
		struct dirent *de;
		while (d && (de = readdir(d)) != NULL) {
			int pid = atoi(de->d_name);
			if (pid <= 0)
				continue;
			int have = 0;
			for (size_t j = 0; j < n; j++)
				have |= t[j] == pid;
			if (have)
				continue;
			int pp = proc_ppid(pid);
			for (size_t j = 0; j < n && !have; j++)
				if (pp == t[j] && stop_pid_in_container(pid, s->ctr, &ns)) {
					if (n == cap)
						t = xreallocarray(t, cap *= 2, sizeof *t);
					t[n++] = pid;
					have = grew = 1;
				}
		}
		if (d)
			closedir(d);
	}
	free(s->tree);
	s->tree = t;
	s->ntree = n;
}

static void finish(struct stop *s, int ok)
{
	if (s->finished)
		return;
	s->finished = 1;
	s->succeeded = ok;
	loop_timer_stop(s->tick);
	if (s->done)
		s->done(s->arg);
}

static void on_inspect(const struct engine_error *err, const struct exec_info *x, void *arg);

static void check(struct stop *s)
{
	if (s->call == NULL && !s->finished)
		s->call = engine_exec_inspect(s->e, s->exec_id, on_inspect, s);
}

static void escalate(struct stop *s)
{
	int64_t now = loop_now_ms();
	if (now - s->phase_at < (s->phase == 0 ? STOP_GRACE_MS : STOP_GRACE_MS)) {
		loop_timer_start(s->tick, 50);
		return;
	}
	if (s->phase == 1) {
		s->why_not = xasprintf("still running %d ms after %s", 2 * STOP_GRACE_MS, s->signame);
		finish(s, 0);
		return;
	}
	s->phase = 1;
	s->phase_at = now;
	switch (s->route) {
	case ROUTE_HOST:
		collect_tree(s);
		for (size_t i = 0; i < s->ntree; i++)
			kill(s->tree[i], SIGKILL);
		s->signame = "SIGKILL";
		break;
	case ROUTE_TTY:
		exec_stream_write(s->tty, "\x1c", 1); /* ^\ : SIGQUIT in the foreground */
		s->signame = "^C then ^\\ on its TTY";
		break;
	default:
		break;
	}
	loop_timer_start(s->tick, 50);
}

static void on_tick(void *arg)
{
	check(arg);
}

static void tree_gone(struct stop *s, int *gone)
{
	*gone = 1;
	for (size_t i = 0; i < s->ntree; i++) {
		int ns;
		if (stop_pid_in_container(s->tree[i], s->ctr, &ns))
			*gone = 0;
	}
}

static void on_killed_in_ctr(const struct engine_error *err, void *arg);

/* A call of the kill-inside-the-container route answered: 1 to go on, 0
 * when it failed (the procedure is then over). */
static int kill_call_ok(struct stop *s, const struct engine_error *err)
{
	s->call = NULL;
	if (err == NULL)
		return 1;
	s->why_not = xasprintf("kill inside the container failed: %s", err->message);
	finish(s, 0);
	return 0;
}

static void on_kill_exec(const struct engine_error *err, const char *id, void *arg)
{
	struct stop *s = arg;
	if (kill_call_ok(s, err))
		s->call = engine_exec_start_detached(s->e, id, 0, on_killed_in_ctr, s);
}

static void on_killed_in_ctr(const struct engine_error *err, void *arg)
{
	struct stop *s = arg;
	if (kill_call_ok(s, err))
		loop_timer_start(s->tick, 50);
}

static void kill_in_container(struct stop *s, const char *sig)
{
	char pid[16];
	snprintf(pid, sizeof pid, "%d", s->nspid);
	struct exec_config cfg;
	memset(&cfg, 0, sizeof cfg);
	strv_push(&cfg.cmd, "kill");
	strv_push(&cfg.cmd, sig);
	strv_push(&cfg.cmd, pid);
	cfg.user = "0";
	s->call = engine_exec_create(s->e, s->ctr, &cfg, on_kill_exec, s);
	strv_clear(&cfg.cmd);
}

static void first_move(struct stop *s)
{
	s->phase_at = loop_now_ms();
	int ns = 0;
	if (stop_pid_in_container(s->pid, s->ctr, &ns)) {
		s->nspid = ns;
		collect_tree(s);
		int sent = 0, eperm = 0;
		/* A TTY session's shell ignores SIGTERM but, like a closed
		 * terminal's, ends on SIGHUP. */
		for (size_t i = 0; i < s->ntree; i++) {
			if (s->tty)
				kill(s->tree[i], SIGHUP);
			if (kill(s->tree[i], SIGTERM) == 0)
				sent++;
			else if (errno == EPERM)
				eperm++;
		}
		if (sent > 0) {
			s->route = ROUTE_HOST;
			s->signame = s->tty ? "SIGHUP and SIGTERM" : "SIGTERM";
			loop_timer_start(s->tick, 20);
			return;
		}
		if (eperm > 0 && s->nspid > 0) {
			s->route = ROUTE_CONTAINER;
			s->signame = "kill -TERM inside the container";
			kill_in_container(s, "-TERM");
			return;
		}
	}
	if (s->tty) {
		s->route = ROUTE_TTY;
		s->signame = "^C on its TTY";
		exec_stream_write(s->tty, "\x03", 1);
		loop_timer_start(s->tick, 50);
		return;
	}
	s->why_not = xstrdup("the engine is not on this host and the exec has no TTY, so no signal can reach it");
	finish(s, 0);
}

static void on_inspect(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct stop *s = arg;
	s->call = NULL;
	if (err) {
		s->why_not = xasprintf("cannot inspect the exec: %s", err->message);
		finish(s, 0);
		return;
	}
	s->exec_running = x->running;
	if (s->pid == 0) {
		/* Just started: the engine may not know the pid yet. */
		if (x->running && x->pid == 0 && s->pid_tries++ < 100) {
			loop_timer_start(s->tick, 20);
			return;
		}
		s->pid = x->pid;
		/* The caller may have named the container; the cgroup check
		 * needs its full id, which the exec knows. */
		if (x->container_id && *x->container_id) {
			free(s->ctr);
			s->ctr = xstrdup(x->container_id);
		}
		if (!x->running) {
			s->already_done = 1;
			finish(s, 1);
			return;
		}
		first_move(s);
		return;
	}
	int gone = 1;
	if (s->route == ROUTE_HOST || s->route == ROUTE_CONTAINER)
		tree_gone(s, &gone);
	if (!x->running && gone) {
		finish(s, 1);
		return;
	}
	if (s->route == ROUTE_CONTAINER && s->phase == 0 &&
	    loop_now_ms() - s->phase_at >= STOP_GRACE_MS) {
		s->phase = 1;
		s->phase_at = loop_now_ms();
		s->signame = "kill -KILL inside the container";
		kill_in_container(s, "-KILL");
		return;
	}
	escalate(s);
}

struct stop *stop_start(struct engine *e, const char *container_id, const char *exec_id,
    struct exec_stream *tty_stream, stop_cb done, void *arg)
{
	struct stop *s = xcalloc(1, sizeof *s);
	s->e = e;
	s->ctr = xstrdup(container_id ? container_id : "");
	s->exec_id = xstrdup(exec_id);
	s->tty = tty_stream;
	s->done = done;
	s->arg = arg;
	s->tick = loop_timer_new(engine_loop(e), on_tick, s);
	check(s);
	return s;
}

void stop_notify_stream_closed(struct stop *s)
{
	s->tty = NULL;
	if (!s->finished && s->pid != 0)
		loop_timer_start(s->tick, 0);
}

int stop_finished(const struct stop *s) { return s->finished; }
int stop_succeeded(const struct stop *s) { return s && s->succeeded; }

char *stop_describe(const struct stop *s)
{
	if (s == NULL)
		return xstrdup("the process was not stopped");
	if (s->already_done)
		return xstrdup("the process had already ended");
	if (s->succeeded)
		return xasprintf("the process (pid %d) was stopped with %s", s->pid, s->signame);
	if (!s->finished)
		return xasprintf("stopping the process (pid %d) is still under way", s->pid);
	return xasprintf("the process (pid %d) could NOT be stopped: %s; it may still be running",
	    s->pid, s->why_not ? s->why_not : "unknown reason");
}

void stop_free(struct stop *s)
{
	if (s == NULL)
		return;
	engine_call_cancel(s->call);
	loop_timer_free(s->tick);
	free(s->ctr);
	free(s->exec_id);
	free(s->tree);
	free(s->why_not);
	free(s);
}
