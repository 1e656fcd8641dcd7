/* overlay.h: attributes curses has no bit for (strikethrough, curly and
 * double underline), painted over a frame after doupdate(): the pane notes
 * each run of such cells it drew (position, curses attributes and pair, the
 * extra attributes, the text), and overlay_paint() rewrites those cells
 * with the terminal's own sequences (smxx/rmxx, Smulx), then puts the
 * cursor and the attributes back where curses left them, so curses' idea
 * of the screen stays true. Called by the drawing (ui/draw.c). An overlay
 * owns its runs; overlay_free() frees them. */
#ifndef PH_UI_OVERLAY_H
#define PH_UI_OVERLAY_H
#include <curses.h>
#include <stddef.h>
#include "core/buf.h"

struct overlay_run {
	int y, x;
	attr_t attr;
	int pair;
	int extra;           /* STYLE_EXTRA_* bits */
	int cols;            /* columns the text takes */
	struct buf text;     /* UTF-8 */
};

struct overlay {
	struct overlay_run *v;
	size_t n, cap;
};

/* One cell (cols 1 or 2) at y, x: joins the last run when it continues it
 * with the same look. */
void overlay_add(struct overlay *o, int y, int x, int cols, attr_t attr, int pair, int extra,
    const char *utf8, size_t len);
/* Forget the runs on row y that meet columns x .. x+w-1 (something was
 * drawn over them); w < 0: every run. */
void overlay_drop(struct overlay *o, int y, int x, int w);
/* Paint the runs (after doupdate) and forget them. */
void overlay_paint(struct overlay *o);
void overlay_free(struct overlay *o);

#endif
