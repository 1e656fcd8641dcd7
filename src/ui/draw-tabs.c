/* draw-tabs.c: the tab bar above the pane: one label a tab (number,
 * engine when there are several, container, title or command, state,
 * activity or bell mark), scrolled so
 * that the current tab shows. */
#include "config.h"
#include "ui/draw.h"
#include "ui/style.h"
#include "ui/text.h"
#include "session/conn.h"
#include "session/logfollow.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A label of at most TAB_LABEL_MAX columns, made inert: what is cut is
 * the title first, then the name, never the state mark. */
#define TAB_LABEL_MAX 40

static char *fit_label(const char *head, const char *body, const char *tail)
{
	char *h = str_inert(head), *b = str_inert(body), *t = str_inert(tail);
	int hw = text_width(h), bw = text_width(b), tw = text_width(t);
	const char *ell = MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~";
	if (hw + bw + tw > TAB_LABEL_MAX) {
		int room = TAB_LABEL_MAX - hw - tw;
		char *nb = room >= 3 ? text_fit(b, room, ell) : xstrdup("");
		free(b);
		b = nb;
		if (room < 3) {
			char *nh = text_fit(h, TAB_LABEL_MAX - tw > 4 ? TAB_LABEL_MAX - tw : 4, ell);
			free(h);
			h = nh;
		}
	}
	char *label = xasprintf("%s%s%s", h, b, t);
	free(h);
	free(b);
	free(t);
	return label;
}

static char *tab_label(const struct ui *u, size_t i)
{
	struct session *s = app_tab(u->app, i);
	enum session_state st = session_state(s);
	char mark[32] = "";
	if (st == SESSION_EXITED)
		snprintf(mark, sizeof mark, " [exit %d]", session_exit_code(s));
	else if (st == SESSION_FAILED)
		snprintf(mark, sizeof mark, session_ran(s) ? " [ended]" : " [failed]");
	else if (st != SESSION_RUNNING && session_input_waiting(s) > 0)
		/* Keys typed while it starts: sent once it runs. */
		snprintf(mark, sizeof mark, " [... %zu typed]", session_input_waiting(s));
	else if (st != SESSION_RUNNING)
		snprintf(mark, sizeof mark, " [...]");
	int cur = (int)i == app_current(u->app);
	const char *flag = !cur && session_bell(s) ? "!" : !cur && session_activity(s) ? "+" : "";
	/* The container as the list knows it now: renamed, paused, gone. */
	struct conn *conn = app_tab_conn(u->app, i);
	const struct ctrlist *l = conn_containers(conn);
	const struct ctr *c = ctrlist_find(l, session_spec(s)->container_id);
	const char *name = c ? c->name : session_spec(s)->container_name;
	if (st == SESSION_RUNNING && c && strcmp(c->state, "paused") == 0)
		snprintf(mark, sizeof mark, " [paused]");
	else if (st == SESSION_RUNNING && c == NULL && conn_state(conn) == CONN_CONNECTED && l->n > 0)
		snprintf(mark, sizeof mark, " [removed]");
	else if (st == SESSION_RUNNING && conn_state(conn) == CONN_DISCONNECTED)
		snprintf(mark, sizeof mark, " [engine down]");
	/* A logs tab says whether its container runs; its log sets no title. */
	struct logfollow *lf = session_logs(s);
	if (lf && st == SESSION_RUNNING && logfollow_state(lf) == LOGFOLLOW_STOPPED)
		snprintf(mark, sizeof mark, " [not running]");
	const char *title = lf ? NULL : term_title(session_term(s));
	/* "=": in the synchronized-input set. */
	const char *sync = app_tab_synced(u->app, i) ? "=" : "";
	/* With several engines, "engine:container". */
	int many = app_nengines(u->app) > 1;
	char *head = xasprintf(" %zu:%s%s%s", i, many ? app_conn_name(u->app, conn) : "", many ? ":" : "", name);
	char *body = xasprintf(" %s", title && *title ? title : session_command(s));
	char *tail = xasprintf("%s%s%s ", mark, flag, sync);
	char *label = fit_label(head, body, tail);
	free(head);
	free(body);
	free(tail);
	return label;
}

static int label_width(const char *s)
{
	int w = text_width(s);
	return w > TAB_LABEL_MAX ? TAB_LABEL_MAX : w;
}

void draw_tabs(const struct ui *u)
{
	struct rect r = u->lay.tabbar;
	if (r.w <= 0)
		return;
	size_t n = app_ntabs(u->app);
	if (n == 0) {
		draw_text(r.y, r.x, r.w, " no tabs", A_DIM, 0);
		return;
	}
	char **labels = xcalloc(n, sizeof *labels);
	for (size_t i = 0; i < n; i++)
		labels[i] = tab_label(u, i);
	/* The first tab shown: far enough right that the current one fits
	 * (with room for the "<" that says tabs are hidden to the left). */
	int cur = app_current(u->app);
	size_t first = 0;
	for (;;) {
		int w = first > 0 ? 1 : 0;
		for (size_t i = first; cur >= 0 && i <= (size_t)cur; i++)
			w += label_width(labels[i]);
		if (w <= r.w || (int)first >= cur)
			break;
		first++;
	}
	int x = 0;
	if (first > 0) {
		draw_text(r.y, r.x, 1, "<", A_BOLD, 0);
		x = 1;
	}
	for (size_t i = first; i < n && x < r.w; i++) {
		enum session_state st = session_state(app_tab(u->app, i));
		int w = label_width(labels[i]);
		if (x + w > r.w)
			w = r.w - x;
		attr_t a = (int)i == cur ? (u->focus == UI_FOCUS_TERM ? A_REVERSE | A_BOLD : A_REVERSE) : A_NORMAL;
		int pr = st == SESSION_EXITED || st == SESSION_FAILED ? style_ui_pair(COLOR_YELLOW) : 0;
		draw_text(r.y, r.x + x, w, labels[i], a, pr);
		draw_tab_drawn(i, r.x + x, w);
		x += w;
	}
	if (x < r.w)
		draw_text(r.y, r.x + x, r.w - x, "", A_NORMAL, 0);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}
