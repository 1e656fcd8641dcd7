/* term.c: the headless terminal model of term.h over libvterm. Owns the
 * VTerm, the scrollback ring, the dirty-row marks and the title copy. Called
 * by the exec session (term_feed, term_resize), the UI (reading cells, keys,
 * the scroll view) and the tests.
 *
 * libvterm's screen callbacks run inside vterm_input_write(): they only
 * record state here (dirty rows, title, bell, scrollback lines). Damage is
 * flushed once per term_feed(), and the owner's callbacks run after that.
 *
 * Limits of libvterm 0.1.4 worked around here: its text handler uses stack
 * in proportion to the bytes given to one vterm_input_write() call, so
 * term_feed() writes bounded chunks; it drops an OSC or DCS string (the
 * window title) and can lose a UTF-8 character split over two writes, so
 * term_feed() never splits those and holds an unfinished one until the rest
 * comes; it writes past its own arrays or rows on a CSI of more than 16
 * parameters, on REP and on U+0080..U+009F, and has crashed on invalid
 * UTF-8, so every write passes a guard first (vterm_write_safe); and a
 * resize that makes the screen shorter can leave the cursor above row 0, so
 * term_resize() moves it back. */
#include "config.h"
#include "session/term.h"
#include "session/scrollback.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <vterm.h>

_Static_assert(TERM_MAX_CHARS == VTERM_MAX_CHARS_PER_CELL, "cell codepoint count matches libvterm");

/* The decoded scrollback line last read, so that reading a row cell by cell
 * does not decode the line once per column. Kept behind a pointer: reading
 * through a const struct term still updates it. */
struct term_sbcache {
	unsigned long gen; /* term's scrollback generation it was decoded at */
	int index;         /* scrollback line (0 = newest), -1 for none */
	int cols;
	struct term_cell *cells;
	int cap;
};

struct term {
	VTerm *vt;
	VTermScreen *vs;
	VTermState *state;
	struct term_cb cb;
	void *arg;
	int rows, cols;

	struct scrollback *sb;
	unsigned long sb_gen; /* bumped whenever the scrollback changes */
	struct term_sbcache *cache;
	struct term_cell *rowbuf; /* scratch for pushing and popping lines */
	int rowbuf_cap;

	unsigned char *dirty; /* one mark per view row */
	int dirty_cap;
	int damaged;

	int bell;        /* for term_take_bell() */
	int bell_notify; /* for cb.bell at the end of term_feed() */
	char *title;
	int title_notify;
	int cursor_visible;
	int cursor_shape;
	int altscreen;
	int view_offset;

	struct buf pending; /* an unfinished string or character for the next feed */
	struct buf scratch; /* the bytes of one write, as libvterm may see them */
	int guard;          /* GUARD_* state of the CSI guard */
	int guard_args;     /* parameters of the CSI being read, so far */
	int guard_digits;   /* digits of its current parameter */
	int guard_leader;   /* it had a leader byte (< = > ?) */
	long guard_first;   /* the value of its first parameter */
	char last_ch[4];    /* the last character printed (UTF-8), for REP */
	int last_len, last_need;
};

static void dirty_reserve(struct term *t, int rows)
{
	if (rows <= t->dirty_cap)
		return;
	t->dirty = xrealloc(t->dirty, (size_t)rows);
	memset(t->dirty + t->dirty_cap, 0, (size_t)(rows - t->dirty_cap));
	t->dirty_cap = rows;
}

static void dirty_all(struct term *t)
{
	int n = t->rows < t->dirty_cap ? t->rows : t->dirty_cap;
	memset(t->dirty, 1, (size_t)n);
	t->damaged = 1;
}

/* Mark screen rows [start, end) dirty. While the view is scrolled back the
 * screen rows sit lower in the view, so the whole view is redrawn. */
static void dirty_rows(struct term *t, int start, int end)
{
	if (t->view_offset > 0) {
		dirty_all(t);
		return;
	}
	int n = t->rows < t->dirty_cap ? t->rows : t->dirty_cap;
	if (start < 0)
		start = 0;
	if (end > n)
		end = n;
	for (int r = start; r < end; r++)
		t->dirty[r] = 1;
	t->damaged = 1;
}

static void rowbuf_reserve(struct term *t, int cols)
{
	if (cols <= t->rowbuf_cap)
		return;
	t->rowbuf = xreallocarray(t->rowbuf, (size_t)cols, sizeof *t->rowbuf);
	t->rowbuf_cap = cols;
}

/* --- conversion between libvterm cells and ours --- */

static void color_from_vterm(const VTermColor *vc, int is_bg, struct term_color *out)
{
	memset(out, 0, sizeof *out);
	if (is_bg ? VTERM_COLOR_IS_DEFAULT_BG(vc) : VTERM_COLOR_IS_DEFAULT_FG(vc)) {
		out->kind = TERM_COLOR_DEFAULT;
	} else if (VTERM_COLOR_IS_INDEXED(vc)) {
		out->kind = TERM_COLOR_INDEXED;
		out->index = vc->indexed.idx;
	} else {
		out->kind = TERM_COLOR_RGB;
		out->r = vc->rgb.red;
		out->g = vc->rgb.green;
		out->b = vc->rgb.blue;
	}
}

static void color_to_vterm(const struct term *t, const struct term_color *c, int is_bg, VTermColor *out)
{
	switch (c->kind) {
	case TERM_COLOR_INDEXED:
		vterm_color_indexed(out, c->index);
		break;
	case TERM_COLOR_RGB:
		vterm_color_rgb(out, c->r, c->g, c->b);
		break;
	default: {
		VTermColor fg, bg;
		vterm_state_get_default_colors(t->state, &fg, &bg);
		*out = is_bg ? bg : fg;
		break;
	}
	}
}

static void cell_from_vterm(const VTermScreenCell *vc, struct term_cell *out)
{
	memset(out, 0, sizeof *out);
	if (vc->chars[0] == (uint32_t)-1) {
		out->width = 0; /* right half of a wide character */
	} else {
		int n = 0;
		while (n < VTERM_MAX_CHARS_PER_CELL && vc->chars[n] != 0) {
			out->ch[n] = vc->chars[n];
			n++;
		}
		if (n == 0)
			out->ch[n++] = ' ';
		out->nch = n;
		out->width = vc->width == 2 ? 2 : 1;
	}
	uint16_t a = 0;
	if (vc->attrs.bold)
		a |= TERM_ATTR_BOLD;
	if (vc->attrs.underline != VTERM_UNDERLINE_OFF)
		a |= TERM_ATTR_UNDERLINE;
	if (vc->attrs.underline == VTERM_UNDERLINE_DOUBLE)
		a |= TERM_ATTR_UNDERLINE_DOUBLE;
	if (vc->attrs.underline == VTERM_UNDERLINE_CURLY)
		a |= TERM_ATTR_UNDERLINE_CURLY;
	if (vc->attrs.italic)
		a |= TERM_ATTR_ITALIC;
	if (vc->attrs.blink)
		a |= TERM_ATTR_BLINK;
	if (vc->attrs.reverse)
		a |= TERM_ATTR_REVERSE;
	if (vc->attrs.strike)
		a |= TERM_ATTR_STRIKE;
	out->attr = a;
	color_from_vterm(&vc->fg, 0, &out->fg);
	color_from_vterm(&vc->bg, 1, &out->bg);
}

static void cell_to_vterm(const struct term *t, const struct term_cell *c, VTermScreenCell *out)
{
	memset(out, 0, sizeof *out);
	if (c->width == 0) {
		out->chars[0] = (uint32_t)-1;
		out->width = 1;
	} else {
		for (int i = 0; i < c->nch && i < VTERM_MAX_CHARS_PER_CELL; i++)
			out->chars[i] = c->ch[i];
		out->width = (char)(c->width == 2 ? 2 : 1);
	}
	out->attrs.bold = !!(c->attr & TERM_ATTR_BOLD);
	if (c->attr & TERM_ATTR_UNDERLINE_CURLY)
		out->attrs.underline = VTERM_UNDERLINE_CURLY;
	else if (c->attr & TERM_ATTR_UNDERLINE_DOUBLE)
		out->attrs.underline = VTERM_UNDERLINE_DOUBLE;
	else if (c->attr & TERM_ATTR_UNDERLINE)
		out->attrs.underline = VTERM_UNDERLINE_SINGLE;
	out->attrs.italic = !!(c->attr & TERM_ATTR_ITALIC);
	out->attrs.blink = !!(c->attr & TERM_ATTR_BLINK);
	out->attrs.reverse = !!(c->attr & TERM_ATTR_REVERSE);
	out->attrs.strike = !!(c->attr & TERM_ATTR_STRIKE);
	color_to_vterm(t, &c->fg, 0, &out->fg);
	color_to_vterm(t, &c->bg, 1, &out->bg);
}

static void cell_blank(struct term_cell *c)
{
	memset(c, 0, sizeof *c);
	c->ch[0] = ' ';
	c->nch = 1;
	c->width = 1;
}

/* libvterm 0.1.4 leaves the other half of a wide character standing when
 * one half is overwritten (a character written over its left half after a
 * cursor move, say). Such an orphan half reads as a blank in the cell's
 * colours, as xterm erases it. */
static void orphan_blank(struct term_cell *c)
{
	struct term_cell b = *c;
	cell_blank(c);
	c->attr = b.attr;
	c->fg = b.fg;
	c->bg = b.bg;
}

/* Each wide character of a row followed by its right half, and no right
 * half without one. */
static void cells_fix_pairs(struct term_cell *c, int n)
{
	for (int i = 0; i < n; i++) {
		if (c[i].width == 2 && i + 1 < n && c[i + 1].width == 0)
			i++; /* a whole pair */
		else if (c[i].width != 1)
			orphan_blank(&c[i]);
	}
}

/* The width libvterm gives the screen cell at row, col: 2 for the left
 * half of a wide character, 0 for a right half, 1 otherwise, -1 outside. */
static int screen_width(const struct term *t, int row, int col)
{
	VTermScreenCell vc;
	VTermPos pos = { .row = row, .col = col };
	if (col < 0 || col >= t->cols || !vterm_screen_get_cell(t->vs, pos, &vc))
		return -1;
	return vc.chars[0] == (uint32_t)-1 ? 0 : vc.width == 2 ? 2 : 1;
}

/* --- libvterm screen callbacks: record state only --- */

static int cb_damage(VTermRect rect, void *user)
{
	dirty_rows(user, rect.start_row, rect.end_row);
	return 1;
}

static int cb_moverect(VTermRect dest, VTermRect src, void *user)
{
	dirty_rows(user, dest.start_row, dest.end_row);
	dirty_rows(user, src.start_row, src.end_row);
	return 1;
}

static int cb_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *user)
{
	struct term *t = user;
	(void)visible; /* the CURSORVISIBLE property tracks it */
	dirty_rows(t, oldpos.row, oldpos.row + 1);
	dirty_rows(t, pos.row, pos.row + 1);
	return 1;
}

static int cb_settermprop(VTermProp prop, VTermValue *val, void *user)
{
	struct term *t = user;
	switch (prop) {
	case VTERM_PROP_CURSORVISIBLE:
		t->cursor_visible = val->boolean;
		t->damaged = 1;
		break;
	case VTERM_PROP_CURSORSHAPE:
		/* DECRC with nothing saved restores shape 0: keep a valid one. */
		t->cursor_shape = val->number >= TERM_CURSOR_BLOCK && val->number <= TERM_CURSOR_BAR ?
		    val->number : TERM_CURSOR_BLOCK;
		t->damaged = 1;
		break;
	case VTERM_PROP_ALTSCREEN:
		t->altscreen = val->boolean;
		dirty_all(t);
		break;
	case VTERM_PROP_TITLE:
		free(t->title);
		t->title = xstrdup(val->string ? val->string : "");
		t->title_notify = 1;
		break;
	default:
		break;
	}
	return 1;
}

static int cb_bell(void *user)
{
	struct term *t = user;
	t->bell = t->bell_notify = 1;
	return 1;
}

static int cb_resize(int rows, int cols, void *user)
{
	struct term *t = user;
	dirty_reserve(t, rows);
	t->rows = rows;
	t->cols = cols;
	dirty_all(t);
	return 1;
}

static int cb_sb_pushline(int cols, const VTermScreenCell *cells, void *user)
{
	struct term *t = user;
	if (scrollback_limit(t->sb) == 0)
		return 1;
	rowbuf_reserve(t, cols);
	for (int i = 0; i < cols; i++)
		cell_from_vterm(&cells[i], &t->rowbuf[i]);
	cells_fix_pairs(t->rowbuf, cols);
	scrollback_push(t->sb, t->rowbuf, cols);
	t->sb_gen++;
	if (t->view_offset > 0) {
		/* Keep the same lines in view. */
		int n = scrollback_count(t->sb);
		if (++t->view_offset > n)
			t->view_offset = n;
		dirty_all(t);
	}
	return 1;
}

static int cb_sb_popline(int cols, VTermScreenCell *cells, void *user)
{
	struct term *t = user;
	rowbuf_reserve(t, cols);
	if (!scrollback_pop(t->sb, t->rowbuf, cols))
		return 0;
	for (int i = 0; i < cols; i++)
		cell_to_vterm(t, &t->rowbuf[i], &cells[i]);
	t->sb_gen++;
	if (t->view_offset > 0) {
		t->view_offset--;
		dirty_all(t);
	}
	return 1;
}

static const VTermScreenCallbacks screen_cbs = {
	.damage = cb_damage,
	.moverect = cb_moverect,
	.movecursor = cb_movecursor,
	.settermprop = cb_settermprop,
	.bell = cb_bell,
	.resize = cb_resize,
	.sb_pushline = cb_sb_pushline,
	.sb_popline = cb_sb_popline,
};

static void cb_output(const char *s, size_t len, void *user)
{
	struct term *t = user;
	if (t->cb.output != NULL && len > 0)
		t->cb.output(s, len, t->arg);
}

/* --- life cycle --- */

/* libvterm wants zeroed memory; running out of it is fatal, as everywhere. */
static void *vterm_xcalloc(size_t size, void *allocdata)
{
	(void)allocdata;
	return xcalloc(1, size);
}

static void vterm_xfree(void *ptr, void *allocdata)
{
	(void)allocdata;
	free(ptr);
}

static VTermAllocatorFunctions vterm_alloc = {
	.malloc = vterm_xcalloc,
	.free = vterm_xfree,
};

struct term *term_new(int rows, int cols, const struct term_cb *cb, void *arg)
{
	struct term *t = xcalloc(1, sizeof *t);
	if (rows < 1)
		rows = 1;
	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	if (cb != NULL)
		t->cb = *cb;
	t->arg = arg;
	t->rows = rows;
	t->cols = cols;
	t->title = xstrdup("");
	t->cursor_visible = 1;
	t->cursor_shape = TERM_CURSOR_BLOCK;
	t->sb = scrollback_new(TERM_SCROLLBACK_DEFAULT);
	buf_init(&t->pending);
	buf_init(&t->scratch);
	t->cache = xcalloc(1, sizeof *t->cache);
	t->cache->index = -1;
	dirty_reserve(t, rows);

	t->vt = vterm_new_with_allocator(rows, cols, &vterm_alloc, NULL);
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, cb_output, t);
	t->state = vterm_obtain_state(t->vt);
	t->vs = vterm_obtain_screen(t->vt);
	vterm_screen_set_callbacks(t->vs, &screen_cbs, t);
	vterm_screen_enable_altscreen(t->vs, 1);
	vterm_screen_set_damage_merge(t->vs, VTERM_DAMAGE_SCROLL);
	vterm_screen_reset(t->vs, 1);
	vterm_screen_flush_damage(t->vs);
	t->title_notify = t->bell_notify = 0;
	dirty_all(t);
	return t;
}

void term_free(struct term *t)
{
	if (t == NULL)
		return;
	vterm_free(t->vt);
	scrollback_free(t->sb);
	buf_free(&t->pending);
	buf_free(&t->scratch);
	if (t->cache != NULL)
		free(t->cache->cells);
	free(t->cache);
	free(t->rowbuf);
	free(t->dirty);
	free(t->title);
	free(t);
}

/* Tell the owner what changed during the last feed or resize. */
static void term_notify(struct term *t)
{
	if (t->bell_notify) {
		t->bell_notify = 0;
		if (t->cb.bell != NULL)
			t->cb.bell(t->arg);
	}
	if (t->title_notify) {
		t->title_notify = 0;
		if (t->cb.title != NULL)
			t->cb.title(t->title, t->arg);
	}
	if (t->damaged && t->cb.damage != NULL)
		t->cb.damage(t->arg);
}

/* Bytes given to one vterm_input_write() call, and the longest OSC/DCS
 * string kept whole (longer ones go through in pieces, as libvterm would
 * have had them anyway). */
#define TERM_FEED_CHUNK 4096
#define TERM_STRING_MAX 8192

enum { SCAN_NORMAL, SCAN_ESC, SCAN_STRING, SCAN_STRING_ESC };

/* Follow just enough of the escape syntax to know whether a position is
 * inside an OSC, DCS, APC, PM or SOS string, erring on the side of
 * "inside" (a cut is then only put off). As libvterm 0.1.4 does, an ESC
 * stays pending across intermediates, controls, DEL and bytes from 0x80
 * (ESC 0x84 ] starts an OSC), and an ESC inside a string followed by a
 * control leaves both pending. */
static int scan_step(int st, unsigned char c)
{
	switch (st) {
	case SCAN_ESC:
		if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X')
			return SCAN_STRING;
		if (c == 0x18 || c == 0x1a || (c >= 0x30 && c < 0x7f))
			return SCAN_NORMAL; /* CAN, SUB, or the escape's final byte */
		return SCAN_ESC;
	case SCAN_STRING:
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			return SCAN_NORMAL; /* BEL ends an OSC; CAN and SUB abort */
		return c == 0x1b ? SCAN_STRING_ESC : SCAN_STRING;
	case SCAN_STRING_ESC:
		if (c == '\\')
			return SCAN_NORMAL; /* ST */
		if (c < 0x20 && c != 0x18 && c != 0x1a && c != 0x1b)
			return SCAN_STRING_ESC;
		return scan_step(SCAN_ESC, c); /* the string ended; a new escape */
	default:
		return c == 0x1b ? SCAN_ESC : SCAN_NORMAL;
	}
}

/* The longest prefix of the n bytes at p, up to TERM_FEED_CHUNK, that does
 * not end inside a string; longer when a string starting at p needs it. */
static size_t string_cut(const char *p, size_t n)
{
	size_t want = n < TERM_FEED_CHUNK ? n : TERM_FEED_CHUNK;
	size_t i = 0, best = 0;
	int st = SCAN_NORMAL;
	while (i < n) {
		st = scan_step(st, (unsigned char)p[i++]);
		if (st == SCAN_NORMAL) {
			if (i <= want) {
				best = i;
				continue;
			}
			return best > 0 ? best : i;
		}
		if (i >= want && best > 0)
			return best;
		if (i >= TERM_STRING_MAX)
			return want; /* too long to keep whole */
	}
	return best;
}

/* Move a cut at c back to the start of a UTF-8 sequence it would split:
 * libvterm 0.1.4 loses a character split over two writes after other
 * text. Only when the bytes after c could complete it (c is the end of the
 * input, or a continuation byte follows). */
static size_t utf8_backoff(const char *p, size_t n, size_t c)
{
	if (c < n && ((unsigned char)p[c] & 0xc0) != 0x80)
		return c;
	for (size_t k = 1; k <= 3 && k <= c; k++) {
		unsigned char b = (unsigned char)p[c - k];
		if ((b & 0xc0) == 0x80)
			continue; /* continuation byte: keep looking for the lead */
		size_t need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		if (need > k && (c - k > 0 || c == n))
			return c - k;
		return c;
	}
	return c;
}

/* How many of the n bytes at p to write to libvterm now: at most
 * TERM_FEED_CHUNK, cut outside any string and any UTF-8 sequence, unless a
 * string starting at p needs more (up to TERM_STRING_MAX). 0 means p starts
 * with an unterminated string, a lone ESC or a partial character to hold
 * until more bytes arrive. */
static size_t feed_cut(const char *p, size_t n)
{
	return utf8_backoff(p, n, string_cut(p, n));
}

/* What the CSI guard of guard_filter() knows of the byte stream. */
enum { GUARD_NORMAL, GUARD_ESC, GUARD_CSI, GUARD_STRING, GUARD_STRING_ESC };

/* What guard_step() says of a byte. */
enum { GUARD_DROP, GUARD_PASS, GUARD_REP };

/* The most parameters a CSI may carry to libvterm, and the most digits of
 * one: libvterm 0.1.4 stores 16 and writes a 17th past its array (over the
 * rest of the VTerm), and accumulates digits in a long without a bound. */
#define GUARD_CSI_ARGS 16
#define GUARD_CSI_DIGITS 9

/* Remember the character the byte c (printed text) belongs to, for REP. */
static void guard_text(struct term *t, unsigned char c)
{
	if (c < 0x80 || (c >= 0xc0 && c < 0xf8)) {
		t->last_len = 0; /* a character starts */
		t->last_need = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
	} else if (t->last_len == 0 || t->last_len >= t->last_need) {
		t->last_need = 0; /* a stray continuation byte: nothing to repeat */
		t->last_len = 0;
		return;
	}
	if (t->last_need > 0 && t->last_len < (int)sizeof t->last_ch)
		t->last_ch[t->last_len++] = (char)c;
}

/* One byte through the guard. Follows libvterm 0.1.4's parser as far as it
 * decides when CSI parameters are collected: an ESC stays pending across
 * intermediates, C0 controls, DEL and bytes from 0x80 (so ESC ' [ and ESC
 * inside a string followed by [ start a CSI too); within a CSI, leader
 * bytes come only first, and any byte other than a digit, separator, C0
 * control, NUL or DEL ends the parameters. There, a separator past the 16th
 * parameter and a digit past the 9th significant one of a parameter are
 * dropped, as later libvterm releases drop excess parameters. The final
 * byte of a REP (CSI Pn b) is GUARD_REP: libvterm 0.1.4 loops for ever on
 * one before any character was printed and writes a wide character past
 * the end of the row, so term.c does it itself (rep_emulate). */
static int guard_step(struct term *t, unsigned char c)
{
	if (t->guard == GUARD_STRING) {
		if (c == 0x07 || c == 0x18 || c == 0x1a)
			t->guard = GUARD_NORMAL; /* BEL ends it; CAN, SUB abort */
		else if (c == 0x1b)
			t->guard = GUARD_STRING_ESC;
		return GUARD_PASS;
	}
	if (t->guard == GUARD_STRING_ESC) {
		if (c == '\\') {
			t->guard = GUARD_NORMAL; /* ST */
			return GUARD_PASS;
		}
		if (c == 0x07) {
			t->guard = GUARD_ESC; /* libvterm leaves the ESC pending */
			return GUARD_PASS;
		}
		/* A control between the ESC and its next byte: libvterm 0.1.4
		 * reads ESC TAB \ as the end of the string or not depending on
		 * where its write began. Without it the string always ends. */
		if ((c < 0x20 && c != 0x18 && c != 0x1a && c != 0x1b) || c == 0x7f)
			return GUARD_DROP; /* (NUL and DEL as well) */
		if (c >= 0x20)
			t->guard = GUARD_ESC; /* the string ended: a new escape */
	}
	if (c == 0x00 || c == 0x7f)
		return GUARD_PASS; /* ignored by libvterm in every state */
	if (c == 0x18 || c == 0x1a) {
		t->guard = GUARD_NORMAL; /* CAN, SUB: abort any sequence */
		return GUARD_PASS;
	}
	if (c == 0x1b) {
		t->guard = GUARD_ESC;
		return GUARD_PASS;
	}
	if (c < 0x20)
		return GUARD_PASS; /* other C0 controls run without ending a sequence */
	switch (t->guard) {
	case GUARD_ESC:
		if (c == ']' || c == 'P' || c == '_' || c == '^' || c == 'X') {
			t->guard = GUARD_STRING; /* OSC, DCS, APC, PM, SOS */
			return GUARD_PASS;
		}
		if (c == '[') {
			t->guard = GUARD_CSI;
			t->guard_args = 0; /* none yet: leader bytes may come */
			t->guard_digits = 0;
			t->guard_leader = 0;
			t->guard_first = 0;
		} else if (c >= 0x30 && c < 0x7f) {
			t->guard = GUARD_NORMAL; /* the escape's final byte */
		}
		return GUARD_PASS;
	case GUARD_CSI:
		if (c >= 0x3c && c <= 0x3f && t->guard_args == 0) {
			t->guard_leader = 1;
			return GUARD_PASS;
		}
		if (t->guard_args == 0)
			t->guard_args = 1;
		if (c >= '0' && c <= '9') {
			if (t->guard_args > GUARD_CSI_ARGS || t->guard_digits >= GUARD_CSI_DIGITS)
				return GUARD_DROP;
			if (c != '0' || t->guard_digits > 0)
				t->guard_digits++; /* leading zeros do not count */
			if (t->guard_args == 1)
				t->guard_first = t->guard_first * 10 + (c - '0');
			return GUARD_PASS;
		}
		if (c == ';' || c == ':') {
			t->guard_args++;
			t->guard_digits = 0;
			return t->guard_args <= GUARD_CSI_ARGS ? GUARD_PASS : GUARD_DROP;
		}
		t->guard = GUARD_NORMAL; /* intermediate, final or invalid */
		return c == 'b' && !t->guard_leader ? GUARD_REP : GUARD_PASS;
	default:
		guard_text(t, c);
		return GUARD_PASS;
	}
}

/* REP (CSI Pn b): the last character printed, Pn times (at least once),
 * on the cursor's row and no further, as libvterm would when it can. One
 * copy is written as text first: how far it moved the cursor is its width;
 * a copy that wrapped, or landed on the last column, or moved nothing (a
 * combining mark) ends it. Nothing printed yet: nothing happens. */
static void rep_emulate(struct term *t, long count)
{
	if (t->last_len == 0 || t->last_len < t->last_need)
		return;
	if (count < 1)
		count = 1;
	VTermPos p0, p1;
	vterm_state_get_cursorpos(t->state, &p0);
	vterm_input_write(t->vt, t->last_ch, (size_t)t->last_len);
	vterm_state_get_cursorpos(t->state, &p1);
	if (p1.row != p0.row || p1.col <= p0.col)
		return;
	long room = (t->cols - p1.col) / (p1.col - p0.col);
	if (count - 1 < room)
		room = count - 1;
	char chunk[256];
	size_t used = 0;
	for (long i = 0; i < room; i++) {
		if (used + (size_t)t->last_len > sizeof chunk) {
			vterm_input_write(t->vt, chunk, used);
			used = 0;
		}
		memcpy(chunk + used, t->last_ch, (size_t)t->last_len);
		used += (size_t)t->last_len;
	}
	if (used > 0)
		vterm_input_write(t->vt, chunk, used);
}

/* Write the n bytes at p to libvterm as it may safely see them:
 *  - text and string payloads are valid UTF-8: libvterm 0.1.4 takes
 *    U+0080..U+009F for printable characters of width -1 (each moves the
 *    cursor a column left, past column 0 and then outside its buffer),
 *    and invalid sequences mixed with insert mode have crashed it; both
 *    become U+FFFD. The chunk never splits a valid sequence (feed_cut), so
 *    one cut short is invalid.
 *  - a CSI with too many parameters or too long a number is cut down to
 *    what libvterm can hold (guard_step);
 *  - a REP ends as a CSI libvterm ignores (final byte z) and is done here
 *    (rep_emulate). */
static void vterm_write_safe(struct term *t, const char *p, size_t n)
{
	static const char fffd[] = "\xef\xbf\xbd";
	buf_reset(&t->scratch);
	size_t start = 0;
	for (size_t i = 0; i < n;) {
		unsigned char c = (unsigned char)p[i];
		if (c >= 0x80 && (t->guard == GUARD_NORMAL || t->guard == GUARD_STRING)) {
			uint32_t cp;
			int l = utf8_decode((const unsigned char *)p + i, n - i, &cp);
			const char *ch = p + i; /* the character libvterm gets */
			int chlen = l;
			if (l < 0 || (cp >= 0x80 && cp <= 0x9f)) {
				l = l < 0 ? 1 : l;
				ch = fffd;
				chlen = 3;
				buf_add(&t->scratch, p + start, i - start);
				buf_add(&t->scratch, fffd, 3);
				start = i + (size_t)l;
			}
			for (int k = 0; k < chlen && t->guard == GUARD_NORMAL; k++)
				guard_text(t, (unsigned char)ch[k]);
			i += (size_t)l;
			continue;
		}
		int g = guard_step(t, c);
		if (g == GUARD_DROP) {
			buf_add(&t->scratch, p + start, i - start);
			start = i + 1;
		} else if (g == GUARD_REP) {
			buf_add(&t->scratch, p + start, i - start);
			buf_add(&t->scratch, "z", 1);
			start = i + 1;
			vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
			buf_reset(&t->scratch);
			rep_emulate(t, t->guard_first);
		}
		i++;
	}
	buf_add(&t->scratch, p + start, n - start);
	if (buf_used(&t->scratch) > 0)
		vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
}

void term_feed(struct term *t, const char *bytes, size_t len)
{
	if (len == 0)
		return;
	const char *p = bytes;
	size_t n = len;
	int held = buf_used(&t->pending) > 0;
	if (held) {
		buf_add(&t->pending, bytes, len);
		p = buf_ptr(&t->pending);
		n = buf_used(&t->pending);
	}
	size_t done = 0;
	while (done < n) {
		size_t cut = feed_cut(p + done, n - done);
		if (cut == 0)
			break;
		vterm_write_safe(t, p + done, cut);
		done += cut;
	}
	if (held)
		buf_consume(&t->pending, done);
	else if (done < n)
		buf_add(&t->pending, p + done, n - done);
	vterm_screen_flush_damage(t->vs);
	term_notify(t);
}

void term_resize(struct term *t, int rows, int cols)
{
	if (rows < 1)
		rows = 1;
	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	if (rows == t->rows && cols == t->cols)
		return;
	/* Damage for either size may arrive while libvterm resizes. */
	dirty_reserve(t, rows > t->rows ? rows : t->rows);
	vterm_set_size(t->vt, rows, cols);
	t->rows = rows;
	t->cols = cols;
	/* libvterm 0.1.4 keeps scroll margins set for the old size, and a
	 * later scroll inside them moves a rectangle of negative size: reset
	 * them, as xterm does on a resize. */
	VTermPos keep;
	vterm_state_get_cursorpos(t->state, &keep);
	vterm_input_write(t->vt, "\x1b[r", 3); /* this also homes the cursor */
	{
		/* Back where it was (row 0 if the shrink left it above). */
		char back[32];
		int bl = snprintf(back, sizeof back, "\x1b[%d;%dH", keep.row < 0 ? 1 : keep.row + 1,
		    keep.col < 0 ? 1 : keep.col + 1);
		vterm_input_write(t->vt, back, (size_t)bl);
	}
	/* libvterm 0.1.4 keeps the bottom rows when the screen gets shorter,
	 * even if that pushes the cursor above row 0: bring it back. */
	VTermPos pos;
	vterm_state_get_cursorpos(t->state, &pos);
	if (pos.row < 0) {
		char cup[32];
		int len = snprintf(cup, sizeof cup, "\x1b[1;%dH", pos.col + 1);
		vterm_input_write(t->vt, cup, (size_t)len);
	}
	vterm_screen_flush_damage(t->vs);
	int n = scrollback_count(t->sb);
	if (t->view_offset > n)
		t->view_offset = n;
	t->sb_gen++; /* cached lines were laid out for the old width */
	dirty_all(t);
	term_notify(t);
}

void term_size(const struct term *t, int *rows, int *cols)
{
	if (rows != NULL)
		*rows = t->rows;
	if (cols != NULL)
		*cols = t->cols;
}

/* --- reading --- */

/* Scrollback line n (0 = newest) laid out at the current width. */
static const struct term_cell *sb_row(const struct term *t, int n)
{
	struct term_sbcache *c = t->cache;
	if (c->index == n && c->gen == t->sb_gen && c->cols == t->cols)
		return c->cells;
	if (t->cols > c->cap) {
		c->cells = xreallocarray(c->cells, (size_t)t->cols, sizeof *c->cells);
		c->cap = t->cols;
	}
	if (scrollback_line_cells(t->sb, n, c->cells, t->cols) < 0) {
		c->index = -1;
		return NULL;
	}
	c->index = n;
	c->gen = t->sb_gen;
	c->cols = t->cols;
	return c->cells;
}

int term_cell(const struct term *t, int row, int col, struct term_cell *out)
{
	cell_blank(out);
	if (col < 0 || col >= t->cols || row >= t->rows)
		return -1;
	if (row < 0) {
		const struct term_cell *cells = sb_row(t, -row - 1);
		if (cells == NULL)
			return -1;
		*out = cells[col];
		return 0;
	}
	VTermScreenCell vc;
	VTermPos pos = { .row = row, .col = col };
	if (!vterm_screen_get_cell(t->vs, pos, &vc))
		return -1;
	cell_from_vterm(&vc, out);
	/* Whether this half of a wide character has its other half: the rule
	 * of cells_fix_pairs() for one cell. */
	if (out->width == 0 && screen_width(t, row, col - 1) != 2)
		orphan_blank(out);
	else if (out->width == 2 && screen_width(t, row, col + 1) != 0)
		orphan_blank(out);
	return 0;
}

char *term_cells_text(const struct term_cell *cells, int n)
{
	struct buf b;
	size_t keep = 0; /* length up to the last non-blank cell */
	buf_init(&b);
	for (int i = 0; i < n; i++) {
		const struct term_cell *c = &cells[i];
		if (c->width == 0)
			continue;
		if (c->nch == 0) {
			buf_add(&b, " ", 1);
			continue;
		}
		char u[4];
		for (int k = 0; k < c->nch && k < TERM_MAX_CHARS; k++)
			buf_add(&b, u, (size_t)utf8_encode(c->ch[k], u));
		if (c->nch > 1 || c->ch[0] != ' ')
			keep = b.len;
	}
	char *s = buf_steal(&b, NULL);
	s[keep] = '\0';
	return s;
}

static char *row_text(const struct term *t, int row)
{
	if (row >= t->rows)
		return NULL;
	if (row < 0) {
		const struct term_cell *cells = sb_row(t, -row - 1);
		return cells ? term_cells_text(cells, t->cols) : NULL;
	}
	struct term_cell *cells = xreallocarray(NULL, (size_t)t->cols, sizeof *cells);
	for (int col = 0; col < t->cols; col++)
		term_cell(t, row, col, &cells[col]);
	char *s = term_cells_text(cells, t->cols);
	free(cells);
	return s;
}

char *term_row_text(const struct term *t, int row) { return row_text(t, row); }

void term_cursor(const struct term *t, int *row, int *col, int *visible, int *shape)
{
	VTermPos pos;
	vterm_state_get_cursorpos(t->state, &pos);
	/* libvterm can leave the position past the edge (after a shrink, or
	 * waiting to wrap): report the cell it is drawn on. */
	if (pos.row >= t->rows)
		pos.row = t->rows - 1;
	if (pos.col >= t->cols)
		pos.col = t->cols - 1;
	if (pos.row < 0)
		pos.row = 0;
	if (pos.col < 0)
		pos.col = 0;
	if (row != NULL)
		*row = pos.row;
	if (col != NULL)
		*col = pos.col;
	if (visible != NULL)
		*visible = t->cursor_visible;
	if (shape != NULL)
		*shape = t->cursor_shape;
}

const char *term_title(const struct term *t) { return t->title; }
int term_altscreen(const struct term *t) { return t->altscreen; }

int term_take_bell(struct term *t)
{
	int b = t->bell;
	t->bell = 0;
	return b;
}

int term_damaged(const struct term *t) { return t->damaged; }

int term_row_dirty(const struct term *t, int row)
{
	if (row < 0 || row >= t->rows || row >= t->dirty_cap)
		return 0;
	return t->dirty[row];
}

int term_take_damage(struct term *t)
{
	int d = t->damaged;
	memset(t->dirty, 0, (size_t)t->dirty_cap);
	t->damaged = 0;
	return d;
}

/* --- keyboard --- */

static VTermModifier mods_to_vterm(int mods)
{
	int m = 0;
	if (mods & TERM_MOD_SHIFT)
		m |= VTERM_MOD_SHIFT;
	if (mods & TERM_MOD_ALT)
		m |= VTERM_MOD_ALT;
	if (mods & TERM_MOD_CTRL)
		m |= VTERM_MOD_CTRL;
	return (VTermModifier)m;
}

void term_key_unichar(struct term *t, uint32_t c, int mods)
{
	/* Ctrl with an upper-case letter means the same control code. */
	if ((mods & TERM_MOD_CTRL) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	vterm_keyboard_unichar(t->vt, c, mods_to_vterm(mods));
}

static VTermKey key_to_vterm(enum term_key k)
{
	static const VTermKey named[] = {
		[TERM_KEY_NONE] = VTERM_KEY_NONE,
		[TERM_KEY_ENTER] = VTERM_KEY_ENTER,
		[TERM_KEY_TAB] = VTERM_KEY_TAB,
		[TERM_KEY_BACKSPACE] = VTERM_KEY_BACKSPACE,
		[TERM_KEY_ESCAPE] = VTERM_KEY_ESCAPE,
		[TERM_KEY_UP] = VTERM_KEY_UP,
		[TERM_KEY_DOWN] = VTERM_KEY_DOWN,
		[TERM_KEY_LEFT] = VTERM_KEY_LEFT,
		[TERM_KEY_RIGHT] = VTERM_KEY_RIGHT,
		[TERM_KEY_INS] = VTERM_KEY_INS,
		[TERM_KEY_DEL] = VTERM_KEY_DEL,
		[TERM_KEY_HOME] = VTERM_KEY_HOME,
		[TERM_KEY_END] = VTERM_KEY_END,
		[TERM_KEY_PAGEUP] = VTERM_KEY_PAGEUP,
		[TERM_KEY_PAGEDOWN] = VTERM_KEY_PAGEDOWN,
	};
	static const VTermKey keypad[] = {
		[TERM_KEY_KP_MULT - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MULT,
		[TERM_KEY_KP_PLUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PLUS,
		[TERM_KEY_KP_COMMA - TERM_KEY_KP_MULT] = VTERM_KEY_KP_COMMA,
		[TERM_KEY_KP_MINUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MINUS,
		[TERM_KEY_KP_PERIOD - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PERIOD,
		[TERM_KEY_KP_DIVIDE - TERM_KEY_KP_MULT] = VTERM_KEY_KP_DIVIDE,
		[TERM_KEY_KP_ENTER - TERM_KEY_KP_MULT] = VTERM_KEY_KP_ENTER,
		[TERM_KEY_KP_EQUAL - TERM_KEY_KP_MULT] = VTERM_KEY_KP_EQUAL,
	};
	int n = (int)k;
	if (n >= 0 && n < (int)(sizeof named / sizeof named[0]))
		return named[n];
	if (n >= TERM_KEY_F1 && n < TERM_KEY_KP_0)
		return (VTermKey)VTERM_KEY_FUNCTION(n - TERM_KEY_F1 + 1);
	if (n >= TERM_KEY_KP_0 && n < TERM_KEY_KP_MULT)
		return (VTermKey)(VTERM_KEY_KP_0 + (n - TERM_KEY_KP_0));
	if (n >= TERM_KEY_KP_MULT && n < TERM_KEY_COUNT)
		return keypad[n - TERM_KEY_KP_MULT];
	return VTERM_KEY_NONE;
}

void term_key(struct term *t, enum term_key k, int mods)
{
	VTermKey vk = key_to_vterm(k);
	if (vk != VTERM_KEY_NONE)
		vterm_keyboard_key(t->vt, vk, mods_to_vterm(mods));
}

void term_paste(struct term *t, const char *bytes, size_t len)
{
	vterm_keyboard_start_paste(t->vt);
	term_input_raw(t, bytes, len);
	vterm_keyboard_end_paste(t->vt);
}

void term_input_raw(struct term *t, const char *bytes, size_t len)
{
	if (t->cb.output != NULL && len > 0)
		t->cb.output(bytes, len, t->arg);
}

/* --- scrollback and the scroll view --- */

int term_scrollback_lines(const struct term *t) { return scrollback_count(t->sb); }
int term_scrollback_limit(const struct term *t) { return scrollback_limit(t->sb); }
size_t term_scrollback_bytes(const struct term *t) { return scrollback_bytes(t->sb); }

void term_set_scrollback_limit(struct term *t, int limit)
{
	scrollback_set_limit(t->sb, limit);
	t->sb_gen++;
	int n = scrollback_count(t->sb);
	if (t->view_offset > n) {
		t->view_offset = n;
		dirty_all(t);
	}
}

int term_scroll_view(struct term *t, int delta)
{
	int n = scrollback_count(t->sb);
	long off = (long)t->view_offset + delta;
	if (off < 0)
		off = 0;
	if (off > n)
		off = n;
	if (off != t->view_offset) {
		t->view_offset = (int)off;
		dirty_all(t);
	}
	return t->view_offset;
}

int term_view_offset(const struct term *t) { return t->view_offset; }

void term_view_reset(struct term *t) { term_scroll_view(t, -t->view_offset); }

int term_view_cell(const struct term *t, int screen_row, int col, struct term_cell *out)
{
	if (screen_row < 0 || screen_row >= t->rows) {
		cell_blank(out);
		return -1;
	}
	return term_cell(t, screen_row - t->view_offset, col, out);
}

char *term_view_row_text(const struct term *t, int screen_row)
{
	if (screen_row < 0 || screen_row >= t->rows)
		return NULL;
	return row_text(t, screen_row - t->view_offset);
}
