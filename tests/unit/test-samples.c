/* test-samples.c: a figure's history (session/samples.c): the ring keeps
 * the last SAMPLES_MAX values in order, and the sparkline: one glyph a
 * value while they fit, shared out over the width (largest of each share)
 * when they do not, heights against a given top or the largest value, both
 * glyph sets, a buffer too small for every glyph. */
#include "config.h"
#include "session/samples.h"
#include "../tap.h"
#include <math.h>
#include <string.h>

#define B1 "\xe2\x96\x81"
#define B2 "\xe2\x96\x82"
#define B3 "\xe2\x96\x83"
#define B4 "\xe2\x96\x84"
#define B5 "\xe2\x96\x85"
#define B8 "\xe2\x96\x88"

static void test_ring(void)
{
	struct samples s;
	samples_reset(&s);
	is_int(samples_count(&s), 0, "empty at first");
	ok(samples_max(&s) == 0, "the largest of none is 0");
	ok(samples_at(&s, 0) == 0, "no value 0 yet");
	for (int i = 1; i <= 10; i++)
		samples_push(&s, i);
	is_int(samples_count(&s), 10, "ten pushed, ten held");
	ok(samples_at(&s, 0) == 1 && samples_at(&s, 9) == 10, "oldest first");
	for (int i = 11; i <= 75; i++)
		samples_push(&s, i);
	is_int(samples_count(&s), SAMPLES_MAX, "full at SAMPLES_MAX");
	int order = 1;
	for (int i = 0; i < SAMPLES_MAX; i++)
		order &= samples_at(&s, i) == 75 - SAMPLES_MAX + 1 + i;
	ok(order, "the last SAMPLES_MAX values, in order, across the wrap");
	ok(samples_at(&s, -1) == 0 && samples_at(&s, SAMPLES_MAX) == 0, "outside the range: 0");
	ok(samples_max(&s) == 75, "the largest");
	samples_push(&s, NAN);
	ok(samples_at(&s, SAMPLES_MAX - 1) == 0, "a value that is not finite counts as 0");
	samples_reset(&s);
	is_int(samples_count(&s), 0, "reset empties it");
	struct samples z = { 0 };
	samples_push(&z, -3);
	ok(samples_count(&z) == 1 && samples_max(&z) == -3, "a zeroed struct works; the largest of negatives");
}

static void test_spark(void)
{
	struct samples s = { 0 };
	char buf[256];
	is_int(samples_spark(&s, 20, 100, SAMPLES_UTF8, buf, sizeof buf), 0, "empty: no columns");
	is_str(buf, "", "and an empty string");
	samples_push(&s, 0);
	samples_push(&s, 50);
	samples_push(&s, 100);
	samples_push(&s, 1);
	samples_push(&s, 250);
	is_int(samples_spark(&s, 20, 100, SAMPLES_UTF8, buf, sizeof buf), 5, "a column a value while they fit");
	is_str(buf, B1 B5 B8 B2 B8, "0 lowest, 50 %% the fifth, top and above the highest, 1 %% off the floor");
	samples_spark(&s, 20, 100, SAMPLES_ASCII, buf, sizeof buf);
	is_str(buf, "_-#.#", "ASCII: _.-=#");
	samples_spark(&s, 20, 0, SAMPLES_UTF8, buf, sizeof buf);
	is_str(buf, B1 B3 B4 B2 B8, "top 0: against the largest value (250)");
	is_int(samples_spark(&s, 0, 100, SAMPLES_UTF8, buf, sizeof buf), 0, "no width: nothing");

	/* 60 values over 20 columns: each column the largest of three. */
	samples_reset(&s);
	for (int i = 0; i < SAMPLES_MAX; i++)
		samples_push(&s, i == 31 ? 100 : 0);
	is_int(samples_spark(&s, 20, 100, SAMPLES_UTF8, buf, sizeof buf), 20, "sixty values in twenty columns");
	char want[256] = "";
	for (int c = 0; c < 20; c++)
		strcat(want, c == 10 ? B8 : B1);
	is_str(buf, want, "a one-second spike still shows, in its place");
	is_int(samples_spark(&s, 7, 100, SAMPLES_ASCII, buf, sizeof buf), 7, "any width: seven columns");
	is_str(buf, "___#___", "the spike in the middle column");

	is_int(samples_spark(&s, 20, 100, SAMPLES_UTF8, buf, 10), 3, "a small buffer: whole glyphs only");
	is_int((long long)strlen(buf), 9, "nine bytes and the NUL");
	is_int(samples_spark(&s, 20, 100, SAMPLES_UTF8, buf, 1), 0, "room for the NUL only");
	is_str(buf, "", "an empty string");
}

int main(void)
{
	test_ring();
	test_spark();
	return done_testing();
}
