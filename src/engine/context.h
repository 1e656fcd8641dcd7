/* context.h: the docker CLI's context store, read as the CLI writes it.
 * The store is $DOCKER_CONFIG (default $HOME/.docker): config.json names the
 * current context (key currentContext); contexts/meta/<sha256 of the name>/
 * meta.json holds Name, Metadata.Description and Endpoints.docker.{Host,
 * SkipTLSVerify}; contexts/tls/<sha256>/docker/{ca,cert,key}.pem its TLS
 * material. The context "default" is not stored: it is DOCKER_HOST or the
 * local socket.
 *
 * context_meta_parse() is pure (JSON in, struct out). The others read files
 * and never write. getenv is a parameter so tests can feed their own.
 * A struct context owns its strings: context_clear() frees them. */
#ifndef PH_CONTEXT_H
#define PH_CONTEXT_H
#include <stddef.h>

struct context {
	char *name;
	char *description;  /* "" when none */
	char *host;         /* Endpoints.docker.Host, or NULL */
	int skip_tls_verify;
	char *ca, *cert, *key; /* files present in the store, or NULL */
};

/* The store's directory (caller frees). */
char *context_store_dir(char *(*get)(const char *));

/* The context in force: DOCKER_CONTEXT, else currentContext of config.json,
 * else "default" (caller frees). A config.json that is there but unreadable
 * or malformed gives NULL and a cause. */
char *context_current(char *(*get)(const char *), char **cause);

/* One meta.json's text to a context (TLS files left NULL). 0, or -1 with a
 * cause when it is not JSON or has no Name. */
int context_meta_parse(const char *json, struct context *c, char **cause);

/* Loads the named context from the store at dir, TLS files included. 0, or
 * -1 with a cause ("context \"x\" not found", a malformed meta.json, a name
 * that does not match its directory). */
int context_load(const char *dir, const char *name, struct context *c, char **cause);

/* Every stored context, sorted by name (caller frees each with
 * context_clear() and the array with free()). Directories whose meta.json
 * is unreadable are left out. Returns the count; 0 with no store. */
size_t context_list(const char *dir, struct context **list);

void context_clear(struct context *c);

#endif
