/* fuzz-context.c: fuzz target for a context's meta.json (engine/context.c)
 * and the engine address it holds (engine/endpoint.c). The input, as a
 * NUL-terminated text, is parsed as a meta.json: it either gives a context
 * with a non-empty name and a description, or -1 with a cause. A parsed
 * Host, and the input itself, go through endpoint_parse: either an endpoint
 * whose display text is set and whose kind matches its fields (an ssh://
 * host or user never looks like an ssh option), or -1 with a cause. */
#include "config.h"
#include "engine/context.h"
#include "engine/endpoint.h"
#include "fuzz.h"
#include <string.h>

static void address(const char *spec)
{
	struct endpoint ep;
	char *cause = NULL;
	if (endpoint_parse(spec, &ep, &cause) == 0) {
		FUZZ_CHECK(cause == NULL && ep.display != NULL);
		if (ep.kind == ENDPOINT_UNIX)
			FUZZ_CHECK(ep.path != NULL && ep.path[0] == '/' && ep.host == NULL);
		else if (ep.kind == ENDPOINT_SSH)
			/* Nothing ssh would read as an option; port 0 is ssh's choice. */
			FUZZ_CHECK(ep.host != NULL && ep.host[0] != '\0' && ep.host[0] != '-' && ep.port >= 0 &&
			    ep.port <= 65535 && (ep.user == NULL || (ep.user[0] && ep.user[0] != '-')) &&
			    (ep.path == NULL || ep.path[0] == '/'));
		else
			FUZZ_CHECK(ep.host != NULL && ep.host[0] != '\0' && ep.port >= 1 && ep.port <= 65535);
		struct endpoint copy;
		endpoint_copy(&copy, &ep);
		FUZZ_CHECK(strcmp(copy.display, ep.display) == 0);
		endpoint_clear(&copy);
		endpoint_clear(&ep);
	} else {
		FUZZ_CHECK(cause != NULL && *cause != '\0');
		free(cause);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	FUZZ_CHECK(text != NULL);
	memcpy(text, data, size);
	text[size] = '\0';
	struct context c;
	char *cause = NULL;
	if (context_meta_parse(text, &c, &cause) == 0) {
		FUZZ_CHECK(cause == NULL);
		FUZZ_CHECK(c.name != NULL && c.name[0] != '\0' && c.description != NULL);
		FUZZ_CHECK(c.ca == NULL && c.cert == NULL && c.key == NULL);
		if (c.host)
			address(c.host);
		context_clear(&c);
	} else {
		FUZZ_CHECK(cause != NULL && *cause != '\0');
		free(cause);
	}
	if (size < 1024)
		address(text);
	free(text);
	return 0;
}
