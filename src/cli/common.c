/* common.c: what the headless commands share: finding and opening the
 * engine, running one command's calls on it to the end, error output. */
#include "config.h"
#include "cli/cli.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;
	fflush(stdout);
	fputs("porthole: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

struct probe {
	int done;
	char *error;
};

static void probe_done(const struct engine_error *err, const struct engine_version *v, void *arg)
{
	struct probe *p = arg;
	p->done = 1;
	if (err)
		p->error = xstrdup(err->message);
}

int cli_engine_open(const struct cli_global *g, struct loop **loopp, struct engine **enginep,
    char **cause)
{
	struct endpoint_opts o = { g->host, g->tls, g->tls_no_verify, g->cert_path, g->context };
	struct endpoint *list;
	size_t n;
	*loopp = NULL;
	*enginep = NULL;
	if (endpoint_candidates(&o, getenv, &list, &n, cause) != 0)
		return -1;
	struct loop *loop = loop_new();
	struct buf tried;
	buf_init(&tried);
	struct engine *found = NULL;
	for (size_t i = 0; i < n; i++) {
		struct engine *e = engine_new(loop, &list[i]);
		if (g->timeout_ms > 0)
			engine_set_timeout(e, g->timeout_ms);
		struct probe p = { 0, NULL };
		engine_negotiate(e, probe_done, &p);
		engine_wait(e, &p.done);
		if (p.error == NULL && found == NULL) {
			found = e;
		} else {
			buf_addf(&tried, "%s%s", tried.len ? "; " : "", p.error ? p.error : "?");
			engine_free(e);
		}
		free(p.error);
		if (found)
			break;
	}
	for (size_t i = 0; i < n; i++)
		endpoint_clear(&list[i]);
	free(list);
	if (found == NULL) {
		*cause = xasprintf("no container engine answers (%s); set DOCKER_HOST or use -H",
		    buf_ptr(&tried));
		buf_free(&tried);
		loop_free(loop);
		return -1;
	}
	buf_free(&tried);
	*loopp = loop;
	*enginep = found;
	return 0;
}

void cli_engine_close(struct loop *loop, struct engine *engine)
{
	engine_free(engine);
	loop_free(loop);
}

int cli_with_engine(const struct cli_global *g, void (*start)(struct engine *e, void *arg),
    void (*end)(void *arg), void *arg, const int *done, char **cause)
{
	struct loop *loop;
	struct engine *e;
	char *why;
	if (cli_engine_open(g, &loop, &e, &why) != 0) {
		cli_error("%s", why);
		if (cause)
			*cause = why;
		else
			free(why);
		return -1;
	}
	start(e, arg);
	engine_wait(e, done);
	if (end)
		end(arg);
	cli_engine_close(loop, e);
	return 0;
}

int cli_write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd pfd = { fd, POLLOUT, 0 };
			poll(&pfd, 1, 100);
			continue;
		}
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}
