/* samples.c: a figure's recent history and its sparkline (see samples.h). */
#include "config.h"
#include "session/samples.h"
#include <math.h>
#include <string.h>

void samples_reset(struct samples *s)
{
	memset(s, 0, sizeof *s);
}

void samples_push(struct samples *s, double v)
{
	if (!isfinite(v))
		v = 0;
	if (s->n < SAMPLES_MAX) {
		s->v[(s->first + s->n) % SAMPLES_MAX] = v;
		s->n++;
	} else {
		s->v[s->first] = v;
		s->first = (s->first + 1) % SAMPLES_MAX;
	}
}

int samples_count(const struct samples *s) { return s->n; }

double samples_at(const struct samples *s, int i)
{
	if (i < 0 || i >= s->n)
		return 0;
	return s->v[(s->first + i) % SAMPLES_MAX];
}

double samples_max(const struct samples *s)
{
	double m = 0;
	for (int i = 0; i < s->n; i++) {
		double v = samples_at(s, i);
		if (i == 0 || v > m)
			m = v;
	}
	return m;
}

static const char *const utf8_glyphs[] = {
	"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
	"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
};
static const char *const ascii_glyphs[] = { "_", ".", "-", "=", "#" };

/* The glyph index of v on a scale of levels glyphs up to top. */
static int level(double v, double top, int levels)
{
	if (!(v > 0) || !(top > 0))
		return 0;
	if (v >= top)
		return levels - 1;
	double x = v / top * (levels - 1);
	int l = (int)x;
	if (l < x)
		l++; /* rounded up: any value above 0 rises off the floor */
	return l < 1 ? 1 : l > levels - 1 ? levels - 1 : l;
}

int samples_spark(const struct samples *s, int width, double top, enum samples_charset cs, char *buf,
    size_t size)
{
	const char *const *g = cs == SAMPLES_UTF8 ? utf8_glyphs : ascii_glyphs;
	int levels = cs == SAMPLES_UTF8 ? 8 : 5;
	if (size == 0)
		return 0;
	buf[0] = '\0';
	int n = s->n, cols = n < width ? n : width;
	if (cols <= 0)
		return 0;
	if (!(top > 0))
		top = samples_max(s);
	size_t len = 0;
	int done = 0;
	for (int c = 0; c < cols; c++) {
		/* Column c shows values [c*n/cols, (c+1)*n/cols). */
		int from = (int)((long)c * n / cols), to = (int)((long)(c + 1) * n / cols);
		double m = samples_at(s, from);
		for (int i = from + 1; i < to; i++)
			if (samples_at(s, i) > m)
				m = samples_at(s, i);
		const char *gl = g[level(m, top, levels)];
		size_t gn = strlen(gl);
		if (len + gn + 1 > size)
			break;
		memcpy(buf + len, gl, gn);
		len += gn;
		buf[len] = '\0';
		done++;
	}
	return done;
}
