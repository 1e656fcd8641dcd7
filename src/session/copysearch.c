/* copysearch.c: search in copy mode (copymode.h): plain text or POSIX
 * extended regular expressions over the logical lines of the scrollback and
 * the screen, forwards or backwards from the cursor with wrap-around, the
 * count of matches and the matches on given rows for highlighting. Each
 * logical line is turned into UTF-8 with a map from its bytes to cells and
 * matched as one string, so a match may span wrapped rows. */
#include "config.h"
#include "session/copymode-private.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* One logical line as text. */
struct line_text {
	struct buf s;
	struct cm_pos *map; /* the cell of each byte */
	size_t cap;
};

static void map_add(struct line_text *lt, size_t n, int row, int col)
{
	if (lt->s.len + n > lt->cap) {
		lt->cap = (lt->s.len + n) * 2 + 64;
		lt->map = xreallocarray(lt->map, lt->cap, sizeof *lt->map);
	}
	for (size_t i = 0; i < n; i++)
		lt->map[lt->s.len - n + i] = (struct cm_pos){ row, col };
}

/* The text of the logical line starting at row; returns its last row. The
 * last row's trailing blanks are left out; wrapped rows are taken whole
 * (cm_text_cols()). */
static int line_text(const struct copymode *cm, int row, struct line_text *lt)
{
	int end = cm_line_end(cm, row);
	buf_reset(&lt->s);
	for (int r = row; r <= end; r++) {
		int lim = cm_text_cols(cm, r);
		for (int col = 0; col < lim; col++) {
			struct term_cell c;
			cm_cell(cm, r, col, &c);
			if (c.width == 0)
				continue;
			char u[4 * TERM_MAX_CHARS];
			size_t n = 0;
			for (int k = 0; k < c.nch && k < TERM_MAX_CHARS; k++)
				n += (size_t)utf8_encode(c.ch[k] ? c.ch[k] : ' ', u + n);
			if (n == 0)
				u[n++] = ' ';
			buf_add(&lt->s, u, n);
			map_add(lt, n, r, col);
		}
	}
	return end;
}

static int is_upper(const char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			return 1;
	return 0;
}

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 'a' - 'A' : c; }

static int text_at(const struct copymode *cm, const char *s, size_t len, size_t i)
{
	size_t n = strlen(cm->pattern);
	if (n > len - i)
		return 0;
	if (!cm->icase)
		return memcmp(s + i, cm->pattern, n) == 0;
	for (size_t k = 0; k < n; k++)
		if (lower((unsigned char)s[i + k]) != lower((unsigned char)cm->pattern[k]))
			return 0;
	return 1;
}

/* The next match in the line at byte off or after: 1 with [*so, *eo). */
static int next_match(const struct copymode *cm, const struct line_text *lt, size_t off,
    size_t *so, size_t *eo)
{
	const char *s = buf_ptr(&lt->s);
	size_t len = lt->s.len;
	if (!(cm->search_flags & COPYMODE_SEARCH_REGEX)) {
		size_t n = strlen(cm->pattern);
		for (size_t i = off; n > 0 && i < len; i++) {
			/* Only from the first byte of a cell. */
			if (i > 0 && cm_pos_cmp(lt->map[i], lt->map[i - 1]) == 0)
				continue;
			if (text_at(cm, s, len, i)) {
				*so = i;
				*eo = i + n;
				return 1;
			}
		}
		return 0;
	}
	while (off <= len) {
		regmatch_t m;
		if (regexec(&cm->re, s + off, 1, &m, off > 0 ? REG_NOTBOL : 0) != 0)
			return 0;
		if (m.rm_eo > m.rm_so) {
			*so = off + (size_t)m.rm_so;
			*eo = off + (size_t)m.rm_eo;
			return 1;
		}
		off += (size_t)m.rm_so + 1; /* an empty match: not one */
	}
	return 0;
}

/* Call fn for each match (its first and last cells) in the logical lines
 * from the one holding row first to the one holding row last. */
typedef void (*match_fn)(void *arg, struct cm_pos s, struct cm_pos e);

static void each_match(const struct copymode *cm, int first, int last, match_fn fn, void *arg)
{
	if (cm->pattern == NULL || cm->pattern[0] == '\0')
		return;
	struct line_text lt = { .map = NULL, .cap = 0 };
	buf_init(&lt.s);
	int lo = copymode_first_row(cm), hi = cm_last_row(cm);
	if (first < lo)
		first = lo;
	if (last > hi)
		last = hi;
	for (int row = first <= last ? cm_line_start(cm, first) : last + 1; row <= last;) {
		int end = line_text(cm, row, &lt);
		size_t off = 0, so, eo;
		while (off < lt.s.len && next_match(cm, &lt, off, &so, &eo)) {
			fn(arg, lt.map[so], lt.map[eo - 1]);
			off = eo;
		}
		row = end + 1;
	}
	buf_free(&lt.s);
	free(lt.map);
}

/* --- searching --- */

struct finder {
	struct cm_pos at; /* the cursor */
	int count;
	struct cm_pos first, last, after, before;
	int first_i, last_i, after_i, before_i, at_i; /* ordinals, 0: none */
};

static void find_one(void *arg, struct cm_pos s, struct cm_pos e)
{
	struct finder *f = arg;
	(void)e;
	f->count++;
	if (f->first_i == 0) {
		f->first = s;
		f->first_i = f->count;
	}
	f->last = s;
	f->last_i = f->count;
	int c = cm_pos_cmp(s, f->at);
	if (c > 0 && f->after_i == 0) {
		f->after = s;
		f->after_i = f->count;
	}
	if (c < 0) {
		f->before = s;
		f->before_i = f->count;
	}
	if (c == 0)
		f->at_i = f->count;
}

static int run_search(struct copymode *cm, int backward)
{
	struct finder f;
	memset(&f, 0, sizeof f);
	f.at = (struct cm_pos){ cm->cy, cm->cx };
	each_match(cm, copymode_first_row(cm), cm_last_row(cm), find_one, &f);
	memset(&cm->info, 0, sizeof cm->info);
	cm->cur_row = INT_MIN;
	cm->info.count = f.count;
	if (f.count == 0)
		return COPYMODE_NOTFOUND;
	struct cm_pos to;
	if (backward) {
		cm->info.wrapped = f.before_i == 0;
		to = cm->info.wrapped ? f.last : f.before;
		cm->info.index = cm->info.wrapped ? f.last_i : f.before_i;
	} else {
		cm->info.wrapped = f.after_i == 0;
		to = cm->info.wrapped ? f.first : f.after;
		cm->info.index = cm->info.wrapped ? f.first_i : f.after_i;
	}
	cm->cy = cm->cur_row = to.row;
	cm->cx = cm->cur_col = to.col;
	cm->want_col = to.col;
	return COPYMODE_OK;
}

void cm_search_refresh(struct copymode *cm)
{
	memset(&cm->info, 0, sizeof cm->info);
	cm->cur_row = INT_MIN;
	if (cm->pattern == NULL)
		return;
	struct finder f;
	memset(&f, 0, sizeof f);
	f.at = (struct cm_pos){ cm->cy, cm->cx };
	each_match(cm, copymode_first_row(cm), cm_last_row(cm), find_one, &f);
	cm->info.count = f.count;
	if (f.at_i != 0) {
		cm->info.index = f.at_i;
		cm->cur_row = cm->cy;
		cm->cur_col = cm->cx;
	}
}

void cm_search_free(struct copymode *cm)
{
	if (cm->re_ok)
		regfree(&cm->re);
	cm->re_ok = 0;
	free(cm->pattern);
	cm->pattern = NULL;
}

int copymode_search(struct copymode *cm, const char *pattern, int flags)
{
	cm_search_free(cm);
	memset(&cm->info, 0, sizeof cm->info);
	cm->cur_row = INT_MIN;
	if (pattern == NULL || pattern[0] == '\0')
		return COPYMODE_BADARG;
	cm->icase = cm->smartcase && !is_upper(pattern);
	if (flags & COPYMODE_SEARCH_REGEX) {
		if (regcomp(&cm->re, pattern, REG_EXTENDED | (cm->icase ? REG_ICASE : 0)) != 0)
			return COPYMODE_BADARG;
		cm->re_ok = 1;
	}
	cm->pattern = xstrdup(pattern);
	cm->search_flags = flags;
	return run_search(cm, flags & COPYMODE_SEARCH_BACKWARD);
}

int copymode_search_again(struct copymode *cm, int reverse)
{
	if (cm->pattern == NULL)
		return COPYMODE_NOTFOUND;
	int backward = !!(cm->search_flags & COPYMODE_SEARCH_BACKWARD);
	return run_search(cm, reverse ? !backward : backward);
}

void copymode_set_smartcase(struct copymode *cm, int on) { cm->smartcase = !!on; }

void copymode_search_info(const struct copymode *cm, struct copymode_search_info *out)
{
	*out = cm->info;
}

CM_CMD_IS(cm_search_forward_text, copymode_search(cm, arg, 0))
CM_CMD_IS(cm_search_backward_text, copymode_search(cm, arg, COPYMODE_SEARCH_BACKWARD))
CM_CMD_IS(cm_search_forward_re, copymode_search(cm, arg, COPYMODE_SEARCH_REGEX))
CM_CMD_IS(cm_search_backward_re, copymode_search(cm, arg, COPYMODE_SEARCH_REGEX | COPYMODE_SEARCH_BACKWARD))
CM_CMD_IS(cm_search_again_cmd, copymode_search_again(cm, 0))
CM_CMD_IS(cm_search_reverse_cmd, copymode_search_again(cm, 1))

/* --- the matches on rows, for highlighting --- */

struct spans {
	const struct copymode *cm;
	int first, last;
	struct copymode_span *out;
	int max, n;
};

static void span_one(void *arg, struct cm_pos s, struct cm_pos e)
{
	struct spans *sp = arg;
	const struct copymode *cm = sp->cm;
	int current = cm->cur_row == s.row && cm->cur_col == s.col;
	for (int row = s.row; row <= e.row; row++) {
		if (row < sp->first || row > sp->last)
			continue;
		int col = row == s.row ? s.col : 0, end = cm->cols;
		if (row == e.row) {
			struct term_cell c;
			cm_cell(cm, e.row, e.col, &c);
			end = e.col + (c.width == 2 ? 2 : 1);
		}
		if (sp->n < sp->max)
			sp->out[sp->n] = (struct copymode_span){ row, col, end, current };
		sp->n++;
	}
}

int copymode_matches(const struct copymode *cm, int first, int n, struct copymode_span *out, int max)
{
	if (n <= 0)
		return 0;
	long last = (long)first + n - 1;
	struct spans sp = { cm, first, last > INT_MAX ? INT_MAX : (int)last, out, max < 0 ? 0 : max, 0 };
	each_match(cm, sp.first, sp.last, span_one, &sp);
	return sp.n;
}
