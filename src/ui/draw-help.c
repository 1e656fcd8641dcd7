/* draw-help.c: the help screen, a box over the console with the key
 * tables in force (ui/help.h). Taller than the terminal, it scrolls
 * (ui/input.c moves help_top within help_lines_max()). */
#include "config.h"
#include "ui/draw.h"
#include "ui/help.h"
#include <stdio.h>

void draw_help(const struct ui *u)
{
	struct help_text t;
	help_text_build(&u->conf, &t);
	int h = (int)t.n + 1;
	int w = 64 < u->cols - 2 ? 64 : u->cols - 2;
	if (h > u->rows - 1)
		h = u->rows - 1;
	int y0 = (u->rows - h) / 2, x0 = (u->cols - w) / 2, y = y0;
	int shown = h - 1, n = (int)t.n;
	int top = u->help_top > n - shown ? n - shown : u->help_top;
	if (top < 0)
		top = 0;
	char title[96];
	if (shown >= n)
		snprintf(title, sizeof title, " porthole keys (any key closes)");
	else
		snprintf(title, sizeof title, " porthole keys %d-%d of %d (j/k, PgUp/PgDn scroll; other keys close)",
		    top + 1, top + shown, n);
	draw_text(y++, x0, w, title, A_REVERSE | A_BOLD, 0);
	for (int i = top; i < n && y < y0 + h; i++)
		draw_text(y++, x0, w, t.v[i].text, t.v[i].heading ? A_BOLD : A_NORMAL, 0);
	help_text_clear(&t);
}
