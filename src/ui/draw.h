/* draw.h: drawing the console into curses' stdscr from the state, one
 * region a file: the list (draw-list.c), the tab bar (draw-tabs.c), the
 * terminal pane (draw-pane.c), the side panel (draw-panel.c), the status
 * line (status.c) and the help screen (draw-help.c); draw.c puts a frame
 * together and owns the helpers they share. Drawing reads the state and
 * never changes it or starts I/O: the loop glue (ui/ui.c) clears the
 * redraw marks and takes the terminal's damage after a frame. */
#ifndef PH_UI_DRAW_H
#define PH_UI_DRAW_H
#include <curses.h>
#include "ui/overlay.h"
#include "ui/state.h"

/* What the previous frame drew in the pane: a different session, place or
 * view offset means drawing every row again. */
struct draw_cache {
	const struct session *session;
	struct rect rect;
	int offset;
	int drawn;                  /* a frame was drawn */
	struct overlay overlay;     /* this frame's struck and curly runs */
	/* Screen rows the overlay painted on: curses does not know those
	 * cells' look, so they are rewritten whole when drawn again. */
	unsigned char *painted;
	int npainted;
};

/* Free what the cache holds. */
void draw_cache_free(struct draw_cache *cache);

/* Draw the parts marked in u->redraw, the help when it shows, place the
 * cursor, then one doupdate(). */
void draw_frame(const struct ui *u, struct draw_cache *cache);

/* Inert UTF-8 s at y, x clipped to w columns, the rest of them blank. */
void draw_text(int y, int x, int w, const char *s, attr_t attr, int pair);
/* The same, but a string wider than w ends in an ellipsis ("~" when the
 * locale is not UTF-8) instead of being cut without a sign. */
void draw_text_fit(int y, int x, int w, const char *s, attr_t attr, int pair);
void draw_vline(int x, int y, int h);

void draw_list(const struct ui *u);
/* The tab bar; each tab it shows it tells draw_tab_drawn() (i, its first
 * column and width), for draw_tab_at(): the tab drawn at screen column x
 * by the last tab bar, or -1. That map is the drawing's own record (as
 * tmux's status line keeps its ranges for the mouse), not console state. */
void draw_tabs(const struct ui *u);
void draw_tab_drawn(size_t i, int x, int w);
int draw_tab_at(int x);
/* Every row when full, else the rows the session's terminal marked dirty;
 * the runs for the overlay go to the cache. */
void draw_pane(const struct ui *u, int full, struct draw_cache *cache);
void draw_panel(const struct ui *u);
void draw_status(const struct ui *u);
void draw_help(const struct ui *u);

#endif
