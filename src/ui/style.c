/* style.c: the outer terminal's colours and attributes (see style.h). */
#include "config.h"
#include "ui/style.h"
#include <stdlib.h>
#include <string.h>
#include <term.h>

static enum colour_depth depth;
static const char *smxx, *rmxx, *smulx;

static const char *capability(const char *name)
{
	char *s = tigetstr(name);
	return s == NULL || s == (char *)-1 || *s == '\0' ? NULL : s;
}

void style_init(void)
{
	const char *nc = getenv("NO_COLOR");
	depth = COLOUR_DEPTH_NONE;
	if ((nc == NULL || *nc == '\0') && has_colors()) {
		start_color();
		use_default_colors();
		if (COLORS >= 0x1000000)
			depth = COLOUR_DEPTH_DIRECT;
		else if (COLORS >= 256)
			depth = COLOUR_DEPTH_256;
		else if (COLORS >= 16)
			depth = COLOUR_DEPTH_16;
		else if (COLORS >= 8)
			depth = COLOUR_DEPTH_8;
	}
	smxx = capability("smxx");
	rmxx = capability("rmxx");
	if (smxx == NULL || rmxx == NULL)
		smxx = rmxx = NULL;
	smulx = capability("Smulx");
}

enum colour_depth style_depth(void) { return depth; }
const char *style_strike_on(void) { return smxx; }
const char *style_strike_off(void) { return rmxx; }

const char *style_underline(int n)
{
	if (smulx == NULL)
		return NULL;
	return tiparm(smulx, n);
}

int style_pair(int fg, int bg)
{
	if (depth == COLOUR_DEPTH_NONE || (fg < 0 && bg < 0))
		return 0;
	int p = alloc_pair(fg, bg);
	return p < 0 ? 0 : p;
}

int style_ui_pair(int fg)
{
	return style_pair(fg, -1);
}

void style_cell(const struct term_cell *cell, attr_t *attr, int *pair, int *extra)
{
	attr_t a = A_NORMAL;
	int x = 0;
	uint16_t at = cell->attr;
	if (at & TERM_ATTR_BOLD) a |= A_BOLD;
	if (at & TERM_ATTR_FAINT) a |= A_DIM;
	if (at & TERM_ATTR_UNDERLINE) a |= A_UNDERLINE;
	if (at & TERM_ATTR_REVERSE) a |= A_REVERSE;
	if (at & TERM_ATTR_BLINK) a |= A_BLINK;
	if (at & TERM_ATTR_ITALIC) a |= A_ITALIC;
	if ((at & TERM_ATTR_STRIKE) && smxx)
		x |= STYLE_EXTRA_STRIKE;
	if ((at & TERM_ATTR_UNDERLINE_CURLY) && smulx)
		x |= STYLE_EXTRA_CURLY;
	else if ((at & TERM_ATTR_UNDERLINE_DOUBLE) && smulx)
		x |= STYLE_EXTRA_DOUBLE;
	*attr = a;
	*pair = style_pair(colour_for_depth(&cell->fg, depth), colour_for_depth(&cell->bg, depth));
	*extra = x;
}
