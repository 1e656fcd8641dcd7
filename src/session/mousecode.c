/* mousecode.c: xterm's mouse reports read and written (mousecode.h). */
#include "config.h"
#include "session/mousecode.h"
#include <stdio.h>
#include <string.h>

int mouse_is_wheel(const struct mouse_event *ev, int down)
{
	return (ev->b & (MOUSE_WHEEL | MOUSE_EXTRA)) == MOUSE_WHEEL && (ev->b & MOUSE_BUTTON_MASK) == (down ? 1 : 0) &&
	    !ev->release;
}

static int plain(const struct mouse_event *ev, int button)
{
	return !(ev->b & (MOUSE_WHEEL | MOUSE_EXTRA)) && (ev->b & MOUSE_BUTTON_MASK) == button;
}

int mouse_is_press(const struct mouse_event *ev, int button)
{
	return plain(ev, button) && !(ev->b & MOUSE_MOTION) && !ev->release;
}

int mouse_is_drag(const struct mouse_event *ev, int button)
{
	return plain(ev, button) && (ev->b & MOUSE_MOTION) && !ev->release;
}

/* X10's byte for a cell: 33 for the first, 255 at most. */
static char x10_cell(int v)
{
	if (v < 0)
		v = 0;
	return (char)(unsigned char)(v > 255 - 33 ? 255 : v + 33);
}

size_t mouse_encode(const struct mouse_event *ev, int mode, char *buf)
{
	int level = mode & MOUSE_MODE_LEVEL, b = ev->b;
	if (level == MOUSE_MODE_NONE)
		return 0;
	if (b & MOUSE_MOTION) {
		if (level < MOUSE_MODE_DRAG)
			return 0;
		if ((b & MOUSE_BUTTON_MASK) == MOUSE_BUTTON_NONE && level < MOUSE_MODE_MOVE)
			return 0;
	}
	if (ev->release && (b & MOUSE_WHEEL))
		return 0; /* a wheel has no release */
	int x = ev->x < 0 ? 0 : ev->x, y = ev->y < 0 ? 0 : ev->y;
	if (mode & MOUSE_MODE_SGR) {
		int n = snprintf(buf, MOUSE_CODE_MAX, "\033[<%d;%d;%d%c", b, x + 1, y + 1, ev->release ? 'm' : 'M');
		return n > 0 && n < MOUSE_CODE_MAX ? (size_t)n : 0;
	}
	if (ev->release)
		b = MOUSE_BUTTON_NONE | (b & (MOUSE_SHIFT | MOUSE_META | MOUSE_CTRL | MOUSE_MOTION));
	if (b < 0 || b + 32 > 255)
		return 0;
	memcpy(buf, "\033[M", 3);
	buf[3] = (char)(unsigned char)(b + 32);
	buf[4] = x10_cell(x);
	buf[5] = x10_cell(y);
	return 6;
}

void mouse_reader_reset(struct mouse_reader *r)
{
	memset(r, 0, sizeof *r);
}

int mouse_reader_feed(struct mouse_reader *r, int c, struct mouse_event *out)
{
	if (c >= '0' && c <= '9') {
		if (r->digits >= 6)
			goto bad; /* no terminal is that wide */
		r->v[r->n] = r->v[r->n] * 10 + (c - '0');
		r->digits++;
		return 0;
	}
	if (c == ';' && r->digits > 0 && r->n < 2) {
		r->n++;
		r->digits = 0;
		return 0;
	}
	if ((c == 'M' || c == 'm') && r->digits > 0 && r->n == 2) {
		out->b = (int)r->v[0];
		out->x = r->v[1] > 0 ? (int)r->v[1] - 1 : 0;
		out->y = r->v[2] > 0 ? (int)r->v[2] - 1 : 0;
		out->release = c == 'm';
		mouse_reader_reset(r);
		return 1;
	}
bad:
	mouse_reader_reset(r);
	return -1;
}
