/* scrollback.c: the compact scrollback ring of scrollback.h. Owns the stored
 * lines; called by the terminal model (session/term.c) only.
 *
 * A stored line is one allocation: a header, then the attribute runs, then
 * (for lines with wide or combining characters) one info byte per cell, then
 * the UTF-8 text of every cell in order. A "cell" here is a glyph: a wide
 * character is one stored cell covering two columns. */
#include "config.h"
#include "session/scrollback.h"
#include "session/grid.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <limits.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Cells sharing one pen. Colours are packed as kind << 24 | rgb (or index). */
struct sb_run {
	uint16_t ncells;
	uint16_t attr;
	uint32_t fg, bg;
};

struct sb_line {
	uint16_t ncols;  /* columns covered, trailing blanks trimmed */
	uint16_t ncells; /* stored cells */
	uint16_t nruns;
	uint16_t flags;  /* SB_LINE_INFO: an info byte per cell follows the runs */
	uint32_t textlen;
	unsigned char data[]; /* runs, [info], text */
};
#define SB_LINE_INFO 1
#define SB_LINE_WRAPPED 2 /* the text goes on in the next line: not trimmed */
/* Per-cell info byte: codepoint count in the low 3 bits, width above. */
#define SB_INFO(nch, width) ((unsigned char)((nch) | ((width) << 3)))
#define SB_INFO_NCH(i) ((i) & 7)
#define SB_INFO_WIDTH(i) (((i) >> 3) & 3)
/* Allocator bookkeeping we assume for each line, for scrollback_bytes(). */
#define SB_MALLOC_OVERHEAD 16
#define SB_MAX_COLS UINT16_MAX

_Static_assert(sizeof(struct sb_line) % _Alignof(struct sb_run) == 0, "runs follow the header aligned");
_Static_assert(sizeof(struct sb_run) == 12, "runs are 12 bytes");

struct scrollback {
	struct sb_line **lines; /* ring of cap slots: oldest at head */
	int cap;
	int head;
	int count;
	int limit;
	size_t bytes; /* sum of stored line sizes */

	/* Scratch for building a line while pushing. */
	struct buf text;
	struct sb_run *runs;
	unsigned char *info;
	int scratch_cap; /* cells runs[] and info[] can hold */
	struct term_cell *join; /* a logical line being rewrapped */
	int join_cap;
};

static size_t line_size(const struct sb_line *l)
{
	return sizeof *l + (size_t)l->nruns * sizeof(struct sb_run) +
	    ((l->flags & SB_LINE_INFO) ? l->ncells : 0) + l->textlen;
}

static struct sb_run *line_runs(struct sb_line *l) { return (struct sb_run *)(void *)l->data; }

static const struct sb_run *line_runs_c(const struct sb_line *l)
{
	return (const struct sb_run *)(const void *)l->data;
}

static const unsigned char *line_info(const struct sb_line *l)
{
	return (l->flags & SB_LINE_INFO) ? l->data + l->nruns * sizeof(struct sb_run) : NULL;
}

static const unsigned char *line_text(const struct sb_line *l)
{
	return l->data + l->nruns * sizeof(struct sb_run) + ((l->flags & SB_LINE_INFO) ? l->ncells : 0);
}

static void line_free(struct scrollback *sb, struct sb_line *l)
{
	sb->bytes -= line_size(l);
	free(l);
}

struct scrollback *scrollback_new(int limit)
{
	struct scrollback *sb = xcalloc(1, sizeof *sb);
	sb->limit = limit < 0 ? 0 : limit;
	buf_init(&sb->text);
	return sb;
}

void scrollback_clear(struct scrollback *sb)
{
	for (int i = 0; i < sb->count; i++)
		line_free(sb, sb->lines[(sb->head + i) % sb->cap]);
	sb->head = sb->count = 0;
}

void scrollback_free(struct scrollback *sb)
{
	if (sb == NULL)
		return;
	scrollback_clear(sb);
	free(sb->lines);
	buf_free(&sb->text);
	free(sb->runs);
	free(sb->info);
	free(sb->join);
	free(sb);
}

/* Copy the ring into a new array of newcap slots, oldest first. */
static void ring_realloc(struct scrollback *sb, int newcap)
{
	struct sb_line **lines = NULL;
	if (newcap > 0) {
		lines = xreallocarray(NULL, (size_t)newcap, sizeof *lines);
		for (int i = 0; i < sb->count; i++)
			lines[i] = sb->lines[(sb->head + i) % sb->cap];
	}
	free(sb->lines);
	sb->lines = lines;
	sb->cap = newcap;
	sb->head = 0;
}

static void drop_oldest(struct scrollback *sb)
{
	line_free(sb, sb->lines[sb->head]);
	sb->lines[sb->head] = NULL;
	sb->head = (sb->head + 1) % sb->cap;
	sb->count--;
}

void scrollback_set_limit(struct scrollback *sb, int limit)
{
	if (limit < 0)
		limit = 0;
	sb->limit = limit;
	while (sb->count > limit)
		drop_oldest(sb);
	if (sb->cap > limit)
		ring_realloc(sb, limit);
}

int scrollback_limit(const struct scrollback *sb) { return sb->limit; }
int scrollback_count(const struct scrollback *sb) { return sb->count; }

static uint32_t color_pack(const struct term_color *c)
{
	switch (c->kind) {
	case TERM_COLOR_INDEXED:
		return (uint32_t)TERM_COLOR_INDEXED << 24 | c->index;
	case TERM_COLOR_RGB:
		return (uint32_t)TERM_COLOR_RGB << 24 | (uint32_t)c->r << 16 | (uint32_t)c->g << 8 | c->b;
	default:
		return 0;
	}
}

static void color_unpack(uint32_t v, struct term_color *c)
{
	memset(c, 0, sizeof *c);
	switch (v >> 24) {
	case TERM_COLOR_INDEXED:
		c->kind = TERM_COLOR_INDEXED;
		c->index = v & 0xff;
		break;
	case TERM_COLOR_RGB:
		c->kind = TERM_COLOR_RGB;
		c->r = (v >> 16) & 0xff;
		c->g = (v >> 8) & 0xff;
		c->b = v & 0xff;
		break;
	default:
		c->kind = TERM_COLOR_DEFAULT;
		break;
	}
}

/* Decode one codepoint of text we encoded ourselves (always valid). */
static uint32_t decode_own(const unsigned char **pp)
{
	const unsigned char *p = *pp;
	uint32_t c;
	int n;
	if (p[0] < 0x80) {
		c = p[0];
		n = 0;
	} else if (p[0] < 0xe0) {
		c = p[0] & 0x1f;
		n = 1;
	} else if (p[0] < 0xf0) {
		c = p[0] & 0x0f;
		n = 2;
	} else {
		c = p[0] & 0x07;
		n = 3;
	}
	p++;
	while (n-- > 0)
		c = c << 6 | (*p++ & 0x3f);
	*pp = p;
	return c;
}

/* A cell that looks like nothing: a space with no visible attribute on the
 * default background. */
static int cell_blank(const struct term_cell *c)
{
	if (c->width != 1)
		return 0;
	if (c->nch > 1 || (c->nch == 1 && c->ch[0] != ' '))
		return 0;
	if (c->attr & (TERM_ATTR_REVERSE | TERM_ATTR_UNDERLINE | TERM_ATTR_STRIKE))
		return 0;
	return c->bg.kind == TERM_COLOR_DEFAULT;
}

static void scratch_reserve(struct scrollback *sb, int ncells)
{
	if (ncells <= sb->scratch_cap)
		return;
	sb->runs = xreallocarray(sb->runs, (size_t)ncells, sizeof *sb->runs);
	sb->info = xrealloc(sb->info, (size_t)ncells);
	sb->scratch_cap = ncells;
}

/* The allocation for a line of size bytes: reuse (a line just dropped
 * from the ring, or NULL) when it is big enough and not much bigger, as in
 * a flood of lines alike, else a new one. */
static struct sb_line *line_alloc(struct sb_line *reuse, size_t size)
{
	if (reuse != NULL) {
		size_t have = malloc_usable_size(reuse);
		if (have >= size && have <= size + size / 4 + 32)
			return reuse;
		free(reuse);
	}
	return xmalloc(size);
}

/* Build a stored line from ncols cells, in reuse's memory if it fits (see
 * line_alloc); a wrapped line keeps its trailing blanks (they are text
 * that goes on in the next line). */
static struct sb_line *line_encode(struct scrollback *sb, const struct term_cell *cells, int ncols, int wrapped,
    struct sb_line *reuse)
{
	if (ncols > SB_MAX_COLS)
		ncols = SB_MAX_COLS;
	int end = ncols;
	while (!wrapped && end > 0 && cell_blank(&cells[end - 1]))
		end--;

	scratch_reserve(sb, end > 0 ? end : 1);
	buf_reset(&sb->text);
	int ncells = 0, nruns = 0, complex = 0;
	int covered = 0; /* columns up to here belong to an earlier wide cell */
	for (int col = 0; col < end; col++) {
		const struct term_cell *c = &cells[col];
		if (col < covered)
			continue; /* right half of a wide character */
		int width = c->width == 2 && col + 1 < end ? 2 : 1;
		int nch = c->width == 0 ? 0 : c->nch;
		if (nch > TERM_MAX_CHARS)
			nch = TERM_MAX_CHARS;
		char u[4];
		if (nch <= 0) {
			/* A stray right half or an empty cell: store a space. */
			buf_add(&sb->text, " ", 1);
			nch = 1;
		} else {
			for (int i = 0; i < nch; i++)
				buf_add(&sb->text, u, (size_t)utf8_encode(c->ch[i], u));
		}
		covered = col + width;
		if (nch != 1 || width != 1)
			complex = 1;
		sb->info[ncells] = SB_INFO(nch, width);

		uint32_t fg = color_pack(&c->fg), bg = color_pack(&c->bg);
		uint16_t attr = c->attr & (uint16_t)~GRID_ATTR_PROTECTED;
		struct sb_run *r = nruns > 0 ? &sb->runs[nruns - 1] : NULL;
		if (r != NULL && r->attr == attr && r->fg == fg && r->bg == bg) {
			r->ncells++;
		} else {
			r = &sb->runs[nruns++];
			r->ncells = 1;
			r->attr = attr;
			r->fg = fg;
			r->bg = bg;
		}
		ncells++;
	}

	size_t textlen = buf_used(&sb->text);
	size_t runbytes = (size_t)nruns * sizeof(struct sb_run);
	size_t infobytes = complex ? (size_t)ncells : 0;
	struct sb_line *l = line_alloc(reuse, sizeof *l + runbytes + infobytes + textlen);
	l->ncols = (uint16_t)covered;
	l->ncells = (uint16_t)ncells;
	l->nruns = (uint16_t)nruns;
	l->flags = (complex ? SB_LINE_INFO : 0) | (wrapped ? SB_LINE_WRAPPED : 0);
	l->textlen = (uint32_t)textlen;
	if (runbytes > 0)
		memcpy(line_runs(l), sb->runs, runbytes);
	if (infobytes > 0)
		memcpy(l->data + runbytes, sb->info, infobytes);
	if (textlen > 0)
		memcpy(l->data + runbytes + infobytes, buf_ptr(&sb->text), textlen);
	return l;
}

/* Lay a stored line out over ncols cells. */
static void line_decode(const struct sb_line *l, struct term_cell *cells, int ncols)
{
	for (int col = 0; col < ncols; col++)
		grid_cell_blank(&cells[col]);

	const struct sb_run *runs = line_runs_c(l);
	const unsigned char *info = line_info(l);
	const unsigned char *p = line_text(l);
	int run = 0, left = l->nruns > 0 ? runs[0].ncells : 0;
	int col = 0;
	for (int i = 0; i < l->ncells && col < ncols; i++) {
		while (left == 0 && run + 1 < l->nruns)
			left = runs[++run].ncells;
		left--;
		int nch = info ? SB_INFO_NCH(info[i]) : 1;
		int width = info ? SB_INFO_WIDTH(info[i]) : 1;
		uint32_t ch[TERM_MAX_CHARS];
		for (int k = 0; k < nch; k++)
			ch[k] = decode_own(&p);
		if (width == 2 && col + 1 >= ncols)
			break; /* no room for the right half: leave a blank */
		struct term_cell *c = &cells[col];
		memcpy(c->ch, ch, (size_t)nch * sizeof ch[0]);
		c->nch = nch;
		c->width = width;
		c->attr = runs[run].attr;
		color_unpack(runs[run].fg, &c->fg);
		color_unpack(runs[run].bg, &c->bg);
		if (width == 2) {
			struct term_cell *rh = &cells[col + 1];
			*rh = *c;
			memset(rh->ch, 0, sizeof rh->ch);
			rh->nch = 0;
			rh->width = 0;
		}
		col += width;
	}
}

/* Add a stored line as the newest. */
static void ring_add(struct scrollback *sb, struct sb_line *l)
{
	if (sb->count == sb->limit)
		drop_oldest(sb);
	if (sb->count == sb->cap) {
		int newcap = sb->cap < 64 ? 64 : sb->cap * 2;
		if (newcap > sb->limit)
			newcap = sb->limit;
		ring_realloc(sb, newcap);
	}
	sb->lines[(sb->head + sb->count) % sb->cap] = l;
	sb->count++;
	sb->bytes += line_size(l);
}

void scrollback_push(struct scrollback *sb, const struct term_cell *cells, int ncols, int wrapped)
{
	if (sb->limit == 0)
		return;
	/* A full ring: the oldest line's memory is used for the new one. */
	struct sb_line *old = NULL;
	if (sb->count == sb->limit) {
		old = sb->lines[sb->head];
		sb->bytes -= line_size(old);
		sb->lines[sb->head] = NULL;
		sb->head = (sb->head + 1) % sb->cap;
		sb->count--;
	}
	ring_add(sb, line_encode(sb, cells, ncols < 0 ? 0 : ncols, wrapped, old));
}

static const struct sb_line *line_at(const struct scrollback *sb, int n)
{
	if (n < 0 || n >= sb->count)
		return NULL;
	return sb->lines[(sb->head + sb->count - 1 - n) % sb->cap];
}

int scrollback_pop(struct scrollback *sb, struct term_cell *cells, int ncols, int *wrapped)
{
	if (sb->count == 0)
		return -1;
	int slot = (sb->head + sb->count - 1) % sb->cap;
	struct sb_line *l = sb->lines[slot];
	line_decode(l, cells, ncols);
	int width = l->ncols < ncols ? l->ncols : ncols;
	if (wrapped != NULL)
		*wrapped = !!(l->flags & SB_LINE_WRAPPED);
	sb->lines[slot] = NULL;
	sb->count--;
	line_free(sb, l);
	return width;
}

int scrollback_line_wrapped(const struct scrollback *sb, int n)
{
	const struct sb_line *l = line_at(sb, n);
	return l != NULL && (l->flags & SB_LINE_WRAPPED);
}

void scrollback_set_newest_wrapped(struct scrollback *sb)
{
	if (sb->count == 0)
		return;
	struct sb_line *l = sb->lines[(sb->head + sb->count - 1) % sb->cap];
	l->flags |= SB_LINE_WRAPPED;
}

/* Append the cells of stored line l to the joined line at sb->join. */
static int join_add(struct scrollback *sb, const struct sb_line *l, int at)
{
	if (at + l->ncols > sb->join_cap) {
		int cap = sb->join_cap;
		while (cap < at + l->ncols)
			cap *= 2;
		sb->join = xreallocarray(sb->join, (size_t)cap, sizeof *sb->join);
		sb->join_cap = cap;
	}
	line_decode(l, sb->join + at, l->ncols);
	return at + l->ncols;
}

void scrollback_reflow(struct scrollback *sb, int cols)
{
	if (sb->count == 0 || cols < 1)
		return;
	if (sb->join_cap == 0) {
		sb->join_cap = 256;
		sb->join = xreallocarray(NULL, (size_t)sb->join_cap, sizeof *sb->join);
	}
	struct sb_line **out = NULL;
	int nout = 0, capout = 0;
	int n = sb->count;
	for (int i = 0; i < n;) {
		struct sb_line *l = sb->lines[(sb->head + i) % sb->cap];
		if (!(l->flags & SB_LINE_WRAPPED) && l->ncols <= cols) {
			if (nout == capout) {
				capout = capout < 64 ? 64 : capout * 2;
				out = xreallocarray(out, (size_t)capout, sizeof *out);
			}
			out[nout++] = l;
			i++;
			continue;
		}
		/* A logical line: wrapped lines up to one that is not. */
		int len = 0, open = 1;
		while (i < n) {
			l = sb->lines[(sb->head + i) % sb->cap];
			len = join_add(sb, l, len);
			open = !!(l->flags & SB_LINE_WRAPPED);
			line_free(sb, l);
			i++;
			if (!open)
				break;
		}
		int pos = 0;
		do {
			int end = grid_wrap_end(sb->join, pos, len, cols);
			int more = end < len;
			if (nout == capout) {
				capout = capout < 64 ? 64 : capout * 2;
				out = xreallocarray(out, (size_t)capout, sizeof *out);
			}
			struct sb_line *nl = line_encode(sb, sb->join + pos, end - pos, more || open, NULL);
			sb->bytes += line_size(nl);
			out[nout++] = nl;
			pos = end;
		} while (pos < len);
	}
	int drop = nout > sb->limit ? nout - sb->limit : 0;
	for (int i = 0; i < drop; i++)
		line_free(sb, out[i]);
	free(sb->lines);
	sb->lines = NULL;
	sb->cap = sb->count = sb->head = 0;
	int keep = nout - drop;
	int cap = keep < 64 ? 64 : keep;
	if (cap > sb->limit)
		cap = sb->limit;
	if (cap > 0) {
		sb->lines = xreallocarray(NULL, (size_t)cap, sizeof *sb->lines);
		memcpy(sb->lines, out + drop, (size_t)keep * sizeof *sb->lines);
	}
	sb->cap = cap;
	sb->count = keep;
	free(out);
}

int scrollback_line_cells(const struct scrollback *sb, int n, struct term_cell *cells, int ncols)
{
	const struct sb_line *l = line_at(sb, n);
	if (l == NULL)
		return -1;
	line_decode(l, cells, ncols);
	return l->ncols;
}

int scrollback_line_width(const struct scrollback *sb, int n)
{
	const struct sb_line *l = line_at(sb, n);
	return l ? l->ncols : -1;
}

size_t scrollback_bytes(const struct scrollback *sb)
{
	return sizeof *sb + (size_t)sb->cap * sizeof *sb->lines + sb->bytes +
	    (size_t)sb->count * SB_MALLOC_OVERHEAD + sb->text.cap +
	    (size_t)sb->scratch_cap * (sizeof *sb->runs + 1) + (size_t)sb->join_cap * sizeof *sb->join;
}
