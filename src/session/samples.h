/* samples.h: the history of one figure sampled at a steady pace (the side
 * panel's CPU % and memory, one a second): a ring of the last SAMPLES_MAX
 * values, oldest first, and a sparkline of them.
 *
 * Pure: no I/O, no allocation, no locale; the caller says which glyphs to
 * use. A struct samples needs no freeing; samples_reset() (or a zeroed
 * struct) makes it empty. Values that are not finite count as 0. */
#ifndef PH_SAMPLES_H
#define PH_SAMPLES_H
#include <stddef.h>

#define SAMPLES_MAX 60

struct samples {
	double v[SAMPLES_MAX];
	int first;      /* the oldest value's slot */
	int n;          /* values held, at most SAMPLES_MAX */
};

void samples_reset(struct samples *s);
/* Add v as the newest value; the oldest goes when the ring is full. */
void samples_push(struct samples *s, double v);
int samples_count(const struct samples *s);
/* The i-th value, 0 the oldest; 0 outside 0..count-1. */
double samples_at(const struct samples *s, int i);
/* The largest value, 0 when empty. */
double samples_max(const struct samples *s);

/* Sparkline glyph sets, lowest to highest: SAMPLES_UTF8 the eight block
 * elements U+2581..U+2588 ("▁▂▃▄▅▆▇█"), SAMPLES_ASCII "_.-=#". */
enum samples_charset { SAMPLES_ASCII, SAMPLES_UTF8 };

/* The sparkline of s into buf (NUL-terminated; a glyph that does not fit
 * whole is left out), one glyph a column, at most width columns: with no
 * more values than columns, one column a value, oldest on the left; with
 * more, every value still shows: they are shared out over the width in
 * order and each column shows the largest of its share. A value's height
 * is its fraction of top: 0 or less is the lowest glyph, top or more the
 * highest, anything above 0 at least the second lowest; top <= 0 means
 * the largest value held. Returns the columns written (0 when empty). */
int samples_spark(const struct samples *s, int width, double top, enum samples_charset cs, char *buf,
    size_t size);

#endif
