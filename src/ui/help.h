/* help.h: the help's text from the key tables in force: for each mode a
 * heading, then a line per group of adjacent keys of one command (keys, the
 * command's help). The help screen (draw-help.c) and `porthole help keys`
 * (ui_print_keys() in ui.h) show the same lines. No curses. */
#ifndef PH_UI_HELP_H
#define PH_UI_HELP_H
#include <stddef.h>
#include "ui/config.h"

struct help_line {
	char *text;   /* allocated */
	int heading;  /* a mode's heading */
};
struct help_text {
	struct help_line *v;
	size_t n;
};

/* The lines for c (free with help_text_clear()). */
void help_text_build(const struct ui_config *c, struct help_text *out);
void help_text_clear(struct help_text *t);

#endif
