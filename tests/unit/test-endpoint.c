/* test-endpoint.c: engine address parsing and the order in which endpoints
 * are tried (engine/endpoint.c), with a fake environment. */
#include "config.h"
#include "engine/endpoint.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- endpoint_parse ---- */

static void parses(const char *spec, enum endpoint_kind kind, const char *path_or_host,
    int port, int tls, const char *display)
{
	struct endpoint ep;
	char *cause = NULL;
	int r = endpoint_parse(spec, &ep, &cause);
	if (!ok(r == 0, "parse \"%s\"", spec)) {
		diag("cause: %s", cause ? cause : "(none)");
		free(cause);
		return;
	}
	is_int(ep.kind, kind, "\"%s\": kind", spec);
	if (kind == ENDPOINT_UNIX) {
		is_str(ep.path, path_or_host, "\"%s\": path", spec);
		ok(ep.host == NULL, "\"%s\": no host", spec);
	} else {
		is_str(ep.host, path_or_host, "\"%s\": host", spec);
		is_int(ep.port, port, "\"%s\": port", spec);
		ok(ep.path == NULL, "\"%s\": no path", spec);
	}
	is_int(ep.tls, tls, "\"%s\": tls", spec);
	is_int(ep.tls_verify, tls, "\"%s\": tls_verify follows tls", spec);
	is_str(ep.display, display, "\"%s\": display", spec);

	/* A copy is deep and equal. */
	struct endpoint cp;
	endpoint_copy(&cp, &ep);
	ok(cp.display != ep.display && strcmp(cp.display, ep.display) == 0 && cp.port == ep.port,
	    "\"%s\": endpoint_copy duplicates the strings", spec);
	endpoint_clear(&cp);
	endpoint_clear(&ep);
	ok(ep.display == NULL && ep.path == NULL && ep.host == NULL, "\"%s\": endpoint_clear zeroes", spec);
}

/* ssh:// addresses: user, host, port, the remote socket, the display. */
static void ssh_is(const char *spec, const char *user, const char *host, int port, const char *path,
    const char *display)
{
	struct endpoint ep;
	char *cause = NULL;
	if (!ok(endpoint_parse(spec, &ep, &cause) == 0 && ep.kind == ENDPOINT_SSH, "parse \"%s\" as ssh", spec)) {
		diag("cause: %s", cause ? cause : "(none)");
		free(cause);
		return;
	}
	is_str(ep.user, user, "\"%s\": user", spec);
	is_str(ep.host, host, "\"%s\": host", spec);
	is_int(ep.port, port, "\"%s\": port", spec);
	is_str(ep.path, path, "\"%s\": the remote socket", spec);
	is_str(ep.display, display, "\"%s\": display", spec);
	struct endpoint cp;
	endpoint_copy(&cp, &ep);
	is_str(cp.user, ep.user, "\"%s\": the copy's user", spec);
	endpoint_clear(&cp);
	endpoint_clear(&ep);
}

static void test_ssh(void)
{
	ssh_is("ssh://h", NULL, "h", 0, NULL, "ssh://h");
	ssh_is("ssh://ann@build-1.example:2222", "ann", "build-1.example", 2222, NULL, "ssh://ann@build-1.example:2222");
	ssh_is("ssh://root@10.0.0.5/run/podman/podman.sock", "root", "10.0.0.5", 0, "/run/podman/podman.sock",
	    "ssh://root@10.0.0.5/run/podman/podman.sock");
	ssh_is("ssh://[fd00::1]:22/", NULL, "fd00::1", 22, NULL, "ssh://[fd00::1]:22");
}

static void fails(const char *spec, const char *why)
{
	struct endpoint ep;
	char *cause = NULL;
	int r = endpoint_parse(spec, &ep, &cause);
	is_int(r, -1, "reject %s", why);
	ok(cause != NULL && *cause != '\0', "%s: a cause is given (%s)", why, cause ? cause : "none");
	int clean = ep.path == NULL && ep.host == NULL && ep.display == NULL;
	ok(clean, "%s: nothing left to free", why);
	free(cause);
	/* A NULL cause pointer is allowed. */
	is_int(endpoint_parse(spec, &ep, NULL), -1, "%s: also -1 without a cause pointer", why);
}

static void test_parse(void)
{
	parses("unix:///x", ENDPOINT_UNIX, "/x", 0, 0, "unix:///x");
	parses("/x", ENDPOINT_UNIX, "/x", 0, 0, "unix:///x");
	parses("unix:///var/run/docker.sock", ENDPOINT_UNIX, "/var/run/docker.sock", 0, 0,
	    "unix:///var/run/docker.sock");
	parses("tcp://h:1234", ENDPOINT_TCP, "h", 1234, 0, "tcp://h:1234");
	parses("tcp://h", ENDPOINT_TCP, "h", 2375, 0, "tcp://h:2375");
	parses("tcp://10.0.0.5:65535", ENDPOINT_TCP, "10.0.0.5", 65535, 0, "tcp://10.0.0.5:65535");
	parses("tcp://h:1", ENDPOINT_TCP, "h", 1, 0, "tcp://h:1");
	parses("https://h", ENDPOINT_TCP, "h", 2376, 1, "tcp://h:2376");
	parses("https://docker.example.com:443", ENDPOINT_TCP, "docker.example.com", 443, 1,
	    "tcp://docker.example.com:443");
	parses("[::1]:2375", ENDPOINT_TCP, "::1", 2375, 0, "tcp://[::1]:2375");
	parses("tcp://[fe80::1]:4243", ENDPOINT_TCP, "fe80::1", 4243, 0, "tcp://[fe80::1]:4243");
	parses("localhost:2375", ENDPOINT_TCP, "localhost", 2375, 0, "tcp://localhost:2375");

	/* The longest path that fits sun_path (107 bytes and the NUL). */
	char path[200];
	memset(path, 'a', sizeof path);
	path[0] = '/';
	path[107] = '\0';
	char spec[220];
	snprintf(spec, sizeof spec, "unix://%s", path);
	struct endpoint ep;
	is_int(endpoint_parse(spec, &ep, NULL), 0, "a 107-byte unix path is accepted");
	is_int((long long)strlen(ep.path ? ep.path : ""), 107, "the 107-byte path kept whole");
	endpoint_clear(&ep);
	path[107] = 'a';
	path[108] = '\0';
	snprintf(spec, sizeof spec, "unix://%s", path);

	test_ssh();
	fails("", "an empty address");
	fails("ssh://-oProxyCommand=sh", "an ssh host that would be an option");
	fails("ssh://-l@h", "an ssh user that would be an option");
	fails("ssh://h/x;rm -rf", "an ssh socket path with shell syntax");
	fails("ssh://h:0", "ssh port 0");
	fails("ssh://", "ssh:// without a host");
	fails("ssh://h junk", "an ssh host with a space");
	fails("gopher://h", "an unknown scheme");
	fails("npipe:////./pipe/docker_engine", "a Windows named pipe");
	fails("unix://relative", "unix://relative");
	fails("unix://", "unix:// without a path");
	fails("tcp://:12", "tcp://:12 (no host)");
	fails("tcp://", "tcp:// (no host)");
	fails("tcp://h:0", "port 0");
	fails("tcp://h:70000", "port 70000");
	fails("tcp://h:65536", "port 65536");
	fails("tcp://h:abc", "port abc");
	fails("tcp://h:", "an empty port");
	fails("tcp://h:12x", "port 12x");
	fails("tcp://h:-5", "port -5");
	fails(spec, "a 108-byte unix path");
	fails("[::1", "an unclosed [");
	fails("[::1]x", "junk after ]");

	struct endpoint e2;
	char *cause = NULL;
	is_int(endpoint_parse(NULL, &e2, &cause), -1, "a NULL address is rejected");
	ok(cause != NULL, "a NULL address has a cause");
	free(cause);
}

/* ---- endpoint_candidates ---- */

static const char *const *fake_env;

static char *fake_getenv(const char *name)
{
	for (size_t i = 0; fake_env && fake_env[i]; i += 2)
		if (strcmp(fake_env[i], name) == 0)
			return (char *)fake_env[i + 1];
	return NULL;
}

struct cands {
	struct endpoint *v;
	size_t n;
	int rc;
	char *cause;
};

static void cands_get(struct cands *c, const struct endpoint_opts *o, const char *const *env)
{
	fake_env = env;
	c->cause = NULL;
	c->rc = endpoint_candidates(o, fake_getenv, &c->v, &c->n, &c->cause);
}

static void cands_free(struct cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		endpoint_clear(&c->v[i]);
	free(c->v);
	free(c->cause);
	memset(c, 0, sizeof *c);
}

static const char *cand_display(const struct cands *c, size_t i)
{
	return i < c->n ? c->v[i].display : NULL;
}

static void test_candidates(void)
{
	struct endpoint_opts o;
	struct cands c;

	/* -H wins over DOCKER_HOST. */
	memset(&o, 0, sizeof o);
	o.host = "tcp://flag-host:1234";
	static const char *const env_host[] = { "DOCKER_HOST", "unix:///env.sock", NULL };
	cands_get(&c, &o, env_host);
	is_int(c.rc, 0, "-H and DOCKER_HOST: 0");
	is_int((long long)c.n, 1, "-H and DOCKER_HOST: one candidate");
	is_str(cand_display(&c, 0), "tcp://flag-host:1234", "-H wins over DOCKER_HOST");
	cands_free(&c);

	/* An empty -H falls through to DOCKER_HOST. */
	o.host = "";
	cands_get(&c, &o, env_host);
	ok(c.rc == 0 && c.n == 1, "an empty -H: one candidate");
	is_str(cand_display(&c, 0), "unix:///env.sock", "an empty -H: DOCKER_HOST used");
	cands_free(&c);

	/* DOCKER_HOST used. */
	o.host = NULL;
	cands_get(&c, &o, env_host);
	ok(c.rc == 0 && c.n == 1, "DOCKER_HOST alone: one candidate");
	is_str(cand_display(&c, 0), "unix:///env.sock", "DOCKER_HOST alone: used");
	is_int(c.n ? (int)c.v[0].kind : -1, ENDPOINT_UNIX, "DOCKER_HOST alone: a unix socket");
	cands_free(&c);

	/* Nothing set: Docker's socket, then Podman's (rootless, then root). */
	static const char *const env_xdg[] = { "XDG_RUNTIME_DIR", "/run/user/1000", NULL };
	cands_get(&c, &o, env_xdg);
	is_int(c.rc, 0, "nothing set: 0");
	is_int((long long)c.n, 3, "nothing set, XDG_RUNTIME_DIR set: three candidates");
	is_str(cand_display(&c, 0), "unix:///var/run/docker.sock", "first the Docker socket");
	is_str(cand_display(&c, 1), "unix:///run/user/1000/podman/podman.sock", "then the rootless Podman socket");
	is_str(cand_display(&c, 2), "unix:///run/podman/podman.sock", "then the root Podman socket");
	cands_free(&c);

	cands_get(&c, &o, NULL);
	is_int((long long)c.n, 2, "nothing set, no XDG_RUNTIME_DIR: two candidates");
	is_str(cand_display(&c, 0), "unix:///var/run/docker.sock", "no XDG: the Docker socket first");
	is_str(cand_display(&c, 1), "unix:///run/podman/podman.sock", "no XDG: then the root Podman socket");
	cands_free(&c);

	static const char *const env_empty[] = { "DOCKER_HOST", "", "XDG_RUNTIME_DIR", "", NULL };
	cands_get(&c, &o, env_empty);
	is_int((long long)c.n, 2, "empty DOCKER_HOST and XDG_RUNTIME_DIR count as unset");
	cands_free(&c);

	/* DOCKER_TLS_VERIFY=1 turns TLS and verification on for tcp. */
	static const char *const env_tls[] = { "DOCKER_HOST", "tcp://h:2375",
		"DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", "/nonexistent-porthole-certs", NULL };
	cands_get(&c, &o, env_tls);
	ok(c.rc == 0 && c.n == 1, "DOCKER_TLS_VERIFY=1: one candidate");
	is_int(c.n ? c.v[0].tls : -1, 1, "DOCKER_TLS_VERIFY=1: tls on");
	is_int(c.n ? c.v[0].tls_verify : -1, 1, "DOCKER_TLS_VERIFY=1: verify on");
	is_int(c.n ? c.v[0].port : -1, 2375, "DOCKER_TLS_VERIFY=1: the port unchanged");
	ok(c.n && c.v[0].ca == NULL && c.v[0].cert == NULL && c.v[0].key == NULL,
	    "missing cert files are left NULL");
	cands_free(&c);

	/* ...and --tls-no-verify turns verification off. */
	o.tls_no_verify = 1;
	cands_get(&c, &o, env_tls);
	is_int(c.n ? c.v[0].tls : -1, 1, "tls_no_verify: tls still on");
	is_int(c.n ? c.v[0].tls_verify : -1, 0, "tls_no_verify: verify off");
	cands_free(&c);
	o.tls_no_verify = 0;

	/* DOCKER_TLS_VERIFY does nothing for a unix socket. */
	static const char *const env_tls_unix[] = { "DOCKER_HOST", "unix:///s.sock",
		"DOCKER_TLS_VERIFY", "1", NULL };
	cands_get(&c, &o, env_tls_unix);
	ok(c.n == 1 && c.v[0].tls == 0 && c.v[0].tls_verify == 0, "DOCKER_TLS_VERIFY with a unix socket: no tls");
	cands_free(&c);

	/* DOCKER_TLS_VERIFY=0 or unset on tcp:2375: plain. */
	static const char *const env_tls0[] = { "DOCKER_HOST", "tcp://h:2375", "DOCKER_TLS_VERIFY", "0", NULL };
	cands_get(&c, &o, env_tls0);
	ok(c.n == 1 && c.v[0].tls == 0 && c.v[0].tls_verify == 0, "DOCKER_TLS_VERIFY=0: no tls");
	cands_free(&c);

	/* Port 2376 means TLS (Docker's convention), verified. */
	static const char *const env_2376[] = { "DOCKER_HOST", "tcp://h:2376", "HOME", "/nonexistent-home", NULL };
	cands_get(&c, &o, env_2376);
	ok(c.n == 1 && c.v[0].tls == 1 && c.v[0].tls_verify == 1, "tcp port 2376: tls and verify on");
	cands_free(&c);

	/* --tls on a -H tcp address. */
	o.host = "tcp://h:2375";
	o.tls = 1;
	cands_get(&c, &o, NULL);
	ok(c.n == 1 && c.v[0].tls == 1 && c.v[0].tls_verify == 1, "--tls with -H tcp: tls and verify on");
	cands_free(&c);
	o.tls = 0;
	o.host = NULL;

	/* Cert files found in DOCKER_CERT_PATH (or --tlscert). */
	char dir[] = "/tmp/ph-endpoint-XXXXXX";
	if (mkdtemp(dir) != NULL) {
		static const char *const names[] = { "ca.pem", "cert.pem", "key.pem" };
		char p[3][300];
		for (int i = 0; i < 3; i++) {
			snprintf(p[i], sizeof p[i], "%s/%s", dir, names[i]);
			FILE *f = fopen(p[i], "w");
			if (f)
				fclose(f);
		}
		const char *env_certs[] = { "DOCKER_HOST", "tcp://h:2376", "DOCKER_CERT_PATH", dir, NULL };
		cands_get(&c, &o, env_certs);
		ok(c.n == 1, "DOCKER_CERT_PATH: one candidate");
		is_str(c.n ? c.v[0].ca : NULL, p[0], "DOCKER_CERT_PATH: ca.pem found");
		is_str(c.n ? c.v[0].cert : NULL, p[1], "DOCKER_CERT_PATH: cert.pem found");
		is_str(c.n ? c.v[0].key : NULL, p[2], "DOCKER_CERT_PATH: key.pem found");
		cands_free(&c);

		const char *env_home[] = { "DOCKER_HOST", "tcp://h:2376", "HOME", "/nonexistent-home", NULL };
		o.cert_path = dir;
		cands_get(&c, &o, env_home);
		is_str(c.n ? c.v[0].ca : NULL, p[0], "--tlscert dir: ca.pem found");
		cands_free(&c);
		o.cert_path = NULL;
		for (int i = 0; i < 3; i++)
			unlink(p[i]);
		rmdir(dir);
	} else {
		ok(0, "mkdtemp %s", dir);
	}

	/* A malformed DOCKER_HOST or -H: -1 with a cause, no list. */
	static const char *const env_bad[] = { "DOCKER_HOST", "ssh://-user@h", NULL };
	cands_get(&c, &o, env_bad);
	is_int(c.rc, -1, "malformed DOCKER_HOST: -1");
	ok(c.cause != NULL && strstr(c.cause, "ssh://-user@h") != NULL, "malformed DOCKER_HOST: the cause names it (%s)",
	    c.cause ? c.cause : "none");
	ok(c.n == 0 && c.v == NULL, "malformed DOCKER_HOST: no candidates");
	cands_free(&c);

	o.host = "tcp://h:99999";
	cands_get(&c, &o, env_host);
	ok(c.rc == -1 && c.cause != NULL && c.n == 0, "malformed -H: -1 with a cause, even with a good DOCKER_HOST");
	cands_free(&c);
}

int main(void)
{
	test_parse();
	test_candidates();
	return done_testing();
}
