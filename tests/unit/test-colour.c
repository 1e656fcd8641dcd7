/* test-colour.c: the console's colour arithmetic (ui/colour.c): the
 * nearest 256-palette entry by the cube-or-grey rule, the nearest of 8 or
 * 16, and the colour numbers given to the outer terminal at each depth. No
 * terminal needed. */
#include "config.h"
#include "ui/colour.h"
#include "../tap.h"

static struct term_color rgb(uint8_t r, uint8_t g, uint8_t b)
{
	struct term_color c = { TERM_COLOR_RGB, 0, r, g, b };
	return c;
}

static struct term_color indexed(uint8_t i)
{
	struct term_color c = { TERM_COLOR_INDEXED, i, 0, 0, 0 };
	return c;
}

int main(void)
{
	is_int(colour_rgb_to_256(0xff, 0x80, 0x00), 208, "#ff8000 is 208 (the cube's 5,2,0)");
	is_int(colour_rgb_to_256(0x0e, 0x00, 0x00), 232, "#0e0000 is 232: the darkest grey is nearer than black");
	is_int(colour_rgb_to_256(0x00, 0x00, 0x00), 16, "black is the cube's 16");
	is_int(colour_rgb_to_256(0xff, 0xff, 0xff), 231, "white is the cube's 231");
	is_int(colour_rgb_to_256(0x80, 0x80, 0x80), 244, "#808080 is the grey 244");
	is_int(colour_rgb_to_256(0xee, 0xee, 0xee), 255, "#eeeeee is the lightest grey");
	is_int(colour_rgb_to_256(0x5f, 0x87, 0xd7), 68, "an exact cube colour is itself");
	int back = 1;
	for (int i = 16; i < 256; i++) {
		uint8_t r, g, b;
		colour_index_rgb(i, &r, &g, &b);
		if (colour_rgb_to_256(r, g, b) != i) {
			diag("entry %d (#%02x%02x%02x) maps to %d", i, r, g, b, colour_rgb_to_256(r, g, b));
			back = 0;
		}
	}
	ok(back, "every entry 16-255 maps back to itself");

	is_int(colour_rgb_to_ansi(0xff, 0x10, 0x10, 16), 9, "bright red among 16");
	is_int(colour_rgb_to_ansi(0xff, 0x10, 0x10, 8), 1, "red among 8");
	is_int(colour_rgb_to_ansi(0x10, 0x10, 0x10, 16), 0, "near black is black");

	struct term_color dflt = { TERM_COLOR_DEFAULT, 0, 0, 0, 0 }, c;
	is_int(colour_for_depth(&dflt, COLOUR_DEPTH_256), -1, "the default colour stays the terminal's");
	c = indexed(3);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_NONE), -1, "no colour at all without colours");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_8), 3, "palette 3 on 8 colours is 3");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_DIRECT), 3, "palette 0-7 stay palette numbers in direct colour");
	c = indexed(9);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_8), 1, "bright red on 8 colours is red");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_16), 9, "and itself on 16");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_DIRECT), 0xff0000, "and #ff0000 in direct colour");
	c = indexed(208);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_256), 208, "palette 208 on 256 colours is itself");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_16), 11, "and bright yellow (the nearest) on 16");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_DIRECT), 0xff8700, "and #ff8700 in direct colour");
	c = rgb(0xff, 0x80, 0x00);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_DIRECT), 0xff8000, "RGB is RGB in direct colour");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_256), 208, "and 208 on 256 colours");
	is_int(colour_for_depth(&c, COLOUR_DEPTH_8), 3, "and yellow on 8");
	c = rgb(0, 0, 3);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_DIRECT), 8, "a direct colour below 8 is not taken for a palette entry");
	c = rgb(0x0e, 0, 0);
	is_int(colour_for_depth(&c, COLOUR_DEPTH_256), 232, "#0e0000 on 256 colours is 232");
	return done_testing();
}
