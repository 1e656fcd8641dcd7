/* live.c: helpers for the programs that drive porthole against a real
 * engine (see live.h). They wait only through live_run_until(), which turns
 * the caller's loop, and print nothing. */
#include "config.h"
#include "live.h"
#include "core/xmalloc.h"
#include "engine/endpoint.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- waiting ---- */

int live_run_until(struct loop *loop, live_cond cond, void *arg, int ms)
{
	int64_t end = loop_now_ms() + ms;
	while (!cond(arg)) {
		int64_t left = end - loop_now_ms();
		if (left <= 0)
			return cond(arg);
		if (loop_run_once(loop, left < 50 ? left : 50) < 0)
			return 0;
	}
	return 1;
}

static int never(void *arg)
{
	(void)arg;
	return 0;
}

void live_run_for(struct loop *loop, int ms)
{
	live_run_until(loop, never, NULL, ms);
}

/* ---- the engine ---- */

struct engine *live_engine_new(struct loop *loop, const char *host, char **cause)
{
	struct endpoint ep;
	*cause = NULL;
	if (endpoint_parse(host, &ep, cause) != 0)
		return NULL;
	struct engine *e = engine_new(loop, &ep);
	endpoint_clear(&ep);
	return e;
}

struct negotiation {
	int done;
	char *error;
};

static void on_negotiated(const struct engine_error *err, const struct engine_version *v, void *arg)
{
	struct negotiation *n = arg;
	(void)v;
	n->done = 1;
	if (err)
		n->error = xstrdup(err->message);
}

static int negotiated(void *arg)
{
	const struct negotiation *n = arg;
	return n->done;
}

int live_negotiate(struct loop *loop, struct engine *e, int ms, char **cause)
{
	struct negotiation n = { 0, NULL };
	struct engine_call *call = engine_negotiate(e, on_negotiated, &n);
	live_run_until(loop, negotiated, &n, ms);
	if (!n.done) {
		engine_call_cancel(call); /* n goes away with this frame */
		*cause = NULL;
		return -1;
	}
	*cause = n.error;
	return n.error ? -1 : 0;
}

/* ---- the console model ---- */

void live_app_ignore(struct app *a, int what, void *arg)
{
	(void)a;
	(void)what;
	(void)arg;
}

const struct ctr *live_find_ctr(const struct app *a, const char *name, const char *state)
{
	const struct ctrlist *l = app_containers(a);
	for (size_t i = 0; i < l->n; i++) {
		const struct ctr *c = &l->v[i];
		if (c->name && strcmp(c->name, name) == 0 &&
		    (state == NULL || (c->state && strcmp(c->state, state) == 0)))
			return c;
	}
	return NULL;
}

void live_spec(struct session_spec *spec, const char *id, const char *name, const char *const *cmd)
{
	memset(spec, 0, sizeof *spec);
	spec->container_id = (char *)id;
	spec->container_name = (char *)name;
	for (size_t i = 0; cmd && cmd[i]; i++)
		strv_push(&spec->cmd, cmd[i]);
}

int live_open_tab(struct app *a, const char *id, const char *name, const char *const *cmd)
{
	struct session_spec spec;
	live_spec(&spec, id, name, cmd);
	int i = app_open(a, NULL, &spec);
	strv_clear(&spec.cmd);
	return i;
}

/* ---- screens ---- */

int live_screen_blank(const struct term *t)
{
	int rows, cols;
	term_size(t, &rows, &cols);
	for (int r = 0; r < rows; r++) {
		char *x = term_row_text(t, r);
		int blank = x == NULL || *x == '\0';
		free(x);
		if (!blank)
			return 0;
	}
	return 1;
}

int live_screen_has(const struct term *t, const char *needle, int exact, int sb)
{
	int rows, cols, lines = term_scrollback_lines(t);
	term_size(t, &rows, &cols);
	for (int r = -(sb < lines ? sb : lines); r < rows; r++) {
		char *x = term_row_text(t, r);
		int hit = x && (exact ? strcmp(x, needle) == 0 : strstr(x, needle) != NULL);
		free(x);
		if (hit)
			return 1;
	}
	return 0;
}

/* ---- sessions ---- */

int live_ended(void *session)
{
	enum session_state st = session_state(session);
	return st == SESSION_EXITED || st == SESSION_FAILED;
}

int live_have_pid(void *session)
{
	struct session *s = session;
	const struct exec_info *x = session_info(s);
	if (x && x->pid > 0)
		return 1;
	session_refresh_info(s); /* no-op while one is in flight */
	return 0;
}

/* ---- processes ---- */

size_t live_proc_read(int pid, const char *name, char *buf, size_t size)
{
	char path[96];
	size_t n = 0;
	snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
	FILE *f = fopen(path, "r");
	if (f) {
		n = fread(buf, 1, size - 1, f);
		fclose(f);
	}
	buf[n] = '\0';
	return n;
}

unsigned long long live_proc_start(int pid)
{
	char st[1024];
	unsigned long long start;
	if (pid <= 0 || live_proc_read(pid, "stat", st, sizeof st) == 0)
		return 0;
	/* The command (field 2) may hold spaces and parentheses: count from
	 * its last ')'. */
	const char *q = strrchr(st, ')');
	if (q == NULL || q[1] != ' ' || q[2] == 'Z')
		return 0;
	/* Field 22, the start time: 19 fields past the state (field 3). */
	q += 2;
	for (int i = 0; i < 19 && q; i++) {
		q = strchr(q, ' ');
		if (q)
			q++;
	}
	if (q == NULL || sscanf(q, "%llu", &start) != 1)
		return 0;
	return start;
}

int live_proc_alive(int pid, unsigned long long start)
{
	unsigned long long now = live_proc_start(pid);
	return now != 0 && now == start;
}

/* ---- this process ---- */

long live_status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	size_t n = strlen(field);
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof line, f))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			sscanf(line + n + 1, "%ld", &kb);
	fclose(f);
	return kb;
}

int live_cmp_i64(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}
