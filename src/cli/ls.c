/* ls.c: `porthole ls [-a] [--json]`: the engine's containers as a table or
 * a JSON array. Names, images and statuses are printed inert. */
#include "config.h"
#include "cli/cli.h"
#include "engine/json.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char ls_usage[] =
    "usage: porthole ls [-a|--all] [--json]\n"
    "List the running containers (all of them with -a).\n";

struct ls_state {
	int done, json, rc, all, color;
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
		char *j = json_container_list(l);
		puts(j);
		free(j);
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

static void ls_start(struct engine *e, void *arg)
{
	struct ls_state *st = arg;
	engine_container_list(e, st->all, ls_done, st);
}

int cmd_ls(const struct cli_global *g, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'J' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int c;
	struct ls_state st = { 0, 0, 0, 0, cli_color_wanted(g->color, 1) };
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ah", opts, NULL)) != -1) {
		switch (c) {
		case 'a': st.all = 1; break;
		case 'J': st.json = 1; break;
		case 'h': fputs(ls_usage, stdout); return 0;
		default: fputs(ls_usage, stderr); return 2;
		}
	}
	if (optind < argc) {
		cli_error("ls takes no arguments (got \"%s\")", argv[optind]);
		return 2;
	}
	if (cli_with_engine(g, ls_start, NULL, &st, &st.done, NULL) != 0)
		return 1;
	return st.rc;
}
