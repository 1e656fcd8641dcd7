/* context.c: reading the docker CLI's context store and config.json. */
#include "config.h"
#include "engine/context.h"
#include "engine/sha256.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A whole small file, NUL-terminated, or NULL with errno set. */
static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t len = 0, cap = 4096;
	char *s = xmalloc(cap);
	size_t r;
	while ((r = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (len + 1 == cap) {
			if (cap >= (1u << 24)) { /* no context file is this large */
				fclose(f);
				free(s);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			s = xrealloc(s, cap);
		}
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(s);
		errno = EIO;
		return NULL;
	}
	s[len] = '\0';
	return s;
}

char *context_store_dir(char *(*get)(const char *))
{
	const char *d = get("DOCKER_CONFIG");
	if (d && *d)
		return xstrdup(d);
	const char *h = get("HOME");
	return xasprintf("%s/.docker", h ? h : "");
}

char *context_current(char *(*get)(const char *), char **cause)
{
	const char *env = get("DOCKER_CONTEXT");
	if (env && *env)
		return xstrdup(env);
	char *dir = context_store_dir(get);
	char *path = xasprintf("%s/config.json", dir);
	free(dir);
	char *text = slurp(path);
	if (text == NULL) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR) {
			free(path);
			return xstrdup("default");
		}
		*cause = xasprintf("%s: %s", path, strerror(e));
		free(path);
		return NULL;
	}
	cJSON *root = cJSON_Parse(text);
	free(text);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*cause = xasprintf("%s: not a JSON object", path);
		free(path);
		return NULL;
	}
	free(path);
	const cJSON *cur = cJSON_GetObjectItemCaseSensitive(root, "currentContext");
	char *name = xstrdup(cJSON_IsString(cur) && cur->valuestring[0] ? cur->valuestring : "default");
	cJSON_Delete(root);
	return name;
}

static const char *str_at(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

int context_meta_parse(const char *json, struct context *c, char **cause)
{
	memset(c, 0, sizeof *c);
	cJSON *root = cJSON_Parse(json);
	if (!cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*cause = xstrdup("meta.json is not a JSON object");
		return -1;
	}
	const char *name = str_at(root, "Name");
	if (name == NULL || *name == '\0') {
		cJSON_Delete(root);
		*cause = xstrdup("meta.json has no Name");
		return -1;
	}
	c->name = xstrdup(name);
	const char *desc = str_at(cJSON_GetObjectItemCaseSensitive(root, "Metadata"), "Description");
	c->description = xstrdup(desc ? desc : "");
	const cJSON *eps = cJSON_GetObjectItemCaseSensitive(root, "Endpoints");
	const cJSON *dk = cJSON_GetObjectItemCaseSensitive(eps, "docker");
	const char *host = str_at(dk, "Host");
	if (host && *host)
		c->host = xstrdup(host);
	c->skip_tls_verify = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(dk, "SkipTLSVerify"));
	cJSON_Delete(root);
	return 0;
}

static void tls_files(const char *dir, const char *hash, struct context *c)
{
	const char *names[3] = { "ca.pem", "cert.pem", "key.pem" };
	char **dst[3] = { &c->ca, &c->cert, &c->key };
	for (int i = 0; i < 3; i++) {
		char *p = xasprintf("%s/contexts/tls/%s/docker/%s", dir, hash, names[i]);
		struct stat st;
		if (stat(p, &st) == 0 && S_ISREG(st.st_mode))
			*dst[i] = p;
		else
			free(p);
	}
}

/* Loads the context stored under directory hash; name, when not NULL, must
 * be the one it holds. */
static int load_hash(const char *dir, const char *hash, const char *name, struct context *c,
    char **cause)
{
	char *path = xasprintf("%s/contexts/meta/%s/meta.json", dir, hash);
	char *text = slurp(path);
	if (text == NULL) {
		int e = errno;
		if (e == ENOENT || e == ENOTDIR)
			*cause = xasprintf("context \"%s\" not found", name ? name : hash);
		else
			*cause = xasprintf("%s: %s", path, strerror(e));
		free(path);
		return -1;
	}
	char *why = NULL;
	int r = context_meta_parse(text, c, &why);
	free(text);
	if (r != 0) {
		*cause = xasprintf("%s: %s", path, why);
		free(why);
		free(path);
		return -1;
	}
	if (name && strcmp(c->name, name) != 0) {
		*cause = xasprintf("%s: holds context \"%s\", not \"%s\"", path, c->name, name);
		context_clear(c);
		free(path);
		return -1;
	}
	free(path);
	tls_files(dir, hash, c);
	return 0;
}

int context_load(const char *dir, const char *name, struct context *c, char **cause)
{
	char hash[65];
	memset(c, 0, sizeof *c);
	sha256_hex(name, strlen(name), hash);
	return load_hash(dir, hash, name, c, cause);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(((const struct context *)a)->name, ((const struct context *)b)->name);
}

size_t context_list(const char *dir, struct context **list)
{
	*list = NULL;
	char *meta = xasprintf("%s/contexts/meta", dir);
	DIR *d = opendir(meta);
	free(meta);
	if (d == NULL)
		return 0;
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strlen(de->d_name) != 64 || strspn(de->d_name, "0123456789abcdef") != 64)
			continue;
		struct context c;
		char *cause = NULL;
		if (load_hash(dir, de->d_name, NULL, &c, &cause) != 0) {
			free(cause);
			continue;
		}
		/* The directory must be the name's: the CLI finds it that way. */
		char hash[65];
		sha256_hex(c.name, strlen(c.name), hash);
		if (strcmp(hash, de->d_name) != 0) {
			context_clear(&c);
			continue;
		}
		*list = xreallocarray(*list, n + 1, sizeof **list);
		(*list)[n++] = c;
	}
	closedir(d);
	if (n > 1)
		qsort(*list, n, sizeof **list, by_name);
	return n;
}

void context_clear(struct context *c)
{
	free(c->name);
	free(c->description);
	free(c->host);
	free(c->ca);
	free(c->cert);
	free(c->key);
	memset(c, 0, sizeof *c);
}
