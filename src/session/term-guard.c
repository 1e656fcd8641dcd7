/* term-guard.c: the filter every write to libvterm passes (term.c's
 * term_feed). libvterm 0.1.4's parser writes past its arrays on a CSI of
 * more than 16 parameters, loops on REP, takes U+0080..U+009F for
 * printable characters of width -1 and has crashed on invalid UTF-8; its
 * state layer leaves out faint and concealed text and DECCOLM. The guard
 * follows the escape syntax byte by byte (its state lives in struct term,
 * term-private.h), cuts what libvterm cannot hold, does REP itself, and
 * completes the sequences libvterm leaves half done. Also where a feed may
 * be cut so that no string or character is split (term_feed_cut). */
#include "config.h"
#include "session/term-private.h"
#include "core/strutil.h"
#include <stdio.h>
#include <string.h>

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
size_t term_feed_cut(const char *p, size_t n)
{
	return utf8_backoff(p, n, string_cut(p, n));
}


/* What the CSI guard of guard_step() knows of the byte stream. */
enum { GUARD_NORMAL, GUARD_ESC, GUARD_CSI, GUARD_STRING, GUARD_STRING_ESC };

/* What guard_step() says of a byte. From GUARD_SGR on, the byte ends a
 * sequence that guard_apply() completes once libvterm has read it. */
enum { GUARD_DROP, GUARD_PASS, GUARD_REP, GUARD_SGR, GUARD_DECSET, GUARD_DECRST, GUARD_SAVE, GUARD_RESTORE, GUARD_ED };

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
 * the end of the row, so the guard does it itself (rep_emulate). The ends of
 * SGR, ED, DECSET/DECRST and the cursor saves and restores (DECSC, DECRC)
 * are told too (GUARD_SGR and so on): the parts of them that
 * 0.1.4 leaves out are done after libvterm has read them (guard_apply). */
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
			t->guard_inter = 0;
			return GUARD_PASS;
		}
		/* A control between the ESC and its next byte: libvterm 0.1.4
		 * reads ESC TAB \ as the end of the string or not depending on
		 * where its write began. Without it the string always ends. */
		if ((c < 0x20 && c != 0x18 && c != 0x1a && c != 0x1b) || c == 0x7f)
			return GUARD_DROP; /* (NUL and DEL as well) */
		if (c >= 0x20) {
			t->guard = GUARD_ESC; /* the string ended: a new escape */
			t->guard_inter = 0;
		}
	}
	if (c == 0x00 || c == 0x7f)
		return GUARD_PASS; /* ignored by libvterm in every state */
	if (c == 0x18 || c == 0x1a) {
		t->guard = GUARD_NORMAL; /* CAN, SUB: abort any sequence */
		return GUARD_PASS;
	}
	if (c == 0x1b) {
		t->guard = GUARD_ESC;
		t->guard_inter = 0;
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
			t->guard_param[0] = -1;
			t->guard_sub = 0;
		} else if (c >= 0x30 && c < 0x7f) {
			t->guard = GUARD_NORMAL; /* the escape's final byte */
			if (!t->guard_inter && (c == '7' || c == '8'))
				return c == '7' ? GUARD_SAVE : GUARD_RESTORE; /* DECSC, DECRC */
			if (!t->guard_inter && c == 'c')
				t->mouse_level = t->mouse_sgr = 0; /* RIS ends mouse reporting */
		} else if (c >= 0x20 && c < 0x30) {
			t->guard_inter = 1;
		}
		return GUARD_PASS;
	case GUARD_CSI:
		if (c >= 0x3c && c <= 0x3f && t->guard_args == 0) {
			t->guard_leader = c;
			return GUARD_PASS;
		}
		if (t->guard_args == 0)
			t->guard_args = 1;
		if (c >= '0' && c <= '9') {
			if (t->guard_args > GUARD_CSI_ARGS || t->guard_digits >= GUARD_CSI_DIGITS)
				return GUARD_DROP;
			if (c != '0' || t->guard_digits > 0)
				t->guard_digits++; /* leading zeros do not count */
			long *v = &t->guard_param[t->guard_args - 1];
			*v = (*v < 0 ? 0 : *v) * 10 + (c - '0');
			return GUARD_PASS;
		}
		if (c == ';' || c == ':') {
			if (t->guard_args >= GUARD_CSI_ARGS) {
				t->guard_args++;
				return GUARD_DROP;
			}
			t->guard_param[t->guard_args] = -1;
			if (c == ':')
				t->guard_sub |= 1u << t->guard_args;
			t->guard_args++;
			t->guard_digits = 0;
			return GUARD_PASS;
		}
		t->guard = GUARD_NORMAL; /* intermediate, final or invalid */
		if (t->guard_leader == 0) {
			if (c == 'b')
				return GUARD_REP;
			if (c == 'm')
				return GUARD_SGR;
			if (c == 'J')
				return GUARD_ED;
		} else if (t->guard_leader == '?' && (c == 'h' || c == 'l')) {
			return c == 'h' ? GUARD_DECSET : GUARD_DECRST;
		}
		return GUARD_PASS;
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


#define PEN_EXTRA (TERM_ATTR_FAINT | TERM_ATTR_CONCEAL)

/* SGR parameters libvterm 0.1.4 does not report: 2 faint, 8 conceal, 22
 * (bold and) faint off, 28 conceal off, 0 or empty all off. The colour
 * parameters' arguments (38;5;n, 38;2;r;g;b) are skipped. */
static void sgr_extra(struct term *t)
{
	int n = t->guard_args < GUARD_CSI_ARGS ? t->guard_args : GUARD_CSI_ARGS;
	for (int i = 0; i < n; i++) {
		if (t->guard_sub & (1u << i))
			continue; /* a sub-parameter of the one before */
		long v = t->guard_param[i] < 0 ? 0 : t->guard_param[i];
		switch (v) {
		case 0:
			t->pen.attr &= (uint16_t)~PEN_EXTRA;
			break;
		case 2:
			t->pen.attr |= TERM_ATTR_FAINT;
			break;
		case 8:
			t->pen.attr |= TERM_ATTR_CONCEAL;
			break;
		case 22:
			t->pen.attr &= (uint16_t)~TERM_ATTR_FAINT;
			break;
		case 28:
			t->pen.attr &= (uint16_t)~TERM_ATTR_CONCEAL;
			break;
		case 38:
		case 48:
		case 58:
			if (i + 1 < n && !(t->guard_sub & (1u << (i + 1)))) {
				if (t->guard_param[i + 1] == 5)
					i += 2;
				else if (t->guard_param[i + 1] == 2)
					i += 4;
			}
			break;
		default:
			break;
		}
	}
}

static int guard_has_param(const struct term *t, long v)
{
	int n = t->guard_args < GUARD_CSI_ARGS ? t->guard_args : GUARD_CSI_ARGS;
	for (int i = 0; i < n; i++)
		if (t->guard_param[i] == v)
			return 1;
	return 0;
}

/* The part of a sequence libvterm 0.1.4 has just read that it leaves out. */
static void guard_apply(struct term *t, int g)
{
	switch (g) {
	case GUARD_SGR:
		sgr_extra(t);
		break;
	case GUARD_SAVE:
		t->saved_attr = t->pen.attr & PEN_EXTRA;
		break;
	case GUARD_RESTORE:
		t->pen.attr = (uint16_t)((t->pen.attr & ~PEN_EXTRA) | t->saved_attr);
		break;
	case GUARD_DECSET:
	case GUARD_DECRST:
		/* libvterm 0.1.4 sets or resets the first mode only: the
		 * others, one at a time ("CSI ? 1006 ; 1000 h" is how ncurses
		 * turns the mouse on). */
		for (int i = 1; i < t->guard_args && i < GUARD_CSI_ARGS; i++) {
			char one[24];
			if (t->guard_param[i] < 0)
				continue;
			int len = snprintf(one, sizeof one, "\x1b[?%ld%c", t->guard_param[i], g == GUARD_DECSET ? 'h' : 'l');
			vterm_input_write(t->vt, one, (size_t)len);
		}
		/* DECCOLM, as tmux does it: the size stays; the screen is
		 * cleared, the margins reset (CSI s is DECSLRM to libvterm
		 * 0.1.4) and the cursor homed. */
		if (guard_has_param(t, 3))
			vterm_input_write(t->vt, "\x1b[r\x1b[s\x1b[H\x1b[2J", 13);
		/* 47 is 1047 (the alternate screen, the cursor not saved), as
		 * tmux has it; libvterm 0.1.4 knows only 1047. */
		if (guard_has_param(t, 47))
			vterm_input_write(t->vt, g == GUARD_DECSET ? "\x1b[?1047h" : "\x1b[?1047l", 8);
		/* The mouse reports' form, which libvterm does not tell:
		 * 1006 is SGR's; 1005 and 1015 replace it. */
		if (guard_has_param(t, 1006))
			t->mouse_sgr = g == GUARD_DECSET;
		if (g == GUARD_DECSET && (guard_has_param(t, 1005) || guard_has_param(t, 1015)))
			t->mouse_sgr = 0;
		/* 1048 and 1049 save and restore the cursor with its pen. */
		if (guard_has_param(t, 1048) || guard_has_param(t, 1049))
			guard_apply(t, g == GUARD_DECSET ? GUARD_SAVE : GUARD_RESTORE);
		break;
	case GUARD_ED:
		/* ED 3 (what `clear` sends): the scrollback goes, the screen
		 * stays, as in xterm and tmux. */
		if (t->guard_param[0] == 3)
			term_clear_scrollback(t);
		break;
	default:
		break;
	}
}

/* Write the n bytes at p to libvterm as it may safely see them:
 *  - text and string payloads are valid UTF-8: libvterm 0.1.4 takes
 *    U+0080..U+009F for printable characters of width -1 (each moves the
 *    cursor a column left, past column 0 and then outside its buffer),
 *    and invalid sequences mixed with insert mode have crashed it; both
 *    become U+FFFD. The chunk never splits a valid sequence (term_feed_cut), so
 *    one cut short is invalid.
 *  - a CSI with too many parameters or too long a number is cut down to
 *    what libvterm can hold (guard_step);
 *  - a REP ends as a CSI libvterm ignores (final byte z) and is done here
 *    (rep_emulate);
 *  - after an SGR, DECSET/DECRST or a cursor save or restore, what libvterm
 *    leaves out of it is done (guard_apply). */
void term_write_safe(struct term *t, const char *p, size_t n)
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
			rep_emulate(t, t->guard_param[0]);
		} else if (g >= GUARD_SGR) {
			buf_add(&t->scratch, p + start, i + 1 - start);
			start = i + 1;
			vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
			buf_reset(&t->scratch);
			guard_apply(t, g);
		}
		i++;
	}
	buf_add(&t->scratch, p + start, n - start);
	if (buf_used(&t->scratch) > 0)
		vterm_input_write(t->vt, buf_ptr(&t->scratch), buf_used(&t->scratch));
}

