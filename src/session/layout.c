/* layout.c: layout arithmetic (see layout.h). Rows: the tab bar on top of
 * the pane, the status line at the bottom; columns: list | pane | panel,
 * each side part separated from the pane by a one-column border that the
 * side part's rectangle includes. */
#include "config.h"
#include "session/layout.h"
#include <string.h>

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

void layout_compute(const struct layout_in *in, struct layout *o)
{
	memset(o, 0, sizeof *o);
	int rows = in->rows < 1 ? 1 : in->rows, cols = in->cols < 1 ? 1 : in->cols;
	int body = rows - 1; /* status line */
	o->status = (struct rect){ rows - 1, 0, 1, cols };
	if (body < 1) {
		o->pane = (struct rect){ 0, 0, 0, 0 };
		return;
	}
	/* Keep at least 10 columns for the pane: side parts shrink first. */
	int room = cols - 10;
	int lw = 0, pw = 0;
	if (in->show_list && room > 4) {
		lw = clamp(in->list_width > 0 ? in->list_width : 30, room < 8 ? room : 8, room);
		room -= lw;
	}
	if (in->show_panel && room > 4) {
		pw = clamp(in->panel_width > 0 ? in->panel_width : 34, room < 8 ? room : 8, room);
		room -= pw;
	}
	if (lw)
		o->list = (struct rect){ 0, 0, body, lw };
	if (pw)
		o->panel = (struct rect){ 0, cols - pw, body, pw };
	int px = lw, pwid = cols - lw - pw;
	o->tabbar = (struct rect){ 0, px, 1, pwid };
	o->pane = (struct rect){ 1, px, body - 1 > 0 ? body - 1 : 0, pwid };
}
