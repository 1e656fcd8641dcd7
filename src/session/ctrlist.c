/* ctrlist.c: the live container list (see ctrlist.h). */
#include "config.h"
#include "session/ctrlist.h"
#include "engine/humanize.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ctrlist_init(struct ctrlist *l, struct conn *conn)
{
	memset(l, 0, sizeof *l);
	l->conn = conn;
}

static void ctr_clear(struct ctr *c)
{
	free(c->id);
	free(c->name);
	free(c->image);
	free(c->state);
	free(c->status);
	memset(c, 0, sizeof *c);
}

void ctrlist_clear(struct ctrlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		ctr_clear(&l->v[i]);
	free(l->v);
	ctrlist_init(l, l->conn);
}

int ctr_running(const struct ctr *c)
{
	return c->state && strcmp(c->state, "running") == 0;
}

static int ctr_cmp(const void *a, const void *b)
{
	const struct ctr *x = a, *y = b;
	int rx = ctr_running(x), ry = ctr_running(y);
	if (rx != ry)
		return ry - rx;
	int c = strcmp(x->name ? x->name : "", y->name ? y->name : "");
	return c ? c : strcmp(x->id, y->id);
}

static void sort(struct ctrlist *l)
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof *l->v, ctr_cmp);
}

struct ctr *ctrlist_find(const struct ctrlist *l, const char *id)
{
	int i = ctrlist_index(l, id);
	return i < 0 ? NULL : &l->v[i];
}

int ctrlist_index(const struct ctrlist *l, const char *id)
{
	if (id == NULL)
		return -1;
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->v[i].id, id) == 0)
			return (int)i;
	return -1;
}

static char *dup0(const char *s) { return xstrdup(s ? s : ""); }

int64_t ctr_parse_duration(const char *s, size_t *used)
{
	static const struct {
		const char *words;
		int64_t ms;
	} fixed[] = {
		{ "Less than a second", 0 }, { "About a minute", 60000 }, { "About an hour", 3600000 },
	};
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		size_t n = strlen(fixed[i].words);
		if (strncmp(s, fixed[i].words, n) == 0) {
			*used = n;
			return fixed[i].ms;
		}
	}
	static const struct {
		const char *unit;
		int64_t ms;
	} units[] = {
		{ "seconds", 1000 }, { "second", 1000 }, { "minutes", 60000 }, { "hours", 3600000 },
		{ "days", 86400000 }, { "weeks", 7 * 86400000LL }, { "months", 30 * 86400000LL },
		{ "years", 365 * 86400000LL },
	};
	const char *p = s;
	int64_t n = 0;
	int digits = 0;
	while (*p >= '0' && *p <= '9' && digits < 6) {
		n = n * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || *p++ != ' ')
		return -1;
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		size_t len = strlen(units[i].unit);
		if (strncmp(p, units[i].unit, len) == 0 && (p[len] == '\0' || p[len] == ' ')) {
			*used = (size_t)(p + len - s);
			return n * units[i].ms;
		}
	}
	return -1;
}

char *ctr_status_at(const struct ctr *c, int64_t now_ms)
{
	size_t used;
	if (!ctr_running(c) || c->started_ms <= 0 || strncmp(c->status, "Up", 2) != 0)
		return xstrdup(c->status);
	/* Keep what follows the engine's duration: " (healthy)", " (Paused)". */
	const char *rest = c->status + 2;
	if (*rest == ' ' && ctr_parse_duration(rest + 1, &used) >= 0)
		rest += 1 + used;
	char d[40];
	humanize_duration(now_ms > c->started_ms ? now_ms - c->started_ms : 0, d, sizeof d);
	return xasprintf("Up %s%s", d, rest);
}

void ctrlist_replace(struct ctrlist *l, const struct container_list *from, int64_t now_ms)
{
	struct ctrlist n;
	ctrlist_init(&n, l->conn);
	n.v = xcalloc(from->n + 1, sizeof *n.v);
	for (size_t i = 0; i < from->n; i++) {
		const struct container *c = &from->v[i];
		struct ctr *d = &n.v[n.n++];
		d->conn = l->conn;
		d->id = dup0(c->id);
		d->name = dup0(c->name);
		d->image = dup0(c->image);
		d->state = dup0(c->state);
		d->status = dup0(c->status);
		d->created = c->created;
		const struct ctr *old = ctrlist_find(l, c->id);
		size_t used;
		int64_t up;
		if (old && old->started_ms > 0)
			d->started_ms = old->started_ms;
		else if (ctr_running(d) && strncmp(d->status, "Up ", 3) == 0 &&
		    (up = ctr_parse_duration(d->status + 3, &used)) >= 0)
			d->started_ms = now_ms - up > 0 ? now_ms - up : 1;
		if (old) {
			if (!ctr_running(d)) {
				d->has_exit_code = old->has_exit_code;
				d->exit_code = old->exit_code;
			}
		}
		/* "Exited (3) 2 minutes ago" carries the code too. */
		if (!d->has_exit_code && strncmp(d->status, "Exited (", 8) == 0) {
			d->has_exit_code = 1;
			d->exit_code = atoi(d->status + 8);
		}
	}
	ctrlist_clear(l);
	*l = n;
	sort(l);
}

static void set(char **dst, const char *v)
{
	free(*dst);
	*dst = xstrdup(v);
}

int ctrlist_apply(struct ctrlist *l, const struct event *ev, int64_t now_ms)
{
	if (ev->type && strcmp(ev->type, "container") != 0)
		return 0;
	const char *a = ev->action;
	int i = ctrlist_index(l, ev->id);
	struct ctr *c = i >= 0 ? &l->v[i] : NULL;
	if (strcmp(a, "destroy") == 0) {
		if (c == NULL)
			return 0;
		ctr_clear(c);
		memmove(c, c + 1, (l->n - (size_t)i - 1) * sizeof *c);
		l->n--;
		return CTRLIST_CHANGED;
	}
	if (strncmp(a, "exec_", 5) == 0 || strcmp(a, "attach") == 0 || strcmp(a, "resize") == 0 ||
	    strcmp(a, "top") == 0 || strcmp(a, "commit") == 0 || strcmp(a, "copy") == 0 ||
	    strcmp(a, "export") == 0 || strncmp(a, "health_status", 13) == 0)
		return 0;
	if (c == NULL) {
		if (strcmp(a, "create") != 0 && strcmp(a, "start") != 0)
			return CTRLIST_REFETCH;
		l->v = xreallocarray(l->v, l->n + 1, sizeof *l->v);
		c = &l->v[l->n++];
		memset(c, 0, sizeof *c);
		c->conn = l->conn;
		c->id = xstrdup(ev->id);
		c->name = dup0(ev->name);
		c->image = dup0(ev->image);
		c->state = xstrdup("created");
		c->status = xstrdup("Created");
		c->created = ev->time_nano / 1000000000;
	}
	int r = CTRLIST_CHANGED;
	if (strcmp(a, "start") == 0 || strcmp(a, "restart") == 0) {
		set(&c->state, "running");
		set(&c->status, "Up");
		c->has_exit_code = 0;
		c->started_ms = now_ms;
		r |= CTRLIST_REFETCH; /* the engine's own status text */
	} else if (strcmp(a, "die") == 0) {
		set(&c->state, "exited");
		c->has_exit_code = ev->has_exit_code;
		c->exit_code = ev->exit_code;
		char *st = ev->has_exit_code ? xasprintf("Exited (%d)", ev->exit_code) : xstrdup("Exited");
		set(&c->status, st);
		free(st);
		c->started_ms = 0;
	} else if (strcmp(a, "pause") == 0) {
		set(&c->state, "paused");
		set(&c->status, "Paused");
	} else if (strcmp(a, "unpause") == 0) {
		set(&c->state, "running");
		set(&c->status, "Up");
	} else if (strcmp(a, "rename") == 0) {
		if (ev->name)
			set(&c->name, ev->name[0] == '/' ? ev->name + 1 : ev->name);
	} else if (strcmp(a, "kill") == 0 || strcmp(a, "stop") == 0 || strcmp(a, "oom") == 0) {
		return 0; /* die follows */
	} else if (strcmp(a, "create") != 0) {
		r |= CTRLIST_REFETCH;
	}
	sort(l);
	return r;
}

int ctr_matches(const struct ctr *c, const char *filter)
{
	if (filter == NULL || *filter == '\0')
		return 1;
	return (c->name && strstr(c->name, filter)) || (c->image && strstr(c->image, filter)) ||
	    strncmp(c->id, filter, strlen(filter)) == 0;
}
