/* endpoint.h: where the Docker Engine API is, and how to reach it.
 * endpoint_parse() turns a host string (unix:///path, /path, tcp://host:port,
 * https://host:port, ssh://[user@]host[:port][/socket]) into a struct
 * endpoint; endpoint_candidates() lists the
 * endpoints to try in order, as the docker CLI resolves them: -H; else
 * --context; else DOCKER_HOST (with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH);
 * else DOCKER_CONTEXT or the currentContext of config.json (engine/context.h);
 * else (or for the context "default") the Docker socket, then the Podman
 * sockets. A context's endpoint uses TLS when the store holds TLS material
 * for it, verified unless it says SkipTLSVerify.
 * A struct endpoint owns its strings: endpoint_clear() frees them. */
#ifndef PH_ENDPOINT_H
#define PH_ENDPOINT_H
#include <stddef.h>

/* ENDPOINT_SSH: the engine of another machine through `ssh HOST docker
 * system dial-stdio`, one ssh a connection (engine/sshrelay.h), as the
 * docker CLI reaches it; path is then the socket on that machine or NULL. */
enum endpoint_kind { ENDPOINT_UNIX, ENDPOINT_TCP, ENDPOINT_SSH };

struct endpoint {
	enum endpoint_kind kind;
	char *path;        /* unix socket path */
	char *host;        /* tcp or ssh host name or address */
	int port;          /* ssh: 0 for ssh's own choice */
	char *user;        /* ssh: the login, or NULL */
	int tls;           /* use TLS (tcp only) */
	int tls_verify;    /* verify the server certificate and name */
	char *ca, *cert, *key; /* PEM files, or NULL */
	char *display;     /* canonical text: unix:///p, tcp://h:p, ssh://u@h:p/s */
};

struct endpoint_opts {
	const char *host;      /* -H value or NULL */
	int tls;               /* --tls given */
	int tls_no_verify;     /* --tls-no-verify given: TLS without checks */
	const char *cert_path; /* --tlscert dir or NULL */
	const char *context;   /* --context name or NULL */
};

int endpoint_parse(const char *spec, struct endpoint *ep, char **cause);
void endpoint_clear(struct endpoint *ep);
void endpoint_copy(struct endpoint *dst, const struct endpoint *src);

/* Fills *list with *n endpoints to try, best first (caller frees each with
 * endpoint_clear() and the array with free()). A malformed -H/DOCKER_HOST,
 * -H together with --context, or a context that is not in the store or has
 * no docker endpoint gives -1 and a cause. getenv is a parameter so tests can feed their own. */
int endpoint_candidates(const struct endpoint_opts *o, char *(*get)(const char *),
    struct endpoint **list, size_t *n, char **cause);

#endif
