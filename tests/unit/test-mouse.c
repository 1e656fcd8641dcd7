/* test-mouse.c: xterm's mouse reports (session/mousecode.h): the bytes of
 * events encoded for a program in the X10 and SGR forms (buttons,
 * modifiers, the wheel, releases, motions at each level, cells past 223),
 * the reading of SGR reports byte by byte, and a terminal model's mouse
 * modes set by the process's DECSET/DECRST with the events it then sends
 * (term_mouse()). */
#include "config.h"
#include "session/mousecode.h"
#include "session/term.h"
#include "core/buf.h"
#include "../tap.h"
#include <stdio.h>
#include <string.h>

/* The encoding as text: control and high bytes as \xNN. */
static const char *shown(const char *p, size_t n)
{
	static char out[4 * MOUSE_CODE_MAX + 1];
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c >= 0x7f)
			o += (size_t)snprintf(out + o, sizeof out - o, "\\x%02x", c);
		else
			out[o++] = (char)c;
	}
	out[o] = '\0';
	return out;
}

static const char *enc(int b, int x, int y, int release, int mode)
{
	struct mouse_event ev = { b, x, y, release };
	char buf[MOUSE_CODE_MAX];
	size_t n = mouse_encode(&ev, mode, buf);
	return n ? shown(buf, n) : "(none)";
}

#define SGR(level) ((level) | MOUSE_MODE_SGR)

static void test_encode(void)
{
	/* X10 (the default form): ESC [ M, then 32 + b, 33 + x, 33 + y. */
	is_str(enc(0, 0, 0, 0, MOUSE_MODE_CLICK), "\\x1b[M !!", "X10: left press at the first cell");
	is_str(enc(2, 9, 4, 0, MOUSE_MODE_CLICK), "\\x1b[M\"*%", "X10: right press at 10,5");
	is_str(enc(1, 9, 4, 1, MOUSE_MODE_CLICK), "\\x1b[M#*%", "X10: a release is button 3");
	is_str(enc(0 | MOUSE_CTRL | MOUSE_SHIFT, 0, 0, 1, MOUSE_MODE_CLICK), "\\x1b[M7!!",
	    "X10: a release keeps its modifiers");
	is_str(enc(MOUSE_WHEEL, 3, 2, 0, MOUSE_MODE_CLICK), "\\x1b[M`$#", "X10: wheel up is 64");
	is_str(enc(MOUSE_WHEEL | 1, 3, 2, 0, MOUSE_MODE_CLICK), "\\x1b[Ma$#", "X10: wheel down 65");
	is_str(enc(MOUSE_WHEEL, 3, 2, 1, MOUSE_MODE_CLICK), "(none)", "a wheel has no release");
	is_str(enc(0, 221, 0, 0, MOUSE_MODE_CLICK), "\\x1b[M \\xfe!", "X10: cell 222 is the byte 254");
	is_str(enc(0, 222, 0, 0, MOUSE_MODE_CLICK), "\\x1b[M \\xff!", "X10: cell 223 is the byte 255");
	is_str(enc(0, 300, 250, 0, MOUSE_MODE_CLICK), "\\x1b[M \\xff\\xff", "X10: past 223: clamped to 255");
	is_str(enc(MOUSE_EXTRA | MOUSE_WHEEL | MOUSE_MOTION | MOUSE_SHIFT, 0, 0, 0, MOUSE_MODE_MOVE), "(none)",
	    "X10: a button code past 223 cannot go");

	/* SGR: ESC [ < b ; x ; y, M for a press, m for a release. */
	is_str(enc(0, 0, 0, 0, SGR(MOUSE_MODE_CLICK)), "\\x1b[<0;1;1M", "SGR: left press at the first cell");
	is_str(enc(0, 0, 0, 1, SGR(MOUSE_MODE_CLICK)), "\\x1b[<0;1;1m", "SGR: its release says the button");
	is_str(enc(2 | MOUSE_META, 79, 23, 0, SGR(MOUSE_MODE_CLICK)), "\\x1b[<10;80;24M", "SGR: Meta right press");
	is_str(enc(MOUSE_WHEEL | 1, 5, 6, 0, SGR(MOUSE_MODE_CLICK)), "\\x1b[<65;6;7M", "SGR: wheel down");
	is_str(enc(0, 299, 249, 0, SGR(MOUSE_MODE_CLICK)), "\\x1b[<0;300;250M", "SGR: cells past 223 as they are");
	is_str(enc(0, -3, -1, 0, SGR(MOUSE_MODE_CLICK)), "\\x1b[<0;1;1M", "a cell before the first is the first");

	/* Motions by level: none at 1000, with a button at 1002, all at 1003. */
	int drag = MOUSE_MOTION | MOUSE_BUTTON_LEFT, move = MOUSE_MOTION | MOUSE_BUTTON_NONE;
	is_str(enc(drag, 4, 4, 0, SGR(MOUSE_MODE_CLICK)), "(none)", "1000: no drag");
	is_str(enc(drag, 4, 4, 0, SGR(MOUSE_MODE_DRAG)), "\\x1b[<32;5;5M", "1002: a drag is 32 + its button");
	is_str(enc(move, 4, 4, 0, SGR(MOUSE_MODE_DRAG)), "(none)", "1002: no motion without a button");
	is_str(enc(move, 4, 4, 0, SGR(MOUSE_MODE_MOVE)), "\\x1b[<35;5;5M", "1003: every motion");
	is_str(enc(drag, 4, 4, 0, MOUSE_MODE_DRAG), "\\x1b[M@%%", "1002 in X10: the drag's byte 64");
	is_str(enc(0, 0, 0, 0, MOUSE_MODE_NONE), "(none)", "no reporting: nothing");
	is_str(enc(0, 0, 0, 0, MOUSE_MODE_SGR), "(none)", "1006 alone reports nothing");
}

/* Read a whole report (after ESC [ <): 1 with *ev, or where it failed. */
static int read_all(const char *s, struct mouse_event *ev)
{
	struct mouse_reader r;
	mouse_reader_reset(&r);
	for (const char *p = s; *p; p++) {
		int rc = mouse_reader_feed(&r, (unsigned char)*p, ev);
		if (rc != 0)
			return rc == 1 && p[1] == '\0' ? 1 : -1 - (int)(p - s);
	}
	return 0;
}

static void test_read(void)
{
	struct mouse_event ev;
	ok(read_all("0;1;1M", &ev) == 1 && ev.b == 0 && ev.x == 0 && ev.y == 0 && !ev.release,
	    "a press at the first cell");
	ok(read_all("2;300;250m", &ev) == 1 && ev.b == 2 && ev.x == 299 && ev.y == 249 && ev.release,
	    "a right release past cell 223");
	ok(read_all("64;10;3M", &ev) == 1 && mouse_is_wheel(&ev, 0) && !mouse_is_wheel(&ev, 1) &&
	    !mouse_is_press(&ev, 0), "the wheel up is not a press");
	ok(read_all("65;10;3M", &ev) == 1 && mouse_is_wheel(&ev, 1), "wheel down");
	ok(read_all("32;7;8M", &ev) == 1 && mouse_is_drag(&ev, MOUSE_BUTTON_LEFT) && !mouse_is_press(&ev, 0),
	    "a drag with the left button");
	ok(read_all("20;7;8M", &ev) == 1 && mouse_is_press(&ev, MOUSE_BUTTON_LEFT) && (ev.b & MOUSE_CTRL),
	    "a press with Control");
	is_int(read_all("0;1;1", &ev), 0, "unfinished: more is needed");
	is_int(read_all("0;1M", &ev), -4, "two numbers: not a report");
	is_int(read_all(";1;1M", &ev), -1, "an empty number: not one");
	is_int(read_all("0;1;1;2M", &ev), -6, "four numbers: not one");
	is_int(read_all("0;1;1x", &ev), -6, "another final byte: not one");
	is_int(read_all("1234567;1;1M", &ev), -7, "a number too long: not one");
	struct mouse_reader r;
	mouse_reader_reset(&r);
	const char *two = "0;5;5M0;6;6m";
	int got = 0;
	for (const char *p = two; *p; p++)
		got += mouse_reader_feed(&r, (unsigned char)*p, &ev) == 1;
	ok(got == 2 && ev.x == 5 && ev.release, "after one report the reader reads the next");
}

static void out_cb(const char *p, size_t n, void *arg) { buf_add(arg, p, n); }

static void feed(struct term *t, const char *s) { term_feed(t, s, strlen(s)); }

/* What term_mouse() sent for the event (b at x, y), as text. */
static const char *sent(struct term *t, struct buf *b, int code, int x, int y, int release)
{
	struct mouse_event ev = { code, x, y, release };
	buf_reset(b);
	int went = term_mouse(t, &ev);
	const char *s = shown(buf_ptr(b), buf_used(b));
	return went ? s : buf_used(b) ? "(said not sent, but sent)" : "(none)";
}

static void test_term(void)
{
	struct buf b;
	buf_init(&b);
	struct term_cb cb = { .output = out_cb };
	struct term *t = term_new(24, 300, &cb, &b);
	is_int(term_mouse_mode(t), MOUSE_MODE_NONE, "a new term asks for no mouse reports");
	is_str(sent(t, &b, 0, 1, 1, 0), "(none)", "and gets none");
	feed(t, "\033[?1000h");
	is_int(term_mouse_mode(t), MOUSE_MODE_CLICK, "DECSET 1000: clicks, X10 form");
	is_str(sent(t, &b, 0, 1, 2, 0), "\\x1b[M \"#", "a press in X10");
	feed(t, "\033[?1006h");
	is_int(term_mouse_mode(t), MOUSE_MODE_CLICK | MOUSE_MODE_SGR, "DECSET 1006: the SGR form");
	is_str(sent(t, &b, 0, 249, 2, 1), "\\x1b[<0;250;3m", "a release in SGR at column 250");
	is_str(sent(t, &b, MOUSE_MOTION, 3, 3, 0), "(none)", "no drag at 1000");
	feed(t, "\033[?1002h");
	is_int(term_mouse_mode(t), MOUSE_MODE_DRAG | MOUSE_MODE_SGR, "DECSET 1002: drags");
	is_str(sent(t, &b, MOUSE_MOTION, 3, 3, 0), "\\x1b[<32;4;4M", "a drag goes");
	/* The process's sequences, one after the other, and the mode after each. */
	static const struct { const char *bytes; int mode; const char *what; } steps[] = {
		{ "\033[?1003h", MOUSE_MODE_MOVE | MOUSE_MODE_SGR, "DECSET 1003: every motion" },
		{ "\033[?1006l", MOUSE_MODE_MOVE, "DECRST 1006: X10 again" },
		{ "\033[?1006;1000h", MOUSE_MODE_CLICK | MOUSE_MODE_SGR, "both in one DECSET" },
		{ "\033[?1015h", MOUSE_MODE_CLICK, "1015 replaces the SGR form" },
		{ "\033[?1006h\033[?1000l", MOUSE_MODE_NONE, "DECRST 1000: no reports" },
		{ "\033[?1002h", MOUSE_MODE_DRAG | MOUSE_MODE_SGR, "the form is kept while reports are off" },
		{ "\033c", MOUSE_MODE_NONE, "RIS: no reports" },
		{ "\033[?1000h", MOUSE_MODE_CLICK, "and the X10 form after it" },
	};
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		feed(t, steps[i].bytes);
		is_int(term_mouse_mode(t), steps[i].mode, "%s", steps[i].what);
	}
	term_free(t);
	buf_free(&b);
}

int main(void)
{
	test_encode();
	test_read();
	test_term();
	return done_testing();
}
