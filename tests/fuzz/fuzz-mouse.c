/* fuzz-mouse.c: fuzz target for the mouse reports (session/mousecode.c).
 * The input is what a terminal sends after "ESC [ <": every byte is fed to
 * the SGR report reader. A report it completes has a button code and cells
 * that are not negative and fit a screen; it is encoded for each mode a
 * program may ask for, never past MOUSE_CODE_MAX, the X10 form always six
 * bytes that start with ESC [ M; and its SGR form, read back, gives the
 * same event. */
#include "config.h"
#include "session/mousecode.h"
#include "fuzz.h"
#include <string.h>

static void check_event(const struct mouse_event *ev)
{
	FUZZ_CHECK(ev->b >= 0 && ev->b < 1000000);
	FUZZ_CHECK(ev->x >= 0 && ev->x < 1000000 && ev->y >= 0 && ev->y < 1000000);
	char buf[MOUSE_CODE_MAX];
	for (int mode = 0; mode < 8; mode++) {
		size_t n = mouse_encode(ev, mode, buf);
		FUZZ_CHECK(n <= MOUSE_CODE_MAX);
		if ((mode & MOUSE_MODE_LEVEL) == MOUSE_MODE_NONE)
			FUZZ_CHECK(n == 0);
		if (n == 0)
			continue;
		if (!(mode & MOUSE_MODE_SGR)) {
			FUZZ_CHECK(n == 6 && memcmp(buf, "\033[M", 3) == 0);
			continue;
		}
		FUZZ_CHECK(n > 3 && memcmp(buf, "\033[<", 3) == 0);
		struct mouse_reader r;
		struct mouse_event back;
		int got = 0;
		mouse_reader_reset(&r);
		for (size_t i = 3; i < n; i++) {
			got = mouse_reader_feed(&r, (unsigned char)buf[i], &back);
			FUZZ_CHECK(got == (i == n - 1 ? 1 : 0));
		}
		FUZZ_CHECK(back.b == ev->b && back.x == ev->x && back.y == ev->y && back.release == ev->release);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mouse_reader r;
	struct mouse_event ev;
	mouse_reader_reset(&r);
	for (size_t i = 0; i < size; i++) {
		int got = mouse_reader_feed(&r, data[i], &ev);
		FUZZ_CHECK(got >= -1 && got <= 1);
		if (got == 1)
			check_event(&ev);
	}
	return 0;
}
