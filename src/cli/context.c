/* context.c: `porthole context ls [--json]`: the docker CLI's contexts as
 * `docker context ls` shows them: NAME (the current one marked " *"),
 * DESCRIPTION, DOCKER ENDPOINT, with the context "default" first; --json
 * prints an array of {name, description, docker_endpoint, current}. */
#include "config.h"
#include "cli/cli.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include "engine/context.h"
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char context_usage[] =
    "usage: porthole context ls [--json]\n"
    "The docker CLI's contexts ($DOCKER_CONFIG, default ~/.docker), the one in\n"
    "force marked with *: --context, else \"default\" when DOCKER_HOST is set,\n"
    "else DOCKER_CONTEXT, else config.json's currentContext.\n";

struct row {
	char *name, *description, *endpoint;
	int current;
};

/* The rows: "default" (DOCKER_HOST or the local socket), then the store's. */
static size_t rows_get(const char *current, struct row **rows)
{
	char *dir = context_store_dir(getenv);
	struct context *list;
	size_t n = context_list(dir, &list);
	free(dir);
	*rows = xreallocarray(NULL, n + 1, sizeof **rows);
	const char *dh = getenv("DOCKER_HOST");
	(*rows)[0] = (struct row){ xstrdup("default"),
		xstrdup("Current DOCKER_HOST based configuration"),
		xstrdup(dh && *dh ? dh : "unix:///var/run/docker.sock"),
		strcmp(current, "default") == 0 };
	for (size_t i = 0; i < n; i++) {
		struct row *r = &(*rows)[i + 1];
		r->name = list[i].name;
		r->description = list[i].description;
		r->endpoint = list[i].host ? list[i].host : xstrdup("");
		r->current = strcmp(current, list[i].name) == 0;
		list[i].name = list[i].description = list[i].host = NULL;
		context_clear(&list[i]);
	}
	free(list);
	return n + 1;
}

static void print_json(const struct row *rows, size_t n)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "name", rows[i].name);
		cJSON_AddStringToObject(o, "description", rows[i].description);
		cJSON_AddStringToObject(o, "docker_endpoint", rows[i].endpoint);
		cJSON_AddBoolToObject(o, "current", rows[i].current);
		cJSON_AddItemToArray(a, o);
	}
	char *s = cJSON_Print(a);
	puts(s);
	free(s);
	cJSON_Delete(a);
}

static void print_table(const struct row *rows, size_t n)
{
	int wn = 4, wd = 11;
	char **name = xreallocarray(NULL, n, sizeof *name), **desc = xreallocarray(NULL, n, sizeof *desc);
	for (size_t i = 0; i < n; i++) {
		char *inert = str_inert(rows[i].name);
		name[i] = xasprintf("%s%s", inert, rows[i].current ? " *" : "");
		free(inert);
		desc[i] = str_inert(rows[i].description);
		if ((int)strlen(name[i]) > wn)
			wn = (int)strlen(name[i]);
		if ((int)strlen(desc[i]) > wd)
			wd = (int)strlen(desc[i]);
	}
	printf("%-*s   %-*s   %s\n", wn, "NAME", wd, "DESCRIPTION", "DOCKER ENDPOINT");
	for (size_t i = 0; i < n; i++) {
		char *ep = str_inert(rows[i].endpoint);
		printf("%-*s   %-*s   %s\n", wn, name[i], wd, desc[i], ep);
		free(ep);
		free(name[i]);
		free(desc[i]);
	}
	free(name);
	free(desc);
}

int cmd_context(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	if (argc < 2 || strcmp(argv[1], "ls") != 0) {
		if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
			fputs(context_usage, stdout);
			return 0;
		}
		fputs(context_usage, stderr);
		return 2;
	}
	int c, json = 0;
	optind = 1;
	argc--;
	argv++;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'J': json = 1; break;
		case 'h': fputs(context_usage, stdout); return 0;
		default: fputs(context_usage, stderr); return 2;
		}
	}
	if (optind < argc) {
		cli_error("context ls takes no arguments (got \"%s\")", argv[optind]);
		return 2;
	}
	char *cause = NULL;
	/* As the docker CLI: DOCKER_HOST set means the context "default". */
	const char *dh = getenv("DOCKER_HOST");
	char *current = g->context && *g->context ? xstrdup(g->context)
	    : dh && *dh ? xstrdup("default") : context_current(getenv, &cause);
	if (current == NULL) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	struct row *rows;
	size_t n = rows_get(current, &rows);
	free(current);
	if (json)
		print_json(rows, n);
	else
		print_table(rows, n);
	for (size_t i = 0; i < n; i++) {
		free(rows[i].name);
		free(rows[i].description);
		free(rows[i].endpoint);
	}
	free(rows);
	return 0;
}
