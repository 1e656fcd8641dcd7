/* colour.h: colour arithmetic for the console, without curses: the RGB of
 * each entry of the 256-colour palette, the palette entry nearest an RGB
 * colour (the 6x6x6 cube or the grey ramp 232-255, by the rule tmux uses),
 * the nearest of the first 8 or 16 entries, and the colour number to give
 * the outer terminal for a cell's colour at each colour depth. Called by the
 * cell styling (ui/style.c) and by tests. Nothing here allocates. */
#ifndef PH_UI_COLOUR_H
#define PH_UI_COLOUR_H
#include <stdint.h>
#include "session/term.h"

/* How many colours the outer terminal shows. */
enum colour_depth {
	COLOUR_DEPTH_NONE = 0,  /* monochrome, or NO_COLOR set */
	COLOUR_DEPTH_8 = 8,
	COLOUR_DEPTH_16 = 16,
	COLOUR_DEPTH_256 = 256,
	COLOUR_DEPTH_DIRECT = 1 << 24  /* colour numbers are 0xRRGGBB */
};

/* The RGB of palette entry idx (0-255), xterm's default palette. */
void colour_index_rgb(int idx, uint8_t *r, uint8_t *g, uint8_t *b);
/* The entry 16-255 nearest r, g, b: the cube's, unless a grey of the ramp
 * is nearer. */
int colour_rgb_to_256(uint8_t r, uint8_t g, uint8_t b);
/* The nearest of the palette entries 0 .. n-1 (n 8 or 16). */
int colour_rgb_to_ansi(uint8_t r, uint8_t g, uint8_t b, int n);
/* The colour number for the outer terminal at depth, -1 for the terminal's
 * default (TERM_COLOR_DEFAULT, or any colour at COLOUR_DEPTH_NONE). In
 * direct colour, entries 0-7 stay palette numbers (the user's own colours)
 * and everything else is 0xRRGGBB, at least 8 so that it is not taken for
 * one of them. */
int colour_for_depth(const struct term_color *c, enum colour_depth depth);

#endif
