/* engines.c: several engines at once for the headless commands (see
 * cli.h): each -H and --context opened on its own and negotiated
 * concurrently, so that a dead or slow one costs only its own timeout;
 * ENGINE/CONTAINER names; a container name looked for on every engine. */
#include "config.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int cli_multi(const struct cli_global *g) { return g->nengines > 1; }

static void opened(const struct engine_error *err, const struct engine_version *v, void *arg)
{
	struct cli_engine *ce = arg;
	(void)v;
	ce->pending = 0;
	if (err)
		ce->error = xstrdup(err->message);
}

static int any_pending(const struct cli_engines *es)
{
	for (size_t i = 0; i < es->n; i++)
		if (es->v[i].pending)
			return 1;
	return 0;
}

void cli_engines_wait(struct cli_engines *es)
{
	while (any_pending(es))
		if (loop_run_once(es->loop, -1) < 0)
			break;
}

/* One -H or --context as the only engine of g (for endpoint_candidates). */
static struct cli_global single(const struct cli_global *g, size_t i)
{
	struct cli_global one = *g;
	one.host = g->engines[i].is_context ? NULL : g->engines[i].spec;
	one.context = g->engines[i].is_context ? g->engines[i].spec : NULL;
	one.nengines = 1;
	return one;
}

void cli_engines_open(const struct cli_global *g, struct cli_engines *es)
{
	es->loop = loop_new();
	es->n = g->nengines;
	es->v = xcalloc(es->n ? es->n : 1, sizeof *es->v);
	for (size_t i = 0; i < es->n; i++) {
		struct cli_engine *ce = &es->v[i];
		ce->name = xstrdup(g->engines[i].spec);
		struct cli_global one = single(g, i);
		struct endpoint_opts o = { one.host, g->tls, g->tls_no_verify, g->cert_path, one.context };
		struct endpoint *list;
		size_t n;
		char *cause = NULL;
		if (endpoint_candidates(&o, getenv, &list, &n, &cause) != 0 || n == 0) {
			ce->error = cause ? cause : xstrdup("no endpoint");
			continue;
		}
		ce->e = engine_new(es->loop, &list[0]);
		if (g->timeout_ms > 0)
			engine_set_timeout(ce->e, g->timeout_ms);
		for (size_t k = 0; k < n; k++)
			endpoint_clear(&list[k]);
		free(list);
		ce->pending = 1;
		engine_negotiate(ce->e, opened, ce);
	}
	cli_engines_wait(es);
}

struct engine *cli_engine_new(const struct cli_global *g, const char *spec, int is_context, struct loop *loop,
    char **cause)
{
	struct cli_global one = *g;
	if (spec) {
		one.host = is_context ? NULL : spec;
		one.context = is_context ? spec : NULL;
	}
	struct endpoint_opts o = { one.host, g->tls, g->tls_no_verify, g->cert_path, one.context };
	struct endpoint *list;
	size_t n;
	if (endpoint_candidates(&o, getenv, &list, &n, cause) != 0)
		return NULL;
	if (n == 0) {
		free(list);
		*cause = xstrdup("no endpoint to try");
		return NULL;
	}
	/* Of the default sockets, the first that exists. */
	size_t pick = 0;
	for (size_t i = 0; n > 1 && i < n; i++) {
		struct stat st;
		if (list[i].kind == ENDPOINT_UNIX && stat(list[i].path, &st) == 0 && S_ISSOCK(st.st_mode)) {
			pick = i;
			break;
		}
	}
	struct engine *e = engine_new(loop, &list[pick]);
	if (g->timeout_ms > 0)
		engine_set_timeout(e, g->timeout_ms);
	for (size_t i = 0; i < n; i++)
		endpoint_clear(&list[i]);
	free(list);
	return e;
}

int cli_spec_is_context(const char *spec)
{
	return strstr(spec, "://") == NULL && spec[0] != '/';
}

void cli_engines_close(struct cli_engines *es)
{
	for (size_t i = 0; i < es->n; i++) {
		engine_free(es->v[i].e);
		free(es->v[i].name);
		free(es->v[i].error);
	}
	free(es->v);
	loop_free(es->loop);
	memset(es, 0, sizeof *es);
}

/* ---- which engine has the container ---- */

struct probe {
	struct cli_engine *ce;
	int pending, found;
};

static void probed(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct probe *p = arg;
	(void)c;
	p->pending = 0;
	p->found = err == NULL;
	if (err && err->status != 404 && p->ce->error == NULL)
		p->ce->error = xstrdup(err->message);
}

int cli_pick_engine(const struct cli_global *g, const char *target, struct cli_global *one,
    const char **container)
{
	*one = *g;
	*container = target;
	if (!cli_multi(g) || target == NULL)
		return 0;
	/* ENGINE/CONTAINER: a container's name has no '/', an address may. */
	const char *slash = strrchr(target, '/');
	if (slash) {
		for (size_t i = 0; i < g->nengines; i++)
			if (strlen(g->engines[i].spec) == (size_t)(slash - target) &&
			    strncmp(g->engines[i].spec, target, (size_t)(slash - target)) == 0) {
				*one = single(g, i);
				*container = slash + 1;
				return 0;
			}
		char *safe = str_inert(target);
		cli_error("no engine named in \"%s\" (give ENGINE/CONTAINER with an ENGINE of -H or --context)", safe);
		free(safe);
		return -1;
	}
	struct cli_engines es;
	cli_engines_open(g, &es);
	struct probe *p = xcalloc(es.n, sizeof *p);
	for (size_t i = 0; i < es.n; i++) {
		p[i].ce = &es.v[i];
		if (es.v[i].e && !es.v[i].error) {
			p[i].pending = 1;
			engine_container_inspect(es.v[i].e, target, probed, &p[i]);
		}
	}
	for (;;) {
		int left = 0;
		for (size_t i = 0; i < es.n; i++)
			left |= p[i].pending;
		if (!left || loop_run_once(es.loop, -1) < 0)
			break;
	}
	struct buf on, all, bad;
	buf_init(&on);
	buf_init(&all);
	buf_init(&bad);
	size_t found = 0, pick = 0;
	for (size_t i = 0; i < es.n; i++) {
		buf_addf(&all, "%s%s", all.len ? ", " : "", es.v[i].name);
		if (p[i].found) {
			buf_addf(&on, "%s%s", on.len ? " and " : "", es.v[i].name);
			found++;
			pick = i;
		} else if (es.v[i].error) {
			buf_addf(&bad, "; %s: %s", es.v[i].name, es.v[i].error);
		}
	}
	char *safe = str_inert(target);
	int rc = 0;
	if (found == 1) {
		*one = single(g, pick);
	} else if (found == 0) {
		cli_error("no such container on any engine (%s): %s%s", buf_ptr(&all), safe, buf_ptr(&bad));
		rc = -1;
	} else {
		cli_error("%s is on more than one engine (%s): give ENGINE/%s", safe, buf_ptr(&on), safe);
		rc = -1;
	}
	free(safe);
	buf_free(&on);
	buf_free(&all);
	buf_free(&bad);
	free(p);
	cli_engines_close(&es);
	return rc;
}
