/* draw-list.c: the container list on the left: a header with the filter,
 * then two lines a container (state mark and name; status and image), the
 * selection highlighted, from the list's first row (state.h list_top). */
#include "config.h"
#include "ui/draw.h"
#include "ui/selection.h"
#include "ui/style.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>

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
	int *rows;
	size_t n = ui_visible_rows(u, &rows);
	const struct ctrlist *l = app_containers(u->app);
	int p = ui_selected_pos(u, rows, n);
	int avail = (r.h - 1) / 2;
	for (int i = 0; i < r.h - 1; i++) {
		int y = r.y + 1 + i, k = u->list_top + i / 2;
		if (k >= (int)n || i / 2 >= avail)
			draw_text(y, r.x, w, "", A_NORMAL, 0);
		else
			draw_row(u, &l->v[rows[k]], y, w, i % 2, k == p);
	}
	free(rows);
}
