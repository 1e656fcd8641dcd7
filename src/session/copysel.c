/* copysel.c: the selection of copy mode (copymode.h): its anchor and mode
 * (character, line, rectangle), which cells it covers and its text, and
 * the selection commands. */
#include "config.h"
#include "session/copymode-private.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <stdlib.h>

int copymode_selection_mode(const struct copymode *cm)
{
	if (cm->sel_mode == COPYMODE_SEL_CHAR && cm->rect)
		return COPYMODE_SEL_RECT;
	return cm->sel_mode;
}

/* The two ends in reading order. */
static void ends(const struct copymode *cm, struct cm_pos *s, struct cm_pos *e)
{
	struct cm_pos a = { cm->sel_row, cm->sel_col }, b = { cm->cy, cm->cx };
	int swap = cm_pos_cmp(a, b) > 0;
	*s = swap ? b : a;
	*e = swap ? a : b;
}

/* The last column of the character at col (its right half for a wide one). */
static int char_last(const struct copymode *cm, int row, int col)
{
	struct term_cell c;
	col = cm_char_col(cm, row, col);
	if (cm_cell(cm, row, col, &c) == 0 && c.width == 2 && col + 1 < cm->cols)
		return col + 1;
	return col;
}

/* The columns of the selection on row, c0 .. c1; 0 when it has none. */
static int row_span(const struct copymode *cm, int row, int *c0, int *c1)
{
	struct cm_pos s, e;
	ends(cm, &s, &e);
	switch (copymode_selection_mode(cm)) {
	case COPYMODE_SEL_CHAR:
		if (row < s.row || row > e.row)
			return 0;
		*c0 = row == s.row ? cm_char_col(cm, row, s.col) : 0;
		*c1 = row == e.row ? char_last(cm, row, e.col) : cm->cols - 1;
		return 1;
	case COPYMODE_SEL_LINE:
		if (row < cm_line_start(cm, s.row) || row > cm_line_end(cm, e.row))
			return 0;
		*c0 = 0;
		*c1 = cm->cols - 1;
		return 1;
	case COPYMODE_SEL_RECT: {
		if (row < s.row || row > e.row)
			return 0;
		int l = cm->sel_col < cm->cx ? cm->sel_col : cm->cx;
		int r = cm->sel_col < cm->cx ? cm->cx : cm->sel_col;
		*c0 = cm_char_col(cm, row, l);
		*c1 = char_last(cm, row, r);
		return 1;
	}
	default:
		return 0;
	}
}

int copymode_selected(const struct copymode *cm, int row, int col)
{
	int c0, c1;
	return row_span(cm, row, &c0, &c1) && col >= c0 && col <= c1;
}

/* Append the text of cells c0 .. c1 of row; trim: drop trailing blanks. */
static void add_cells(const struct copymode *cm, struct buf *b, int row, int c0, int c1, int trim)
{
	size_t start = b->len, keep = b->len;
	for (int col = c0; col <= c1; col++) {
		struct term_cell c;
		cm_cell(cm, row, col, &c);
		if (c.width == 0)
			continue;
		int blank = cm_blank(&c);
		if (c.nch == 0)
			buf_add(b, " ", 1);
		for (int k = 0; k < c.nch && k < TERM_MAX_CHARS; k++) {
			char u[4];
			buf_add(b, u, (size_t)utf8_encode(c.ch[k], u));
		}
		if (!blank)
			keep = b->len;
	}
	if (trim && b->len > start) {
		b->len = keep;
		b->data[keep] = '\0';
	}
}

char *copymode_selection_text(const struct copymode *cm)
{
	int mode = copymode_selection_mode(cm);
	if (mode == COPYMODE_SEL_NONE)
		return NULL;
	struct cm_pos s, e;
	ends(cm, &s, &e);
	int first = s.row, last = e.row;
	if (mode == COPYMODE_SEL_LINE) {
		first = cm_line_start(cm, first);
		last = cm_line_end(cm, last);
	}
	struct buf b;
	buf_init(&b);
	for (int row = first; row <= last; row++) {
		int c0, c1;
		if (!row_span(cm, row, &c0, &c1))
			continue;
		/* A wrapped row taken to its end goes on in the next row. */
		int joined = mode != COPYMODE_SEL_RECT && c1 == cm->cols - 1 && cm_wrapped(cm, row);
		if (joined)
			c1 = cm_text_cols(cm, row) - 1;
		add_cells(cm, &b, row, c0, c1, !joined);
		if (joined && row < last)
			continue;
		if (row < last || mode == COPYMODE_SEL_LINE)
			buf_add(&b, "\n", 1);
	}
	return buf_steal(&b, NULL);
}

char *copymode_take_copy(struct copymode *cm)
{
	char *s = cm->copied;
	cm->copied = NULL;
	return s;
}

/* --- the commands --- */

static int begin(struct copymode *cm, int mode)
{
	cm->sel_mode = mode;
	cm->sel_row = cm->cy;
	cm->sel_col = cm->cx;
	return COPYMODE_OK;
}

CM_CMD_IS(cm_begin_selection, begin(cm, COPYMODE_SEL_CHAR))
CM_CMD_IS(cm_select_line, begin(cm, COPYMODE_SEL_LINE))

static int set_rect(struct copymode *cm, int on)
{
	cm->rect = on;
	return COPYMODE_OK;
}

CM_CMD_IS(cm_rectangle_toggle, set_rect(cm, !cm->rect))
CM_CMD_IS(cm_rectangle_on, set_rect(cm, 1))
CM_CMD_IS(cm_rectangle_off, set_rect(cm, 0))

int cm_clear_selection(struct copymode *cm, const char *arg)
{
	(void)arg;
	cm->sel_mode = COPYMODE_SEL_NONE;
	return COPYMODE_OK;
}

int cm_other_end(struct copymode *cm, const char *arg)
{
	(void)arg;
	if (cm->sel_mode == COPYMODE_SEL_NONE)
		return COPYMODE_OK;
	int row = cm->sel_row, col = cm->sel_col;
	cm->sel_row = cm->cy;
	cm->sel_col = cm->cx;
	cm->cy = row;
	cm->cx = col;
	cm->want_col = col;
	return COPYMODE_OK;
}

/* Copy the selection (nothing without one) and clear it, as tmux does. */
int cm_copy_selection(struct copymode *cm, const char *arg)
{
	(void)arg;
	char *s = copymode_selection_text(cm);
	if (s == NULL)
		return COPYMODE_OK;
	free(cm->copied);
	cm->copied = s;
	cm->sel_mode = COPYMODE_SEL_NONE;
	return COPYMODE_OK;
}

int cm_copy_selection_cancel(struct copymode *cm, const char *arg)
{
	cm_copy_selection(cm, arg);
	return COPYMODE_EXIT;
}
