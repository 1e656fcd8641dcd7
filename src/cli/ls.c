/* ls.c: `porthole ls [-a] [--json]`: the engine's containers as a table or
 * a JSON array. Names, images and statuses are printed inert. With several
 * engines (-H and --context more than once) they are all asked at once and
 * listed in the order given, with an ENGINE column (an "engine" member in
 * JSON); an engine that fails says so on stderr, the others still list,
 * and the status is 1. */
#include "config.h"
#include "cli/cli.h"
#include "engine/json.h"
#include "core/buf.h"
#include <cjson/cJSON.h>
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
	const char *engine;     /* with several engines: the ENGINE column */
	struct buf *rows;       /* ... the rows go there */
	cJSON *array;           /* ... or the JSON objects there */
};

/* One table row, the engine's name first when there are several. */
static void ls_row(struct ls_state *st, FILE *out, const struct container *c)
{
	char *id = str_short_id(c->id), *name = str_inert(c->name), *image = str_inert(c->image);
	char *state = str_inert(c->state), *status = str_inert(c->status);
	const char *sgr = cli_color_of_state(state, status);
	if (st->engine) {
		char *e = str_inert(st->engine);
		fprintf(out, "%-20s  ", e);
		free(e);
	}
	fprintf(out, "%-12s  %-24s  %-24s  ", id, name, image);
	cli_color_field(out, st->color, sgr, state, 10);
	fputs("  ", out);
	cli_color_field(out, st->color, sgr, status, 0);
	fputc('\n', out);
	free(id);
	free(name);
	free(image);
	free(state);
	free(status);
}

static void ls_done(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct ls_state *st = arg;
	st->done = 1;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
		return;
	}
	if (st->array) {
		for (size_t i = 0; i < l->n; i++) {
			cJSON *o = json_container_obj(&l->v[i]);
			cJSON_AddStringToObject(o, "engine", st->engine);
			cJSON_AddItemToArray(st->array, o);
		}
		return;
	}
	if (st->json) {
		char *j = json_container_list(l);
		puts(j);
		free(j);
		return;
	}
	if (st->rows) {
		/* Several engines: printed in their order once all answered. */
		char *text = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&text, &len);
		for (size_t i = 0; m && i < l->n; i++)
			ls_row(st, m, &l->v[i]);
		if (m)
			fclose(m);
		buf_add(st->rows, text ? text : "", len);
		free(text);
		return;
	}
	printf("%-12s  %-24s  %-24s  %-10s  %s\n", "CONTAINER ID", "NAME", "IMAGE", "STATE", "STATUS");
	for (size_t i = 0; i < l->n; i++)
		ls_row(st, stdout, &l->v[i]);
}

static void ls_multi_done(const struct engine_error *err, const struct container_list *l, void *arg)
{
	struct ls_state *st = arg;
	if (err) {
		cli_error("%s: %s", st->engine, err->message);
		st->rc = 1;
	} else {
		ls_done(NULL, l, st);
	}
	st->done = 1;
}

/* ls over several engines, all asked at once. */
static int ls_multi(const struct cli_global *g, const struct ls_state *tmpl)
{
	struct cli_engines es;
	cli_engines_open(g, &es);
	struct ls_state *st = xcalloc(es.n, sizeof *st);
	struct buf *rows = xcalloc(es.n, sizeof *rows);
	cJSON *array = tmpl->json ? cJSON_CreateArray() : NULL;
	int rc = 0;
	for (size_t i = 0; i < es.n; i++) {
		st[i] = *tmpl;
		st[i].engine = es.v[i].name;
		st[i].array = array;
		buf_init(&rows[i]);
		st[i].rows = &rows[i];
		if (es.v[i].error || !es.v[i].e) {
			cli_error("%s: %s", es.v[i].name, es.v[i].error ? es.v[i].error : "no endpoint");
			rc = 1;
			continue;
		}
		es.v[i].pending = 1;
		engine_container_list(es.v[i].e, tmpl->all, ls_multi_done, &st[i]);
	}
	for (;;) {
		int left = 0;
		for (size_t i = 0; i < es.n; i++)
			left |= es.v[i].pending && !st[i].done;
		if (!left || loop_run_once(es.loop, -1) < 0)
			break;
	}
	if (array) {
		char *j = cJSON_Print(array);
		puts(j ? j : "[]");
		cJSON_free(j);
		cJSON_Delete(array);
	} else {
		printf("%-20s  %-12s  %-24s  %-24s  %-10s  %s\n", "ENGINE", "CONTAINER ID", "NAME", "IMAGE", "STATE",
		    "STATUS");
		for (size_t i = 0; i < es.n; i++)
			fwrite(buf_ptr(&rows[i]), 1, buf_used(&rows[i]), stdout);
	}
	for (size_t i = 0; i < es.n; i++) {
		rc |= st[i].rc;
		buf_free(&rows[i]);
	}
	free(rows);
	free(st);
	cli_engines_close(&es);
	return rc;
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
	struct ls_state st = { 0, 0, 0, 0, cli_color_wanted(g->color, 1), NULL, NULL, NULL };
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
	if (cli_multi(g))
		return ls_multi(g, &st);
	if (cli_with_engine(g, ls_start, NULL, &st, &st.done, NULL) != 0)
		return 1;
	return st.rc;
}
