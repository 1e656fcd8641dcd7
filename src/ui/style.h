/* style.h: how cells look on the outer terminal: whether it shows colour
 * (none when NO_COLOR is set and not empty), how many (8, 16, 256 or direct
 * RGB), the curses attributes and colour pair of a terminal cell, and which
 * of the cell's attributes curses cannot show but the terminal's terminfo
 * can (strikethrough through smxx/rmxx, curly and double underline through
 * Smulx): those are painted after the frame (ui/overlay.h). Called by the
 * drawing; style_init() once after curses starts. The module keeps the
 * terminal's capabilities; nothing to free. */
#ifndef PH_UI_STYLE_H
#define PH_UI_STYLE_H
#include <curses.h>
#include "session/term.h"
#include "ui/colour.h"

/* The extra attributes (bits). */
enum {
	STYLE_EXTRA_STRIKE = 1 << 0,
	STYLE_EXTRA_CURLY = 1 << 1,
	STYLE_EXTRA_DOUBLE = 1 << 2
};

/* Start colours (unless NO_COLOR) and read the terminal's capabilities. */
void style_init(void);
enum colour_depth style_depth(void);
/* terminfo strings for the extra attributes, NULL when the terminal has
 * none. style_strike_on/off: smxx, rmxx; style_underline(n): Smulx with n
 * (0 off, 2 double, 3 curly), from a static buffer. */
const char *style_strike_on(void);
const char *style_strike_off(void);
const char *style_underline(int n);

/* A colour pair for terminal colour numbers (colour_for_depth(), -1 the
 * default); 0 without colour. */
int style_pair(int fg, int bg);
/* A pair for one of the console's own colours (COLOR_GREEN...) on the
 * default background; 0 without colour. */
int style_ui_pair(int fg);
/* The curses attributes and pair of cell, and in *extra the STYLE_EXTRA_*
 * bits the overlay should paint. A concealed cell is to be drawn blank. */
void style_cell(const struct term_cell *cell, attr_t *attr, int *pair, int *extra);

#endif
