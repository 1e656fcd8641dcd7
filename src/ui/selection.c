/* selection.c: the list's rows, selection, filter and scroll position (see
 * selection.h). */
#include "config.h"
#include "ui/selection.h"
#include "session/conn.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

size_t ui_visible_rows(const struct ui *u, struct ui_row **rows)
{
	size_t ne = app_nengines(u->app), total = 0;
	for (size_t e = 0; e < ne; e++)
		total += 1 + conn_containers(app_engine_conn(u->app, e))->n;
	struct ui_row *v = xcalloc(total + 1, sizeof *v);
	size_t n = 0;
	for (size_t e = 0; e < ne; e++) {
		struct conn *c = app_engine_conn(u->app, e);
		const struct ctrlist *l = conn_containers(c);
		if (ne > 1)
			v[n++] = (struct ui_row){ c, (int)e, -1 };
		if (ne > 1 && app_engine_hidden(u->app, e))
			continue;
		for (size_t i = 0; i < l->n; i++)
			if (ctr_matches(&l->v[i], u->filter))
				v[n++] = (struct ui_row){ c, (int)e, (int)i };
	}
	*rows = v;
	return n;
}

const struct ctr *ui_row_ctr(const struct ui_row *r)
{
	return r->ctr < 0 ? NULL : &conn_containers(r->conn)->v[r->ctr];
}

static int is_selected(const struct ui *u, const struct ui_row *r)
{
	if (r->conn != u->sel_conn)
		return 0;
	const struct ctr *c = ui_row_ctr(r);
	return c ? u->sel_id && strcmp(c->id, u->sel_id) == 0 : u->sel_id == NULL;
}

int ui_selected_pos(const struct ui *u, const struct ui_row *rows, size_t n)
{
	for (size_t i = 0; u->sel_conn && i < n; i++)
		if (is_selected(u, &rows[i]))
			return (int)i;
	return -1;
}

const struct ctr *ui_selected(const struct ui *u)
{
	return u->sel_conn && u->sel_id ? ctrlist_find(conn_containers(u->sel_conn), u->sel_id) : NULL;
}

int ui_selected_engine(const struct ui *u)
{
	return u->sel_conn && u->sel_id == NULL ? app_engine_index(u->app, u->sel_conn) : -1;
}

void ui_select(struct ui *u, struct conn *c, const char *id)
{
	for (size_t e = 0; c == NULL && id && e < app_nengines(u->app); e++)
		if (ctrlist_find(conn_containers(app_engine_conn(u->app, e)), id))
			c = app_engine_conn(u->app, e);
	if (c == NULL)
		id = NULL;
	if (c == u->sel_conn && ((id == NULL && u->sel_id == NULL) || (id && u->sel_id && strcmp(id, u->sel_id) == 0)))
		return;
	free(u->sel_id);
	u->sel_id = id ? xstrdup(id) : NULL;
	u->sel_conn = c;
	app_select_container(u->app, c, id);
	ui_redraw(u, UI_DRAW_LIST | UI_DRAW_PANEL);
}

static void select_row(struct ui *u, const struct ui_row *r)
{
	const struct ctr *c = ui_row_ctr(r);
	ui_select(u, r->conn, c ? c->id : NULL);
	u->sel_auto = 0;
}

/* The first row to select: the first container, else the first row. */
static int first_row(const struct ui_row *rows, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rows[i].ctr >= 0)
			return (int)i;
	return n > 0 ? 0 : -1;
}

void ui_list_move(struct ui *u, int delta)
{
	struct ui_row *rows;
	size_t n = ui_visible_rows(u, &rows);
	if (n > 0) {
		int p = ui_selected_pos(u, rows, n);
		p = p < 0 ? first_row(rows, n) : p + delta;
		if (p < 0)
			p = 0;
		if (p >= (int)n)
			p = (int)n - 1;
		select_row(u, &rows[p]);
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
	/* Filtering looks for containers: from a header, the first one; while
	 * none passes, the first that comes (sel_auto). */
	struct ui_row *rows;
	size_t n = ui_visible_rows(u, &rows);
	int p = first_row(rows, n);
	if (u->sel_id == NULL && p >= 0)
		select_row(u, &rows[p]);
	ui_list_move(u, 0);
	if (p >= 0 && rows[p].ctr < 0)
		u->sel_auto = 1;
	free(rows);
	ui_redraw(u, UI_DRAW_LIST);
}

void ui_selection_sync(struct ui *u)
{
	/* While a terminal has the focus, the panel shows its container. */
	struct session *s = app_current_session(u->app);
	int term = s && u->focus == UI_FOCUS_TERM;
	if (term)
		ui_select(u, app_tab_conn(u->app, (size_t)app_current(u->app)), session_spec(s)->container_id);
	/* The selected engine went (engine-close). */
	if (u->sel_conn && app_engine_index(u->app, u->sel_conn) < 0) {
		free(u->sel_id);
		u->sel_id = NULL;
		u->sel_conn = NULL;
	}
	struct ui_row *rows;
	size_t n = ui_visible_rows(u, &rows);
	int p = ui_selected_pos(u, rows, n);
	/* What the console chose (nothing was selected yet) follows the first
	 * row until the user moves: the engines' lists come in any order. */
	int fr = first_row(rows, n);
	if ((p < 0 || (u->sel_auto && p != fr)) && n > 0 && !term) {
		/* The selected container went: its engine's header, or the first. */
		int h = -1;
		for (size_t i = 0; u->sel_conn && !u->sel_auto && i < n && h < 0; i++)
			if (rows[i].conn == u->sel_conn && rows[i].ctr < 0)
				h = (int)i;
		int went = h >= 0 && u->sel_id != NULL;
		p = went ? h : fr;
		select_row(u, &rows[p]);
		u->sel_auto = !went;
	}
	free(rows);
	int avail = (u->lay.list.h - 1) / 2; /* two lines a row */
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
