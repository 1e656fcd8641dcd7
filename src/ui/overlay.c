/* overlay.c: runs of struck and curly-underlined cells painted with
 * terminfo's strings after curses' frame (see overlay.h). */
#include "config.h"
#include "ui/overlay.h"
#include "ui/style.h"
#include "core/xmalloc.h"
#include <string.h>
#include <term.h>
#include <unistd.h>

void overlay_add(struct overlay *o, int y, int x, int cols, attr_t attr, int pair, int extra,
    const char *utf8, size_t len)
{
	struct overlay_run *r = o->n ? &o->v[o->n - 1] : NULL;
	if (r == NULL || r->y != y || r->x + r->cols != x || r->attr != attr || r->pair != pair ||
	    r->extra != extra) {
		if (o->n == o->cap) {
			o->cap = o->cap ? o->cap * 2 : 16;
			o->v = xreallocarray(o->v, o->cap, sizeof *o->v);
		}
		r = &o->v[o->n++];
		memset(r, 0, sizeof *r);
		r->y = y;
		r->x = x;
		r->attr = attr;
		r->pair = pair;
		r->extra = extra;
		buf_init(&r->text);
	}
	buf_add(&r->text, utf8, len);
	r->cols += cols;
}

void overlay_drop(struct overlay *o, int y, int x, int w)
{
	size_t k = 0;
	for (size_t i = 0; i < o->n; i++) {
		struct overlay_run *r = &o->v[i];
		if (w < 0 || (r->y == y && r->x < x + w && x < r->x + r->cols))
			buf_free(&r->text);
		else
			o->v[k++] = *r;
	}
	o->n = k;
}

/* What the terminal is sent, gathered: tputs writes through a function
 * without an argument. */
static struct buf *out;

static int out_char(int c)
{
	char ch = (char)c;
	buf_add(out, &ch, 1);
	return c;
}

static void out_cap(const char *s)
{
	if (s)
		tputs(s, 1, out_char);
}

void overlay_paint(struct overlay *o)
{
	if (o->n == 0)
		return;
	struct buf b;
	buf_init(&b);
	out = &b;
	int cy, cx;
	getyx(curscr, cy, cx);
	for (size_t i = 0; i < o->n; i++) {
		struct overlay_run *r = &o->v[i];
		out_cap(tiparm(cursor_address, r->y, r->x));
		/* vid_puts keeps curses' record of the terminal's attributes. */
		int pair = r->pair;
		vid_puts(r->attr, 0, &pair, out_char);
		if (r->extra & STYLE_EXTRA_STRIKE)
			out_cap(style_strike_on());
		if (r->extra & STYLE_EXTRA_CURLY)
			out_cap(style_underline(3));
		else if (r->extra & STYLE_EXTRA_DOUBLE)
			out_cap(style_underline(2));
		/* The cells' text as is: not through tputs, which would read
		 * "$<...>" in it as a delay. */
		buf_add(&b, buf_ptr(&r->text), buf_used(&r->text));
		if (r->extra & STYLE_EXTRA_STRIKE)
			out_cap(style_strike_off());
		if (r->extra & (STYLE_EXTRA_CURLY | STYLE_EXTRA_DOUBLE))
			out_cap(style_underline(0));
		buf_free(&r->text);
	}
	vid_puts(A_NORMAL, 0, NULL, out_char);
	out_cap(tiparm(cursor_address, cy, cx));
	out = NULL;
	size_t n = buf_used(&b), off = 0;
	const char *p = buf_ptr(&b);
	while (off < n) {
		ssize_t w = write(STDOUT_FILENO, p + off, n - off);
		if (w <= 0)
			break;
		off += (size_t)w;
	}
	buf_free(&b);
	o->n = 0;
}

void overlay_free(struct overlay *o)
{
	for (size_t i = 0; i < o->n; i++)
		buf_free(&o->v[i].text);
	free(o->v);
	memset(o, 0, sizeof *o);
}
