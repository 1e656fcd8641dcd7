/* draw-tabs.c: the tab bar above the pane: one label a tab (number,
 * container, title or command, state, activity or bell mark), scrolled so
 * that the current tab shows. */
#include "config.h"
#include "ui/draw.h"
#include "ui/style.h"
#include "session/logfollow.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	const struct ctr *c = ctrlist_find(app_containers(u->app), session_spec(s)->container_id);
	const char *name = c ? c->name : session_spec(s)->container_name;
	if (st == SESSION_RUNNING && c && strcmp(c->state, "paused") == 0)
		snprintf(mark, sizeof mark, " [paused]");
	else if (st == SESSION_RUNNING && c == NULL && app_conn(u->app) == APP_CONNECTED &&
	    app_containers(u->app)->n > 0)
		snprintf(mark, sizeof mark, " [removed]");
	/* A logs tab says whether its container runs; its log sets no title. */
	struct logfollow *lf = session_logs(s);
	if (lf && st == SESSION_RUNNING && logfollow_state(lf) == LOGFOLLOW_STOPPED)
		snprintf(mark, sizeof mark, " [not running]");
	const char *title = lf ? NULL : term_title(session_term(s));
	/* "=": in the synchronized-input set. */
	const char *sync = app_tab_synced(u->app, i) ? "=" : "";
	char *label = xasprintf(" %zu:%s %s%s%s%s ", i, name, title && *title ? title : session_command(s), mark, flag, sync);
	char *inert = str_inert(label);
	free(label);
	return inert;
}

static int label_width(const char *s)
{
	int w = (int)strlen(s); /* inert labels: mostly ASCII; a bound is enough */
	return w > 40 ? 40 : w;
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
		x += w;
	}
	if (x < r.w)
		draw_text(r.y, r.x + x, r.w - x, "", A_NORMAL, 0);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}
