/* endpoint.c: host string parsing and the endpoint search order of
 * endpoint.h. Called by the CLI and the console at start. */
#include "config.h"
#include "engine/endpoint.h"
#include "engine/context.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

void endpoint_clear(struct endpoint *ep)
{
	free(ep->path);
	free(ep->host);
	free(ep->user);
	free(ep->ca);
	free(ep->cert);
	free(ep->key);
	free(ep->display);
	memset(ep, 0, sizeof *ep);
}

static char *dupnull(const char *s) { return s ? xstrdup(s) : NULL; }

void endpoint_copy(struct endpoint *dst, const struct endpoint *src)
{
	*dst = *src;
	dst->path = dupnull(src->path);
	dst->host = dupnull(src->host);
	dst->user = dupnull(src->user);
	dst->ca = dupnull(src->ca);
	dst->cert = dupnull(src->cert);
	dst->key = dupnull(src->key);
	dst->display = dupnull(src->display);
}

static int fail(char **cause, const char *spec, const char *why)
{
	if (cause)
		*cause = xasprintf("bad engine address \"%s\": %s", spec, why);
	return -1;
}

/* A port after ':' at p: 1 to 65535, ending the address or before a '/'.
 * Sets *port and returns the end, or NULL. */
static const char *parse_port(const char *p, int *port)
{
	char *end;
	long v = strtol(p, &end, 10);
	if (end == p || (*end != '\0' && *end != '/') || v < 1 || v > 65535)
		return NULL;
	*port = (int)v;
	return end;
}

/* A user or host name as ssh takes it on its command line: no option
 * (nothing starting with '-'), no shell or ssh syntax. */
static int ssh_word_ok(const char *s, size_t n, const char *also)
{
	if (n == 0 || s[0] == '-')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    strchr("._-", c) || (also && strchr(also, c))))
			return 0;
	}
	return 1;
}

/* ssh://[user@]host[:port][/socket/path] */
static int parse_ssh(const char *spec, struct endpoint *ep, char **cause)
{
	const char *rest = spec + 6, *at = strchr(rest, '@'), *slash = strchr(rest, '/');
	if (at && slash && at > slash)
		at = NULL;
	if (at) {
		if (!ssh_word_ok(rest, (size_t)(at - rest), NULL))
			return fail(cause, spec, "bad ssh user name");
		ep->user = xstrndup(rest, (size_t)(at - rest));
		rest = at + 1;
	}
	size_t hl;
	if (rest[0] == '[') {
		const char *e = strchr(rest, ']');
		if (e == NULL || !ssh_word_ok(rest + 1, (size_t)(e - rest - 1), ":")) {
			endpoint_clear(ep);
			return fail(cause, spec, "bad ssh host");
		}
		ep->host = xstrndup(rest + 1, (size_t)(e - rest - 1));
		rest = e + 1;
	} else {
		hl = strcspn(rest, ":/");
		if (!ssh_word_ok(rest, hl, NULL)) {
			endpoint_clear(ep);
			return fail(cause, spec, hl ? "bad ssh host" : "no host");
		}
		ep->host = xstrndup(rest, hl);
		rest += hl;
	}
	if (*rest == ':' && (rest = parse_port(rest + 1, &ep->port)) == NULL) {
		endpoint_clear(ep);
		return fail(cause, spec, "bad port");
	}
	if (*rest == '/' && rest[1] != '\0') {
		if (!ssh_word_ok(rest + 1, strlen(rest + 1), "/") || strlen(rest) > 107) {
			endpoint_clear(ep);
			return fail(cause, spec, "bad socket path on the ssh host");
		}
		ep->path = xstrdup(rest);
	} else if (*rest != '\0' && strcmp(rest, "/") != 0) {
		endpoint_clear(ep);
		return fail(cause, spec, "junk after the host");
	}
	ep->kind = ENDPOINT_SSH;
	char port[16] = "";
	if (ep->port)
		snprintf(port, sizeof port, ":%d", ep->port);
	ep->display = xasprintf("ssh://%s%s%s%s%s%s%s", ep->user ? ep->user : "", ep->user ? "@" : "",
	    strchr(ep->host, ':') ? "[" : "", ep->host, strchr(ep->host, ':') ? "]" : "", port,
	    ep->path ? ep->path : "");
	return 0;
}

int endpoint_parse(const char *spec, struct endpoint *ep, char **cause)
{
	memset(ep, 0, sizeof *ep);
	if (spec == NULL || *spec == '\0')
		return fail(cause, "", "empty");
	if (strncmp(spec, "unix://", 7) == 0 || spec[0] == '/') {
		const char *p = spec[0] == '/' ? spec : spec + 7;
		if (*p != '/')
			return fail(cause, spec, "a unix socket path must be absolute");
		if (strlen(p) > 107)
			return fail(cause, spec, "unix socket path longer than 107 bytes");
		ep->kind = ENDPOINT_UNIX;
		ep->path = xstrdup(p);
		ep->display = xasprintf("unix://%s", p);
		return 0;
	}
	if (strncmp(spec, "ssh://", 6) == 0)
		return parse_ssh(spec, ep, cause);
	const char *rest;
	int tls = 0;
	if (strncmp(spec, "tcp://", 6) == 0)
		rest = spec + 6;
	else if (strncmp(spec, "http://", 7) == 0)
		rest = spec + 7;
	else if (strncmp(spec, "https://", 8) == 0) {
		rest = spec + 8;
		tls = 1;
	} else if (strstr(spec, "://") != NULL)
		return fail(cause, spec, "unsupported scheme (use unix://, tcp:// or ssh://)");
	else
		rest = spec; /* host:port */

	size_t hl;
	const char *portp;
	if (rest[0] == '[') { /* [v6]:port */
		const char *e = strchr(rest, ']');
		if (e == NULL)
			return fail(cause, spec, "unclosed [");
		ep->host = xstrndup(rest + 1, (size_t)(e - rest - 1));
		portp = e[1] == ':' ? e + 2 : NULL;
		if (e[1] != '\0' && e[1] != ':' && e[1] != '/') {
			endpoint_clear(ep);
			return fail(cause, spec, "junk after ]");
		}
	} else {
		hl = strcspn(rest, ":/");
		ep->host = xstrndup(rest, hl);
		portp = rest[hl] == ':' ? rest + hl + 1 : NULL;
	}
	if (ep->host[0] == '\0') {
		endpoint_clear(ep);
		return fail(cause, spec, "no host");
	}
	ep->port = tls ? 2376 : 2375;
	if (portp != NULL && parse_port(portp, &ep->port) == NULL) {
		endpoint_clear(ep);
		return fail(cause, spec, "bad port");
	}
	ep->kind = ENDPOINT_TCP;
	ep->tls = tls;
	ep->tls_verify = tls;
	if (strchr(ep->host, ':'))
		ep->display = xasprintf("tcp://[%s]:%d", ep->host, ep->port);
	else
		ep->display = xasprintf("tcp://%s:%d", ep->host, ep->port);
	return 0;
}

static void push(struct endpoint **list, size_t *n, struct endpoint *ep)
{
	*list = xreallocarray(*list, *n + 1, sizeof **list);
	(*list)[(*n)++] = *ep;
}

static void apply_tls(struct endpoint *ep, const struct endpoint_opts *o,
    char *(*get)(const char *), int from_env)
{
	if (ep->kind != ENDPOINT_TCP)
		return;
	const char *verify = get("DOCKER_TLS_VERIFY");
	int want_verify = from_env && verify && *verify && strcmp(verify, "0") != 0;
	if (o->tls || want_verify || ep->port == 2376 || ep->tls)
		ep->tls = 1;
	/* Verified by default: only an explicit --tls-no-verify turns it off. */
	ep->tls_verify = ep->tls && !o->tls_no_verify;
	if (!ep->tls)
		return;
	const char *dir = o->cert_path ? o->cert_path : get("DOCKER_CERT_PATH");
	char *home = NULL;
	if (dir == NULL || *dir == '\0') {
		const char *h = get("HOME");
		home = xasprintf("%s/.docker", h ? h : "");
		dir = home;
	}
	const char *names[3] = { "ca.pem", "cert.pem", "key.pem" };
	char **dst[3] = { &ep->ca, &ep->cert, &ep->key };
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s/%s", dir, names[i]);
		struct stat st;
		if (stat(p, &st) == 0)
			*dst[i] = p;
		else
			free(p);
	}
	free(home);
}

/* The endpoint of a stored context. 0, 1 for "default" (not stored: the
 * caller goes on as without a context), or -1 with a cause. */
static int context_endpoint(const char *name, char *(*get)(const char *), struct endpoint *ep,
    char **cause)
{
	if (strcmp(name, "default") == 0)
		return 1;
	char *dir = context_store_dir(get);
	struct context c;
	int r = context_load(dir, name, &c, cause);
	free(dir);
	if (r != 0)
		return -1;
	if (c.host == NULL) {
		*cause = xasprintf("context \"%s\" has no docker endpoint", name);
		context_clear(&c);
		return -1;
	}
	char *why = NULL;
	if (endpoint_parse(c.host, ep, &why) != 0) {
		*cause = xasprintf("context \"%s\": %s", name, why);
		free(why);
		context_clear(&c);
		return -1;
	}
	if (ep->kind == ENDPOINT_TCP && (c.ca || c.cert || c.key || ep->tls)) {
		ep->tls = 1;
		ep->tls_verify = !c.skip_tls_verify;
		ep->ca = c.ca;
		ep->cert = c.cert;
		ep->key = c.key;
		c.ca = c.cert = c.key = NULL;
	}
	context_clear(&c);
	return 0;
}

int endpoint_candidates(const struct endpoint_opts *o, char *(*get)(const char *),
    struct endpoint **list, size_t *n, char **cause)
{
	struct endpoint ep;
	*list = NULL;
	*n = 0;
	const char *spec = o->host;
	int from_env = 0;
	int has_host = spec != NULL && *spec != '\0';
	int has_context = o->context != NULL && *o->context != '\0';
	if (has_host && has_context) {
		*cause = xstrdup("give either -H/--host or --context, not both");
		return -1;
	}
	if (has_context) {
		int r = context_endpoint(o->context, get, &ep, cause);
		if (r < 0)
			return -1;
		if (r == 0) {
			push(list, n, &ep);
			return 0;
		}
		/* "default": DOCKER_HOST is ignored by the CLI as well. */
		goto sockets;
	}
	if (!has_host) {
		spec = get("DOCKER_HOST");
		from_env = 1;
	}
	if (spec == NULL || *spec == '\0') {
		char *why = NULL;
		char *cur = context_current(get, &why);
		if (cur == NULL) {
			*cause = why;
			return -1;
		}
		int r = context_endpoint(cur, get, &ep, cause);
		free(cur);
		if (r < 0)
			return -1;
		if (r == 0) {
			push(list, n, &ep);
			return 0;
		}
	}
	if (spec != NULL && *spec != '\0') {
		if (endpoint_parse(spec, &ep, cause) != 0)
			return -1;
		apply_tls(&ep, o, get, from_env);
		push(list, n, &ep);
		return 0;
	}
sockets:;
	const char *xdg = get("XDG_RUNTIME_DIR");
	char *socks[3];
	int ns = 0;
	socks[ns++] = xstrdup("/var/run/docker.sock");
	if (xdg && *xdg)
		socks[ns++] = xasprintf("%s/podman/podman.sock", xdg);
	socks[ns++] = xstrdup("/run/podman/podman.sock");
	for (int i = 0; i < ns; i++) {
		if (endpoint_parse(socks[i], &ep, NULL) == 0)
			push(list, n, &ep);
		free(socks[i]);
	}
	return 0;
}
