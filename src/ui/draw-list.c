/* draw-list.c: the container list on the left: a header with the filter,
 * then two lines a row, the selection highlighted, from the list's first
 * row (state.h list_top). A container's row: state mark and name; status
 * and image. With several engines, an engine's header row above its
 * containers: fold mark, name and API version; its health (up and its
 * containers, connecting, down and why). */
#include "config.h"
#include "ui/draw.h"
#include "ui/selection.h"
#include "ui/style.h"
#include "session/conn.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* The cause without the engine's address (its header names it already),
 * made inert: "the engine did not answer in time". */
static char *short_cause(const char *cause, const char *display)
{
	char *at = xasprintf(" at %s", display), *s = xstrdup(cause ? cause : "");
	char *p = strstr(s, at);
	if (p)
		memmove(p, p + strlen(at), strlen(p + strlen(at)) + 1);
	char *inert = str_inert(s);
	free(at);
	free(s);
	return inert;
}

static void draw_engine_row(const struct ui *u, const struct ui_row *row, int y, int w, int second, int selected)
{
	struct rect r = u->lay.list;
	attr_t a = selected ? (u->focus == UI_FOCUS_LIST ? A_REVERSE : A_BOLD) : A_NORMAL;
	struct conn *c = row->conn;
	enum conn_state st = conn_state(c);
	const struct ctrlist *l = conn_containers(c);
	char *nm = str_inert(app_engine_label(u->app, (size_t)row->engine)), *line;
	int hidden = app_engine_hidden(u->app, (size_t)row->engine), fg = 0;
	if (!second) {
		line = xasprintf("%s %s%s%s", hidden ? "\xe2\x96\xb8" : "\xe2\x96\xbe", nm,
		    st == CONN_CONNECTED ? "  API " : "", st == CONN_CONNECTED ? engine_api_version(conn_engine(c)) : "");
		draw_text_fit(y, r.x, w, line, a | A_BOLD, 0);
	} else {
		if (st == CONN_CONNECTED) {
			size_t run = 0;
			for (size_t i = 0; i < l->n; i++)
				run += ctr_running(&l->v[i]) != 0;
			if (hidden)
				line = xasprintf("  up  %zu container%s hidden", l->n, l->n == 1 ? "" : "s");
			else
				line = xasprintf("  up  %zu container%s, %zu running", l->n, l->n == 1 ? "" : "s", run);
			fg = style_ui_pair(COLOR_GREEN);
		} else if (st == CONN_CONNECTING) {
			line = xstrdup("  connecting...");
		} else {
			char *why = short_cause(conn_cause(c), engine_endpoint(conn_engine(c))->display);
			line = xasprintf("  down: %s", why);
			free(why);
			fg = style_ui_pair(COLOR_RED);
		}
		draw_text_fit(y, r.x, w, line, a, fg);
	}
	free(line);
	free(nm);
}

static void draw_row(const struct ui *u, const struct ctr *c, int y, int w, int second, int selected)
{
	struct rect r = u->lay.list;
	attr_t a = selected ? (u->focus == UI_FOCUS_LIST ? A_REVERSE : A_BOLD) : A_NORMAL;
	char *line;
	if (!second) {
		char *nm = str_inert(c->name);
		line = xasprintf("%s %s", ctr_running(c) ? "\xe2\x97\x8f" : "\xe2\x97\x8b", nm);
		free(nm);
		int fg = ctr_running(c) ? COLOR_GREEN : (c->has_exit_code && c->exit_code ? COLOR_RED : -1);
		draw_text_fit(y, r.x, w, line, a, fg < 0 ? 0 : style_ui_pair(fg));
	} else {
		char *im = str_inert(c->image), *st;
		if (!ctr_running(c) && c->has_exit_code) {
			st = xasprintf("%s (%d)", c->state, c->exit_code);
		} else {
			char *now = ctr_status_at(c, loop_now_ms());
			st = str_inert(now);
			free(now);
		}
		line = xasprintf("  %s  %s", st, im);
		free(im);
		free(st);
		draw_text_fit(y, r.x, w, line, a | A_DIM, 0);
	}
	free(line);
}

void draw_list(const struct ui *u)
{
	struct rect r = u->lay.list;
	if (r.w <= 0)
		return;
	int w = r.w - 1;
	draw_vline(r.x + w, r.y, r.h);
	char *head = xasprintf(" containers%s%s", u->filter[0] ? " /" : "", u->filter);
	char *hi = str_inert(head);
	free(head);
	draw_text(r.y, r.x, w, hi, A_BOLD | (u->focus == UI_FOCUS_LIST ? A_UNDERLINE : 0), 0);
	free(hi);
	struct ui_row *rows;
	size_t n = ui_visible_rows(u, &rows);
	int p = ui_selected_pos(u, rows, n);
	int avail = (r.h - 1) / 2;
	for (int i = 0; i < r.h - 1; i++) {
		int y = r.y + 1 + i, k = u->list_top + i / 2;
		if (k >= (int)n || i / 2 >= avail)
			draw_text(y, r.x, w, "", A_NORMAL, 0);
		else if (rows[k].ctr < 0)
			draw_engine_row(u, &rows[k], y, w, i % 2, k == p);
		else
			draw_row(u, ui_row_ctr(&rows[k]), y, w, i % 2, k == p);
	}
	free(rows);
}
