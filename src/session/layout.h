/* layout.h: the console's layout arithmetic (pure): which rectangle each
 * part of the screen gets for a terminal size and the visible parts. The
 * terminal pane's rectangle is the single source of truth for every exec
 * TTY's size. */
#ifndef PH_LAYOUT_H
#define PH_LAYOUT_H

struct rect { int y, x, h, w; };

struct layout_in {
	int rows, cols;      /* whole terminal */
	int show_list;       /* container list on the left */
	int show_panel;      /* inspect side panel on the right */
	int list_width;      /* wanted widths (clamped) */
	int panel_width;
};

struct layout {
	struct rect list, tabbar, pane, panel, status;
	/* h or w 0 for a part not shown. pane is never smaller than 2x10 when
	 * the terminal is at least 4x20. */
};

void layout_compute(const struct layout_in *in, struct layout *out);

#endif
