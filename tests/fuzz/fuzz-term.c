/* fuzz-term.c: fuzz target for the terminal model (session/term.c over
 * libvterm, with the scrollback ring of session/scrollback.c).
 *
 * Input: 4 header bytes, then the process output.
 *   byte 0  rows - 1 (mod 32)         byte 1  columns - 1 (mod 100)
 *   byte 2  seeds the piece sizes and the calls between pieces
 *   byte 3  scrollback limit (low 3 bits: 0, 1, 2, 3, 10, 100, 1000, 10000)
 *
 * Three terminals of that size read the output:
 *   whole   one term_feed() of everything;
 *   pieces  term_feed() in pieces of 0 to 1 + (byte 2 & 63) bytes, with
 *           scroll-view moves, cell and row reads and damage takes between
 *           them (none of which may change what the screen holds);
 *   resize  pieces as well, with term_resize(), term_scroll_view(),
 *           term_set_scrollback_limit() and key, paste and raw input calls
 *           between them.
 * What must hold:
 *   - pieces ends like whole: the title, the alternate screen and the bell;
 *     and when the output is valid UTF-8 (always with PH_FUZZ_TERM_STRICT=1
 *     in the environment) exactly like it: every cell of the screen, the
 *     cursor, the scrollback (its line count and text), the wrapped flag
 *     of every line read and every byte sent
 *     back to the process (replies to queries; then the same keys pressed
 *     on both);
 *   - always: the size is the one asked for, the cursor is on the screen,
 *     the view offset is within the scrollback, the scrollback within its
 *     limit; every cell of the view reads (and none outside it), with 1 to
 *     TERM_MAX_CHARS nonzero codepoints or, as the right half of a wide
 *     character, none; a wide character is followed by its right half; a row
 *     reads as valid UTF-8 with no trailing blank, the same as
 *     term_cells_text() of its cells; rows past either end read as NULL. */
#include "config.h"
#include "session/term.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/utf8.h"
#include "fuzz.h"
#include <string.h>

#define SB_ROWS_READ 64 /* scrollback rows read at each end of the ring */

struct sink {
	struct buf out;
	int bells, titles, damages;
};

static void on_output(const char *bytes, size_t len, void *arg)
{
	struct sink *s = arg;
	FUZZ_CHECK(len > 0);
	buf_add(&s->out, bytes, len);
}

static void on_bell(void *arg) { ((struct sink *)arg)->bells++; }

static void on_title(const char *utf8, void *arg)
{
	FUZZ_CHECK(utf8 != NULL);
	((struct sink *)arg)->titles++;
}

static void on_damage(void *arg) { ((struct sink *)arg)->damages++; }

static const struct term_cb callbacks = { on_output, on_bell, on_title, on_damage };

static uint32_t next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

static void check_cell(const struct term_cell *c)
{
	FUZZ_CHECK(c->width >= 0 && c->width <= 2);
	if (c->width == 0) {
		FUZZ_CHECK(c->nch == 0);
		return;
	}
	FUZZ_CHECK(c->nch >= 1 && c->nch <= TERM_MAX_CHARS);
	for (int k = 0; k < c->nch; k++)
		FUZZ_CHECK(c->ch[k] != 0);
}

static int same_color(const struct term_color *a, const struct term_color *b)
{
	return a->kind == b->kind && a->index == b->index && a->r == b->r && a->g == b->g &&
	    a->b == b->b;
}

static int same_cell(const struct term_cell *a, const struct term_cell *b)
{
	if (a->width != b->width || a->nch != b->nch || a->attr != b->attr ||
	    !same_color(&a->fg, &b->fg) || !same_color(&a->bg, &b->bg))
		return 0;
	for (int k = 0; k < a->nch && k < TERM_MAX_CHARS; k++)
		if (a->ch[k] != b->ch[k])
			return 0;
	return 1;
}

/* A row's text: valid UTF-8, no trailing blank, the same as the text of
 * its cells (cells is the row as term_cell/term_view_cell read it). */
static void check_text(const char *text, const struct term_cell *cells, int cols)
{
	FUZZ_CHECK(text != NULL);
	FUZZ_CHECK(utf8_valid(text, strlen(text)));
	size_t n = strlen(text);
	FUZZ_CHECK(n == 0 || text[n - 1] != ' ');
	if (cells != NULL) {
		char *again = term_cells_text(cells, cols);
		FUZZ_CHECK(strcmp(again, text) == 0);
		free(again);
	}
}

/* Read one row of cells (view rows when view, else term_cell rows) and
 * check each and their wide-character pairs. */
static void read_row(const struct term *t, int row, int view, int cols, struct term_cell *cells)
{
	for (int col = 0; col < cols; col++) {
		int r = view ? term_view_cell(t, row, col, &cells[col]) : term_cell(t, row, col, &cells[col]);
		FUZZ_CHECK(r == 0);
		check_cell(&cells[col]);
	}
	for (int col = 0; col < cols; col++) {
		if (cells[col].width == 2) {
			FUZZ_CHECK(col + 1 < cols);
			FUZZ_CHECK(cells[col + 1].width == 0);
		}
		if (cells[col].width == 0)
			FUZZ_CHECK(col > 0 && cells[col - 1].width == 2);
	}
}

static void check_outside(const struct term *t, int rows, int cols)
{
	struct term_cell c;
	term_size(t, &rows, &cols);
	int sb = term_scrollback_lines(t);
	const int bad[][2] = { { rows, 0 }, { 0, cols }, { 0, -1 }, { -sb - 1, 0 }, { rows + 1000, cols + 1000 } };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		FUZZ_CHECK(term_cell(t, bad[i][0], bad[i][1], &c) == -1);
		FUZZ_CHECK(c.nch == 1 && c.ch[0] == ' ' && c.width == 1);
	}
	FUZZ_CHECK(term_view_cell(t, -1, 0, &c) == -1);
	FUZZ_CHECK(term_view_cell(t, rows, 0, &c) == -1);
	FUZZ_CHECK(term_view_cell(t, 0, cols, &c) == -1);
	FUZZ_CHECK(term_row_text(t, rows) == NULL);
	FUZZ_CHECK(term_row_text(t, -sb - 1) == NULL);
	FUZZ_CHECK(!term_row_wrapped(t, rows) && !term_row_wrapped(t, -sb - 1));
	FUZZ_CHECK(term_view_row_text(t, -1) == NULL);
	FUZZ_CHECK(term_view_row_text(t, rows) == NULL);
}

/* Everything that must hold for any terminal at any time: want_rows and
 * want_cols is the size last asked for. full: read every cell of the view
 * and rows of the scrollback, else a few. */
static void check_term(const struct term *t, int want_rows, int want_cols, int full, uint32_t *x)
{
	int rows, cols, crow, ccol, vis, shape;
	term_size(t, &rows, &cols);
	FUZZ_CHECK(rows == want_rows && cols == (want_cols < TERM_MIN_COLS ? TERM_MIN_COLS : want_cols));
	term_cursor(t, &crow, &ccol, &vis, &shape);
	FUZZ_CHECK(crow >= 0 && crow < rows);
	FUZZ_CHECK(ccol >= 0 && ccol < cols);
	FUZZ_CHECK(vis == 0 || vis == 1);
	FUZZ_CHECK(shape >= TERM_CURSOR_BLOCK && shape <= TERM_CURSOR_BAR);
	/* The title is the OSC string's bytes as they came (the UI shows it
	 * inert): not necessarily UTF-8. */
	FUZZ_CHECK(term_title(t) != NULL);
	(void)strlen(term_title(t));
	int sb = term_scrollback_lines(t);
	FUZZ_CHECK(sb >= 0 && sb <= term_scrollback_limit(t));
	int off = term_view_offset(t);
	FUZZ_CHECK(off >= 0 && off <= sb);
	struct term_cell *cells = calloc((size_t)cols, sizeof *cells);
	FUZZ_CHECK(cells != NULL);
	for (int r = 0; r < rows; r++) {
		if (!full && next(x) % 8 != 0)
			continue;
		read_row(t, r, 1, cols, cells);
		char *text = term_view_row_text(t, r);
		check_text(text, cells, cols);
		free(text);
	}
	/* Scrollback rows through term_cell / term_row_text: the newest and the
	 * oldest ones. */
	for (int i = 0; i < sb; i++) {
		if (i == SB_ROWS_READ && sb > 2 * SB_ROWS_READ)
			i = sb - SB_ROWS_READ;
		if (!full && next(x) % 16 != 0)
			continue;
		int row = -1 - i;
		read_row(t, row, 0, cols, cells);
		char *text = term_row_text(t, row);
		check_text(text, cells, cols);
		free(text);
	}
	free(cells);
	check_outside(t, rows, cols);
}

static const int limits[8] = { 0, 1, 2, 3, 10, 100, 1000, TERM_SCROLLBACK_DEFAULT };

/* The same keys on two terminals must give the same bytes. */
static void press_keys(struct term *t)
{
	term_key(t, TERM_KEY_UP, 0);
	term_key(t, TERM_KEY_HOME, TERM_MOD_SHIFT);
	term_key(t, TERM_KEY_F(1), 0);
	term_key(t, TERM_KEY_F(12), TERM_MOD_CTRL);
	term_key(t, TERM_KEY_KP_ENTER, 0);
	term_key(t, TERM_KEY_KP_0 + 5, 0);
	term_key(t, TERM_KEY_BACKSPACE, 0);
	term_key(t, TERM_KEY_ENTER, 0);
	term_key_unichar(t, 'c', TERM_MOD_CTRL);
	term_key_unichar(t, 0xe9, TERM_MOD_ALT);
	term_paste(t, "pasted\n", 7);
}

static void compare(struct term *a, struct sink *sa, struct term *b, struct sink *sb,
    int rows, int cols)
{
	struct term_cell ca, cb;
	for (int r = 0; r < rows; r++) {
		for (int c = 0; c < cols; c++) {
			FUZZ_CHECK(term_cell(a, r, c, &ca) == 0 && term_cell(b, r, c, &cb) == 0);
			FUZZ_CHECK(same_cell(&ca, &cb));
		}
		FUZZ_CHECK(term_row_wrapped(a, r) == term_row_wrapped(b, r));
	}
	int ar, ac, av, ash, br, bc, bv, bsh;
	term_cursor(a, &ar, &ac, &av, &ash);
	term_cursor(b, &br, &bc, &bv, &bsh);
	FUZZ_CHECK(ar == br && ac == bc && av == bv && ash == bsh);
	FUZZ_CHECK(strcmp(term_title(a), term_title(b)) == 0);
	FUZZ_CHECK(term_altscreen(a) == term_altscreen(b));
	int n = term_scrollback_lines(a);
	FUZZ_CHECK(n == term_scrollback_lines(b));
	for (int i = 0; i < n; i++) {
		if (i == SB_ROWS_READ && n > 2 * SB_ROWS_READ)
			i = n - SB_ROWS_READ;
		char *ta = term_row_text(a, -1 - i), *tb = term_row_text(b, -1 - i);
		FUZZ_CHECK(ta != NULL && tb != NULL && strcmp(ta, tb) == 0);
		FUZZ_CHECK(term_row_wrapped(a, -1 - i) == term_row_wrapped(b, -1 - i));
		free(ta);
		free(tb);
	}
	FUZZ_CHECK(buf_used(&sa->out) == buf_used(&sb->out) &&
	    memcmp(buf_ptr(&sa->out), buf_ptr(&sb->out), buf_used(&sa->out)) == 0);
	buf_reset(&sa->out);
	buf_reset(&sb->out);
	press_keys(a);
	press_keys(b);
	FUZZ_CHECK(buf_used(&sa->out) == buf_used(&sb->out) &&
	    memcmp(buf_ptr(&sa->out), buf_ptr(&sb->out), buf_used(&sa->out)) == 0);
}

/* Calls between pieces that must not change what the screen holds. */
static void look(struct term *t, int rows, int cols, uint32_t *x, int *bell)
{
	term_size(t, &rows, &cols); /* the size it has (at least TERM_MIN_COLS wide) */
	struct term_cell c;
	switch (next(x) % 8) {
	case 0:
		term_scroll_view(t, (int)(next(x) % 41) - 20);
		break;
	case 1:
		term_scroll_view(t, next(x) % 2 ? 1000000 : -1000000);
		break;
	case 2:
		term_view_reset(t);
		FUZZ_CHECK(term_view_offset(t) == 0);
		break;
	case 3: {
		int r = (int)(next(x) % (unsigned)(rows + 2)) - 1, col = (int)(next(x) % (unsigned)(cols + 2)) - 1;
		int got = term_view_cell(t, r, col, &c);
		FUZZ_CHECK(got == ((r >= 0 && r < rows && col >= 0 && col < cols) ? 0 : -1));
		check_cell(&c);
		break;
	}
	case 4: {
		char *s = term_view_row_text(t, (int)(next(x) % (unsigned)rows));
		FUZZ_CHECK(s != NULL && utf8_valid(s, strlen(s)));
		free(s);
		break;
	}
	case 5:
		if (term_damaged(t))
			for (int r = 0; r < rows; r++)
				(void)term_row_dirty(t, r);
		term_take_damage(t);
		FUZZ_CHECK(!term_damaged(t));
		for (int r = 0; r < rows; r++)
			FUZZ_CHECK(!term_row_dirty(t, r));
		break;
	case 6:
		*bell |= term_take_bell(t);
		break;
	default:
		(void)term_scrollback_bytes(t);
		break;
	}
}

static const int sizes[] = { 1, 2, 3, 5, 8, 24, 25, 40, 80, 132 };

/* Calls between pieces for the resize terminal. */
static void poke(struct term *t, int *rows, int *cols, uint32_t *x)
{
	switch (next(x) % 10) {
	case 0:
	case 1: {
		/* Small, odd or common sizes; now and then 0 or less (clamped). */
		uint32_t v = next(x);
		int r = v % 4 == 0 ? sizes[(v >> 2) % 10] : (int)((v >> 2) % 40) + 1;
		int c = v % 3 == 0 ? sizes[(v >> 8) % 10] : (int)((v >> 8) % 120) + 1;
		if ((v >> 20) % 16 == 0)
			r = -(int)((v >> 24) % 3);
		if ((v >> 24) % 16 == 1)
			c = 0;
		term_resize(t, r, c);
		*rows = r < 1 ? 1 : r;
		*cols = c < 1 ? 1 : c;
		break;
	}
	case 2:
		term_scroll_view(t, (int)(next(x) % 61) - 30);
		break;
	case 3:
		term_set_scrollback_limit(t, limits[next(x) % 8]);
		break;
	case 4:
		term_view_reset(t);
		break;
	case 5:
		term_key(t, (enum term_key)((int)(next(x) % (TERM_KEY_COUNT + 4)) - 2), (int)(next(x) % 8));
		break;
	case 6: {
		uint32_t c = next(x) % 0x110000;
		if (c >= 0xd800 && c <= 0xdfff)
			c = 0xfffd;
		term_key_unichar(t, c, (int)(next(x) % 8));
		break;
	}
	case 7:
		term_paste(t, "a\x1b[201~b", 8);
		break;
	case 8:
		term_input_raw(t, "\x1b[A", 3);
		break;
	default:
		break;
	}
}

/* Feed p[0 .. n) to t in pieces of 0 to max bytes (sizes drawn from
 * seed), calling between(t, ctx) after each. */
static void feed_pieces(struct term *t, const char *p, size_t n, uint32_t seed, size_t max,
    void (*between)(struct term *, void *), void *ctx)
{
	uint32_t x = seed;
	for (size_t off = 0; off < n;) {
		size_t k = next(&x) % (max + 1);
		if (k > n - off)
			k = n - off;
		term_feed(t, p + off, k);
		off += k;
		between(t, ctx);
	}
}

struct look_ctx {
	int rows, cols, bell;
	uint32_t x;
};

static void between_look(struct term *t, void *arg)
{
	struct look_ctx *c = arg;
	look(t, c->rows, c->cols, &c->x, &c->bell);
	if (next(&c->x) % 32 == 0)
		check_term(t, c->rows, c->cols, 0, &c->x);
}

struct poke_ctx {
	int rows, cols;
	uint32_t x;
};

static void between_poke(struct term *t, void *arg)
{
	struct poke_ctx *c = arg;
	int n = (int)(next(&c->x) % 3);
	for (int i = 0; i < n; i++)
		poke(t, &c->rows, &c->cols, &c->x);
	if (next(&c->x) % 16 == 0)
		check_term(t, c->rows, c->cols, 0, &c->x);
}

/* Whether the process output is valid UTF-8 (controls and escapes are
 * ASCII, so they count as valid). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* PH_FUZZ_TERM_STRICT=1: compare pieces with whole screen by screen for
	 * invalid UTF-8 too (see below). */
	static int strict = -1;
	if (strict < 0) {
		const char *e = getenv("PH_FUZZ_TERM_STRICT");
		strict = e != NULL && *e != '\0' && strcmp(e, "0") != 0;
	}
	if (size < 4)
		return 0;
	int rows = 1 + data[0] % 32, cols = 1 + data[1] % 100;
	uint8_t seed = data[2];
	int limit = limits[data[3] & 7];
	const char *p = (const char *)data + 4;
	size_t n = size - 4;
	uint32_t x0 = seed * 2654435761u + (uint32_t)n + 1;
	size_t max = 1 + (seed & 63);

	/* whole */
	struct sink sw;
	memset(&sw, 0, sizeof sw);
	buf_init(&sw.out);
	struct term *w = term_new(rows, cols, &callbacks, &sw);
	term_set_scrollback_limit(w, limit);
	term_feed(w, p, n);
	uint32_t x = x0 ^ 0x5bd1e995u;
	check_term(w, rows, cols, 1, &x);

	/* pieces */
	struct sink sp;
	memset(&sp, 0, sizeof sp);
	buf_init(&sp.out);
	struct term *t = term_new(rows, cols, &callbacks, &sp);
	term_set_scrollback_limit(t, limit);
	struct look_ctx lc = { rows, cols, 0, x0 ^ 0x9e3779b9u };
	feed_pieces(t, p, n, x0, max, between_look, &lc);
	lc.bell |= term_take_bell(t);
	FUZZ_CHECK(lc.bell == term_take_bell(w));
	FUZZ_CHECK(strcmp(term_title(w), term_title(t)) == 0);
	FUZZ_CHECK(term_altscreen(w) == term_altscreen(t));
	term_view_reset(t);
	check_term(t, rows, cols, 0, &x);
	/* Where a broken UTF-8 sequence is cut by a control or a bad byte,
	 * libvterm 0.1.4 shows a U+FFFD for it or not depending on where the
	 * writes were split (a known difference, cosmetic); the screens are
	 * compared for valid UTF-8 only, unless strict. */
	if (strict || utf8_valid((const char *)data + 4, n))
		compare(w, &sw, t, &sp, rows, cols);
	term_free(t);
	buf_free(&sp.out);
	term_free(w);
	buf_free(&sw.out);

	/* resize */
	struct sink sr;
	memset(&sr, 0, sizeof sr);
	buf_init(&sr.out);
	struct term *r = term_new(rows, cols, &callbacks, &sr);
	term_set_scrollback_limit(r, limit);
	struct poke_ctx pc = { rows, cols, x0 ^ 0x85ebca6bu };
	feed_pieces(r, p, n, x0 ^ 0xc2b2ae35u, max, between_poke, &pc);
	check_term(r, pc.rows, pc.cols, 0, &x);
	term_scroll_view(r, 1000000);
	check_term(r, pc.rows, pc.cols, 1, &x);
	term_free(r);
	buf_free(&sr.out);
	return 0;
}
