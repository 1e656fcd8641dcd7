/* draw-panel.c: the side panel on the right: the selected container's
 * inspect data (or the selected engine's state), the focused session's exec inspect, then the container's
 * live resource figures while it runs. */
#include "config.h"
#include "ui/draw.h"
#include "ui/selection.h"
#include "core/xmalloc.h"
#include <stdlib.h>

/* The key column and the space after it (draw_kv's "%-10s "). */
#define KEY_COLS 11

static void draw_kv(int *y, int ymax, int x, int w, const struct kvlist *kv)
{
	for (size_t i = 0; i < kv->n && *y < ymax; i++, (*y)++) {
		char *line = xasprintf("%-10s %s", kv->v[i].k, kv->v[i].v);
		draw_text_fit(*y, x, w, line, A_NORMAL, 0);
		free(line);
	}
}

void draw_panel(const struct ui *u)
{
	struct rect r = u->lay.panel;
	if (r.w <= 0)
		return;
	draw_vline(r.x, r.y, r.h);
	int x = r.x + 1, w = r.w - 1, y = r.y, ymax = r.y + r.h;
	int eng = ui_selected_engine(u);
	if (eng >= 0) {
		/* An engine's header row is selected: the engine. */
		struct kvlist ek = { 0 };
		app_engine_panel(u->app, (size_t)eng, &ek);
		draw_text(y++, x, w, " engine", A_BOLD, 0);
		draw_kv(&y, ymax, x, w, &ek);
		kvlist_clear(&ek);
	} else {
		draw_text(y++, x, w, " container", A_BOLD, 0);
		draw_kv(&y, ymax, x, w, app_container_panel(u->app));
	}
	if (y < ymax)
		draw_text(y++, x, w, "", A_NORMAL, 0);
	struct kvlist sk = { 0 };
	app_session_panel(u->app, &sk);
	if (sk.n && y < ymax)
		draw_text(y++, x, w, " session", A_BOLD, 0);
	draw_kv(&y, ymax, x, w, &sk);
	if (sk.n && y < ymax)
		draw_text(y++, x, w, "", A_NORMAL, 0);
	kvlist_clear(&sk);
	/* Last: on a short terminal the figures are what is cut. */
	struct kvlist rk = { 0 };
	app_stats_panel(u->app, w - KEY_COLS, MB_CUR_MAX > 1 ? SAMPLES_UTF8 : SAMPLES_ASCII, &rk);
	if (rk.n && y < ymax)
		draw_text(y++, x, w, " resources", A_BOLD, 0);
	draw_kv(&y, ymax, x, w, &rk);
	kvlist_clear(&rk);
	while (y < ymax)
		draw_text(y++, x, w, "", A_NORMAL, 0);
}
