/* colour.c: palette arithmetic (see colour.h). Pure functions, no curses. */
#include "config.h"
#include "ui/colour.h"

static const uint8_t ansi_rgb[16][3] = {
	{ 0x00, 0x00, 0x00 }, { 0x80, 0x00, 0x00 }, { 0x00, 0x80, 0x00 }, { 0x80, 0x80, 0x00 },
	{ 0x00, 0x00, 0x80 }, { 0x80, 0x00, 0x80 }, { 0x00, 0x80, 0x80 }, { 0xc0, 0xc0, 0xc0 },
	{ 0x80, 0x80, 0x80 }, { 0xff, 0x00, 0x00 }, { 0x00, 0xff, 0x00 }, { 0xff, 0xff, 0x00 },
	{ 0x00, 0x00, 0xff }, { 0xff, 0x00, 0xff }, { 0x00, 0xff, 0xff }, { 0xff, 0xff, 0xff },
};
/* The six levels of each axis of the cube. */
static const int cube_level[6] = { 0x00, 0x5f, 0x87, 0xaf, 0xd7, 0xff };

static int dist_sq(int r1, int g1, int b1, int r2, int g2, int b2)
{
	return (r1 - r2) * (r1 - r2) + (g1 - g2) * (g1 - g2) + (b1 - b2) * (b1 - b2);
}

/* The cube level nearest v: the levels are not evenly spaced (0, 95, then
 * steps of 40), so the first two cuts are set apart. */
static int cube_axis(int v)
{
	if (v < 48)
		return 0;
	if (v < 114)
		return 1;
	return (v - 35) / 40;
}

void colour_index_rgb(int idx, uint8_t *r, uint8_t *g, uint8_t *b)
{
	idx &= 0xff;
	if (idx < 16) {
		*r = ansi_rgb[idx][0];
		*g = ansi_rgb[idx][1];
		*b = ansi_rgb[idx][2];
	} else if (idx < 232) {
		int c = idx - 16;
		*r = (uint8_t)cube_level[c / 36];
		*g = (uint8_t)cube_level[c / 6 % 6];
		*b = (uint8_t)cube_level[c % 6];
	} else {
		*r = *g = *b = (uint8_t)(8 + 10 * (idx - 232));
	}
}

int colour_rgb_to_256(uint8_t r, uint8_t g, uint8_t b)
{
	int qr = cube_axis(r), qg = cube_axis(g), qb = cube_axis(b);
	int cr = cube_level[qr], cg = cube_level[qg], cb = cube_level[qb];
	int cube = 16 + 36 * qr + 6 * qg + qb;
	if (cr == r && cg == g && cb == b)
		return cube;
	int avg = (r + g + b) / 3;
	int gi = avg > 238 ? 23 : (avg - 3) / 10;
	if (gi < 0)
		gi = 0;
	int grey = 8 + 10 * gi;
	if (dist_sq(grey, grey, grey, r, g, b) < dist_sq(cr, cg, cb, r, g, b))
		return 232 + gi;
	return cube;
}

int colour_rgb_to_ansi(uint8_t r, uint8_t g, uint8_t b, int n)
{
	int best = 0, bestd = -1;
	if (n > 16)
		n = 16;
	for (int i = 0; i < n; i++) {
		int d = dist_sq(ansi_rgb[i][0], ansi_rgb[i][1], ansi_rgb[i][2], r, g, b);
		if (bestd < 0 || d < bestd) {
			best = i;
			bestd = d;
		}
	}
	return best;
}

int colour_for_depth(const struct term_color *c, enum colour_depth depth)
{
	if (c->kind == TERM_COLOR_DEFAULT || depth == COLOUR_DEPTH_NONE)
		return -1;
	uint8_t r = c->r, g = c->g, b = c->b;
	if (c->kind == TERM_COLOR_INDEXED) {
		int idx = c->index;
		if (idx < (depth == COLOUR_DEPTH_DIRECT ? 8 : (int)depth))
			return idx;
		colour_index_rgb(idx, &r, &g, &b);
	}
	switch (depth) {
	case COLOUR_DEPTH_DIRECT: {
		int v = (r << 16) | (g << 8) | b;
		return v < 8 ? 8 : v;
	}
	case COLOUR_DEPTH_256:
		return colour_rgb_to_256(r, g, b);
	default:
		return colour_rgb_to_ansi(r, g, b, (int)depth);
	}
}
