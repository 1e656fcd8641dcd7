/* draw-help.c: the help screen, a box over the console with the key
 * tables in force (ui/help.h); any key closes it. */
#include "config.h"
#include "ui/draw.h"
#include "ui/help.h"

void draw_help(const struct ui *u)
{
	struct help_text t;
	help_text_build(&u->conf, &t);
	int h = (int)t.n + 1;
	int w = 64 < u->cols - 2 ? 64 : u->cols - 2;
	if (h > u->rows - 1)
		h = u->rows - 1;
	int y0 = (u->rows - h) / 2, x0 = (u->cols - w) / 2, y = y0;
	draw_text(y++, x0, w, " porthole keys (any key closes)", A_REVERSE | A_BOLD, 0);
	for (size_t i = 0; i < t.n && y < y0 + h; i++)
		draw_text(y++, x0, w, t.v[i].text, t.v[i].heading ? A_BOLD : A_NORMAL, 0);
	help_text_clear(&t);
}
