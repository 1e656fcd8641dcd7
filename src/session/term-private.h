/* term-private.h: the inside of a struct term, shared by the files of the
 * terminal model: term.c (life cycle, libvterm's state callbacks onto the
 * grids, feeding and resizing), term-guard.c (the filter in front of
 * libvterm 0.1.4's parser), term-read.c (cells, text, cursor, damage, the
 * scrollback and the scroll view) and term-keys.c (keyboard encoding).
 * Nothing outside session/term*.c includes it: everyone else has term.h. */
#ifndef PH_TERM_PRIVATE_H
#define PH_TERM_PRIVATE_H
#include "session/term.h"
#include "session/grid.h"
#include "session/scrollback.h"
#include "core/buf.h"
#include <vterm.h>

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

/* The most parameters a CSI may carry to libvterm, and the most digits of
 * one: libvterm 0.1.4 stores 16 and writes a 17th past its array (over the
 * rest of the VTerm), and accumulates digits in a long without a bound. */
#define GUARD_CSI_ARGS 16
#define GUARD_CSI_DIGITS 9

struct term {
	VTerm *vt;
	VTermState *state;
	struct term_cb cb;
	void *arg;
	int rows, cols;

	struct grid *primary, *alt;
	struct grid *scr;        /* the one showing */
	struct term_cell pen;    /* attributes and colours of the next glyph */
	uint16_t saved_attr;     /* the faint and conceal bits DECSC saved */
	int wrap_row, wrap_col;  /* the last glyph written, the cursor still by it (else
	                          * -1; -2: its line just scrolled into the scrollback) */
	int wrap_end;            /* the column after it */
	int wrap_seen;           /* an autowrap since the last cursor move */
	int resize_row, resize_col; /* the cursor after a resize, for term_resize */

	struct scrollback *sb;
	unsigned long sb_gen; /* bumped whenever the scrollback changes */
	unsigned long long scrolled; /* lines that scrolled off the top, ever */
	struct term_sbcache *cache;

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
	int mouse_level;  /* MOUSE_MODE_* level the process asked for (libvterm's) */
	int mouse_sgr;    /* and the SGR form (DECSET 1006, followed by the guard) */

	struct buf pending; /* an unfinished string or character for the next feed */
	struct buf scratch; /* the bytes of one write, as libvterm may see them */
	int guard;          /* GUARD_* state of the CSI guard */
	int guard_args;     /* parameters of the CSI being read, so far */
	int guard_digits;   /* digits of its current parameter */
	int guard_leader;   /* its leader byte (< = > ?), or 0 */
	int guard_inter;    /* the escape being read has an intermediate byte */
	long guard_param[GUARD_CSI_ARGS]; /* its parameters (-1 for an empty one) */
	unsigned guard_sub; /* bit i: parameter i came after a ':' */
	char last_ch[4];    /* the last character printed (UTF-8), for REP */
	int last_len, last_need;
};


/* term.c: mark view rows start .. end-1 (or every row) dirty. */
void term_dirty_rows(struct term *t, int start, int end);
void term_dirty_all(struct term *t);

/* term-guard.c: how much of the n bytes at p to write to libvterm now
 * (never splitting a string or a character that may still complete), and
 * the write itself, through the guard. */
size_t term_feed_cut(const char *p, size_t n);
void term_write_safe(struct term *t, const char *p, size_t n);

#endif
