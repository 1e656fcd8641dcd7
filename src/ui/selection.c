/* selection.c: the list's selection, filter and scroll position (see
 * selection.h). */
#include "config.h"
#include "ui/selection.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

size_t ui_visible_rows(const struct ui *u, int **rows)
{
	const struct ctrlist *l = app_containers(u->app);
	int *v = xcalloc(l->n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (ctr_matches(&l->v[i], u->filter))
			v[n++] = (int)i;
	*rows = v;
	return n;
}

int ui_selected_pos(const struct ui *u, const int *rows, size_t n)
{
	const struct ctrlist *l = app_containers(u->app);
	for (size_t i = 0; u->sel_id && i < n; i++)
		if (strcmp(l->v[rows[i]].id, u->sel_id) == 0)
			return (int)i;
	return -1;
}

const struct ctr *ui_selected(const struct ui *u)
{
	return ctrlist_find(app_containers(u->app), u->sel_id);
}

void ui_select(struct ui *u, const char *id)
{
	if (id && u->sel_id && strcmp(id, u->sel_id) == 0)
		return;
	if (id == NULL && u->sel_id == NULL)
		return;
	free(u->sel_id);
	u->sel_id = id ? xstrdup(id) : NULL;
	app_select_container(u->app, id);
	ui_redraw(u, UI_DRAW_LIST | UI_DRAW_PANEL);
}

void ui_list_move(struct ui *u, int delta)
{
	int *rows;
	size_t n = ui_visible_rows(u, &rows);
	if (n > 0) {
		int p = ui_selected_pos(u, rows, n);
		p = p < 0 ? 0 : p + delta;
		if (p < 0)
			p = 0;
		if (p >= (int)n)
			p = (int)n - 1;
		ui_select(u, app_containers(u->app)->v[rows[p]].id);
	}
	free(rows);
}

void ui_set_filter(struct ui *u, const char *filter)
{
	size_t fl = strlen(filter);
	if (fl > sizeof u->filter - 1)
		fl = sizeof u->filter - 1;
	memcpy(u->filter, filter, fl);
	u->filter[fl] = '\0';
	u->list_top = 0;
	ui_list_move(u, 0);
	ui_redraw(u, UI_DRAW_LIST);
}

void ui_selection_sync(struct ui *u)
{
	/* While a terminal has the focus, the panel shows its container. */
	struct session *s = app_current_session(u->app);
	if (s && u->focus == UI_FOCUS_TERM)
		ui_select(u, session_spec(s)->container_id);
	int *rows;
	size_t n = ui_visible_rows(u, &rows);
	int p = ui_selected_pos(u, rows, n);
	if (p < 0 && n > 0 && !(s && u->focus == UI_FOCUS_TERM)) {
		ui_select(u, app_containers(u->app)->v[rows[0]].id);
		p = 0;
	}
	free(rows);
	int avail = (u->lay.list.h - 1) / 2; /* two lines a container */
	int top = u->list_top;
	if (p >= 0) {
		if (p < top)
			top = p;
		if (avail > 0 && p >= top + avail)
			top = p - avail + 1;
	}
	if (top > (int)n - avail)
		top = (int)n - avail;
	if (top < 0)
		top = 0;
	if (top != u->list_top) {
		u->list_top = top;
		ui_redraw(u, UI_DRAW_LIST);
	}
}
