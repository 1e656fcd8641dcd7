/* test-context.c: SHA-256 (engine/sha256.c) and the docker CLI's context
 * store (engine/context.c) laid out in a temporary directory. */
#include "config.h"
#include "engine/context.h"
#include "engine/sha256.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *env_config, *env_context;

static char *fake_get(const char *k)
{
	if (strcmp(k, "DOCKER_CONFIG") == 0)
		return (char *)env_config;
	if (strcmp(k, "DOCKER_CONTEXT") == 0)
		return (char *)env_context;
	return NULL;
}

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	if (f == NULL)
		abort();
	fputs(text, f);
	fclose(f);
}

static void store_context(const char *dir, const char *hash_of, const char *meta, int tls)
{
	char h[65];
	sha256_hex(hash_of, strlen(hash_of), h);
	char *p = xasprintf("mkdir -p '%s/contexts/meta/%s' '%s/contexts/tls/%s/docker'", dir, h, dir, h);
	if (system(p) != 0)
		abort();
	free(p);
	p = xasprintf("%s/contexts/meta/%s/meta.json", dir, h);
	put(p, meta);
	free(p);
	if (tls) {
		p = xasprintf("%s/contexts/tls/%s/docker/ca.pem", dir, h);
		put(p, "x");
		free(p);
	}
}

static void hashes(const char *in, size_t len, const char *want)
{
	char h[65];
	sha256_hex(in, len, h);
	is_str(h, want, "sha256 of %zu bytes", len);
}

int main(void)
{
	hashes("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hashes("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	const char *m56 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	hashes(m56, strlen(m56), "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	char *million = xmalloc(1000000);
	memset(million, 'a', 1000000);
	hashes(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	free(million);

	char tmpl[] = "/tmp/test-context.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (dir == NULL)
		abort();
	env_config = dir;
	env_context = NULL;
	char *cause = NULL;
	char *cur = context_current(fake_get, &cause);
	is_str(cur, "default", "no config.json: default");
	free(cur);

	char *cfg = xasprintf("%s/config.json", dir);
	put(cfg, "{\"auths\":{},\"currentContext\":\"far\"}");
	cur = context_current(fake_get, &cause);
	is_str(cur, "far", "currentContext of config.json");
	free(cur);
	env_context = "near";
	cur = context_current(fake_get, &cause);
	is_str(cur, "near", "DOCKER_CONTEXT wins over currentContext");
	free(cur);
	env_context = NULL;
	put(cfg, "{broken");
	cur = context_current(fake_get, &cause);
	ok(cur == NULL && cause && strstr(cause, "config.json"), "malformed config.json: %s",
	    cause ? cause : "(no cause)");
	free(cause);
	cause = NULL;
	free(cfg);

	store_context(dir, "far",
	    "{\"Name\":\"far\",\"Metadata\":{\"Description\":\"the far one\"},"
	    "\"Endpoints\":{\"docker\":{\"Host\":\"tcp://10.0.0.1:2376\",\"SkipTLSVerify\":true}}}", 1);
	store_context(dir, "a-near",
	    "{\"Name\":\"a-near\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\"unix:///run/x.sock\"}}}", 0);
	store_context(dir, "liar", "{\"Name\":\"other\",\"Endpoints\":{}}", 0);

	struct context c;
	ok(context_load(dir, "far", &c, &cause) == 0, "load far");
	is_str(c.description, "the far one", "description");
	is_str(c.host, "tcp://10.0.0.1:2376", "host");
	ok(c.skip_tls_verify == 1, "SkipTLSVerify");
	ok(c.ca && strstr(c.ca, "/docker/ca.pem"), "ca.pem found");
	ok(c.cert == NULL && c.key == NULL, "absent cert and key stay NULL");
	context_clear(&c);

	ok(context_load(dir, "nowhere", &c, &cause) != 0 && strstr(cause, "\"nowhere\" not found"),
	    "missing context: %s", cause ? cause : "");
	free(cause);
	cause = NULL;
	ok(context_load(dir, "liar", &c, &cause) != 0 && strstr(cause, "holds context \"other\""),
	    "name not matching its directory: %s", cause ? cause : "");
	free(cause);
	cause = NULL;

	struct context *list;
	size_t n = context_list(dir, &list);
	is_int((int)n, 2, "two contexts listed, the liar left out");
	if (n == 2) {
		is_str(list[0].name, "a-near", "sorted: first");
		is_str(list[1].name, "far", "sorted: second");
		is_str(list[0].description, "", "no description: empty");
	}
	for (size_t i = 0; i < n; i++)
		context_clear(&list[i]);
	free(list);

	ok(context_meta_parse("[1]", &c, &cause) != 0, "array is not a meta.json");
	free(cause);
	cause = NULL;
	ok(context_meta_parse("{\"Endpoints\":{}}", &c, &cause) != 0, "no Name refused");
	free(cause);

	char *rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		diag("could not remove %s", dir);
	free(rm);
	return done_testing();
}
