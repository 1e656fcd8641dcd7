/* ls.c: `porthole ls [-a] [--json]`: the engine's containers as a table or
 * a JSON array. Names, images and statuses are printed inert. */
#include "config.h"
#include "cli/cli.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ls_usage[] =
    "usage: porthole ls [-a|--all] [--json]\n"
    "List the running containers (all of them with -a).\n";

struct ls_state {
	int done, json, rc, color;
};

static void ls_done(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct ls_state *st = arg;
	st->done = 1;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
		return;
	}
	if (st->json) {
		cJSON *a = cJSON_CreateArray();
		for (size_t i = 0; i < l->n; i++) {
			const struct container *c = &l->v[i];
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "id", c->id);
			cJSON_AddStringToObject(o, "name", c->name ? c->name : "");
			cJSON_AddStringToObject(o, "image", c->image ? c->image : "");
			cJSON_AddStringToObject(o, "state", c->state ? c->state : "");
			cJSON_AddStringToObject(o, "status", c->status ? c->status : "");
			cJSON_AddStringToObject(o, "command", c->command ? c->command : "");
			cJSON_AddNumberToObject(o, "created", (double)c->created);
			cJSON_AddItemToArray(a, o);
		}
		char *s = cJSON_Print(a);
		puts(s);
		cJSON_free(s);
		cJSON_Delete(a);
		return;
	}
	printf("%-12s  %-24s  %-24s  %-10s  %s\n", "CONTAINER ID", "NAME", "IMAGE", "STATE", "STATUS");
	for (size_t i = 0; i < l->n; i++) {
		const struct container *c = &l->v[i];
		char *id = str_short_id(c->id), *name = str_inert(c->name), *image = str_inert(c->image);
		char *state = str_inert(c->state), *status = str_inert(c->status);
		const char *sgr = cli_color_of_state(state, status);
		printf("%-12s  %-24s  %-24s  ", id, name, image);
		cli_color_field(stdout, st->color, sgr, state, 10);
		fputs("  ", stdout);
		cli_color_field(stdout, st->color, sgr, status, 0);
		putchar('\n');
		free(id);
		free(name);
		free(image);
		free(state);
		free(status);
	}
}

int cmd_ls(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int all = 0, c;
	struct ls_state st = { 0, 0, 0, cli_color_wanted(g->color, 1) };
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ah", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 'J': st.json = 1; break;
		case 'h': fputs(ls_usage, stdout); return 0;
		default: fputs(ls_usage, stderr); return 2;
		}
	}
	if (optind < argc) {
		cli_error("ls takes no arguments (got \"%s\")", argv[optind]);
		return 2;
	}
	struct loop *loop;
	struct engine *e;
	char *cause;
	if (cli_engine_open(g, &loop, &e, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return 1;
	}
	engine_container_list(e, all, ls_done, &st);
	engine_wait(e, &st.done);
	cli_engine_close(loop, e);
	return st.rc;
}
