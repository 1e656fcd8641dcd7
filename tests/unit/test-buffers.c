/* test-buffers.c: the paste buffers (ui/buffers.c): newest first, at most
 * PASTE_BUFFERS_MAX, empty texts left out. */
#include "config.h"
#include "ui/buffers.h"
#include "../tap.h"
#include <stdio.h>
#include <string.h>

int main(void)
{
	struct paste_buffers b = { { 0 }, 0 };
	ok(paste_buffers_get(&b, 0) == NULL, "none at first");
	paste_buffers_add(&b, "one");
	paste_buffers_add(&b, "two");
	paste_buffers_add(&b, "");
	is_int((int)b.n, 2, "two buffers; the empty text is not one");
	is_str(paste_buffers_get(&b, 0), "two", "the newest first");
	is_str(paste_buffers_get(&b, 1), "one", "then the older");
	for (int i = 0; i < 60; i++) {
		char t[16];
		snprintf(t, sizeof t, "t%d", i);
		paste_buffers_add(&b, t);
	}
	is_int((int)b.n, PASTE_BUFFERS_MAX, "at most 50 are kept");
	is_str(paste_buffers_get(&b, 0), "t59", "the newest is the last added");
	is_str(paste_buffers_get(&b, PASTE_BUFFERS_MAX - 1), "t10", "the oldest kept is the 50th newest");
	ok(paste_buffers_get(&b, PASTE_BUFFERS_MAX) == NULL, "none past the last");
	paste_buffers_clear(&b);
	is_int((int)b.n, 0, "cleared");
	return done_testing();
}
