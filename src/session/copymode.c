/* copymode.c: the copy-mode state over a term (copymode.h): entering (the
 * copy of the screen), reading rows in copy-mode numbering, keeping the
 * cursor in range and in view, and the table of commands by name. The
 * commands themselves are in copymotion.c, copysearch.c and copysel.c. */
#include "config.h"
#include "session/copymode-private.h"
#include "core/xmalloc.h"
#include <limits.h>
#include <stdlib.h>
#include <string.h>

void cm_snapshot(struct copymode *cm)
{
	struct term *t = cm->t;
	free(cm->snap);
	free(cm->snap_wrapped);
	term_size(t, &cm->rows, &cm->cols);
	cm->scrolled0 = term_scrolled(t);
	cm->snap = xcalloc((size_t)cm->rows * (size_t)cm->cols, sizeof *cm->snap);
	cm->snap_wrapped = xcalloc((size_t)cm->rows, 1);
	for (int r = 0; r < cm->rows; r++) {
		for (int c = 0; c < cm->cols; c++)
			term_cell(t, r, c, &cm->snap[(size_t)r * (size_t)cm->cols + (size_t)c]);
		cm->snap_wrapped[r] = (unsigned char)term_row_wrapped(t, r);
	}
}

struct copymode *copymode_new(struct term *t)
{
	struct copymode *cm = xcalloc(1, sizeof *cm);
	cm->t = t;
	cm_snapshot(cm);
	int row, col;
	term_cursor(t, &row, &col, NULL, NULL);
	cm->top = -term_view_offset(t);
	cm->cy = row + cm->top;
	cm->cx = col;
	cm->cur_row = INT_MIN;
	cm_fix(cm);
	cm->want_col = cm->cx;
	return cm;
}

void copymode_free(struct copymode *cm)
{
	if (cm == NULL)
		return;
	cm_search_free(cm);
	free(cm->snap);
	free(cm->snap_wrapped);
	free(cm->copied);
	free(cm);
}

/* --- rows --- */

/* The term's row for a row before the copied screen. */
int cm_term_row(const struct copymode *cm, int row)
{
	unsigned long long moved = term_scrolled(cm->t) - cm->scrolled0;
	if (moved > (unsigned long long)INT_MAX)
		return INT_MIN;
	return row - (int)moved;
}

int copymode_first_row(const struct copymode *cm)
{
	int first = cm_term_row(cm, 0);
	if (first == INT_MIN)
		return 0;
	/* row 0 is the term's row `first`; the oldest line is -lines. */
	long r = (long)-term_scrollback_lines(cm->t) - first;
	return r < 0 ? (int)r : 0;
}

int cm_last_row(const struct copymode *cm) { return cm->rows - 1; }

int copymode_term_offset(const struct copymode *cm)
{
	int row = cm_term_row(cm, copymode_top(cm));
	long off = row == INT_MIN ? 0 : -(long)row;
	int lines = term_scrollback_lines(cm->t);
	return (int)(off < 0 ? 0 : off > lines ? lines : off);
}

int cm_cell(const struct copymode *cm, int row, int col, struct term_cell *out)
{
	if (row >= 0 && row < cm->rows && col >= 0 && col < cm->cols) {
		*out = cm->snap[(size_t)row * (size_t)cm->cols + (size_t)col];
		return 0;
	}
	if (row >= 0 || row < copymode_first_row(cm) || col < 0 || col >= cm->cols) {
		term_cell(cm->t, INT_MAX, 0, out); /* a blank */
		return -1;
	}
	return term_cell(cm->t, cm_term_row(cm, row), col, out);
}

int cm_wrapped(const struct copymode *cm, int row)
{
	if (row >= 0)
		return row < cm->rows ? cm->snap_wrapped[row] : 0;
	if (row < copymode_first_row(cm))
		return 0;
	return term_row_wrapped(cm->t, cm_term_row(cm, row));
}

int copymode_cell(const struct copymode *cm, int row, int col, struct term_cell *out)
{
	return cm_cell(cm, row, col, out);
}

int copymode_row_wrapped(const struct copymode *cm, int row) { return cm_wrapped(cm, row); }

char *copymode_row_text(const struct copymode *cm, int row)
{
	if (row < copymode_first_row(cm) || row > cm_last_row(cm))
		return NULL;
	struct term_cell *cells = xcalloc((size_t)cm->cols, sizeof *cells);
	for (int c = 0; c < cm->cols; c++)
		cm_cell(cm, row, c, &cells[c]);
	char *s = term_cells_text(cells, cm->cols);
	free(cells);
	return s;
}

int copymode_view_cell(const struct copymode *cm, int view_row, int col, struct term_cell *out)
{
	if (view_row < 0 || view_row >= cm->rows) {
		cm_cell(cm, INT_MAX, 0, out);
		return -1;
	}
	return cm_cell(cm, cm->top + view_row, col, out);
}

int cm_blank(const struct term_cell *c)
{
	return c->width != 0 && (c->nch == 0 || (c->nch == 1 && c->ch[0] == ' '));
}

int cm_len(const struct copymode *cm, int row)
{
	struct term_cell c;
	for (int col = cm->cols - 1; col >= 0; col--) {
		cm_cell(cm, row, col, &c);
		if (!cm_blank(&c))
			return col + 1;
	}
	return 0;
}

int cm_text_cols(const struct copymode *cm, int row)
{
	if (!cm_wrapped(cm, row))
		return cm_len(cm, row);
	/* A wide character that did not fit left a blank before the wrap. */
	struct term_cell last, next;
	cm_cell(cm, row, cm->cols - 1, &last);
	cm_cell(cm, row + 1, 0, &next);
	return cm_blank(&last) && next.width == 2 ? cm->cols - 1 : cm->cols;
}

int cm_limit(const struct copymode *cm, int row)
{
	if (cm_wrapped(cm, row))
		return cm_char_col(cm, row, cm->cols - 1);
	int len = cm_len(cm, row);
	return cm_char_col(cm, row, len < cm->cols ? len : cm->cols - 1);
}

int cm_char_col(const struct copymode *cm, int row, int col)
{
	struct term_cell c;
	if (col >= cm->cols)
		col = cm->cols - 1;
	while (col > 0 && cm_cell(cm, row, col, &c) == 0 && c.width == 0)
		col--;
	return col < 0 ? 0 : col;
}

int cm_line_start(const struct copymode *cm, int row)
{
	int first = copymode_first_row(cm);
	while (row > first && cm_wrapped(cm, row - 1))
		row--;
	return row;
}

int cm_line_end(const struct copymode *cm, int row)
{
	int last = cm_last_row(cm);
	while (row < last && cm_wrapped(cm, row))
		row++;
	return row;
}

int cm_pos_cmp(struct cm_pos a, struct cm_pos b)
{
	if (a.row != b.row)
		return a.row < b.row ? -1 : 1;
	return a.col < b.col ? -1 : a.col > b.col;
}

void cm_fix(struct copymode *cm)
{
	int first = copymode_first_row(cm), last = cm_last_row(cm);
	if (cm->cy < first)
		cm->cy = first;
	if (cm->cy > last)
		cm->cy = last;
	if (cm->cx < 0)
		cm->cx = 0;
	cm->cx = cm_char_col(cm, cm->cy, cm->cx);
	if (cm->sel_mode != COPYMODE_SEL_NONE && cm->sel_row < first) {
		cm->sel_row = first;
		cm->sel_col = 0;
	}
	/* The view: inside the rows, and showing the cursor. */
	if (cm->top > last - cm->rows + 1)
		cm->top = last - cm->rows + 1;
	if (cm->top < first)
		cm->top = first;
	if (cm->cy < cm->top)
		cm->top = cm->cy;
	if (cm->cy > cm->top + cm->rows - 1)
		cm->top = cm->cy - cm->rows + 1;
}

/* --- reading the state --- */

void copymode_size(const struct copymode *cm, int *rows, int *cols)
{
	if (rows != NULL)
		*rows = cm->rows;
	if (cols != NULL)
		*cols = cm->cols;
}

/* The state clamped to the rows there are now: the term may have dropped
 * scrollback lines since the last command. */
static struct copymode clamped(const struct copymode *cm)
{
	struct copymode c = *cm;
	cm_fix(&c);
	return c;
}

void copymode_cursor(const struct copymode *cm, int *row, int *col)
{
	struct copymode c = clamped(cm);
	if (row != NULL)
		*row = c.cy;
	if (col != NULL)
		*col = c.cx;
}

int copymode_top(const struct copymode *cm) { return clamped(cm).top; }

/* --- the commands --- */

static int cmd_cancel(struct copymode *cm, const char *arg)
{
	(void)cm;
	(void)arg;
	return COPYMODE_EXIT;
}

static const struct {
	const char *name;
	int (*fn)(struct copymode *cm, const char *arg);
	int arg; /* takes an argument */
} commands[] = {
	{ "cursor-left", cm_cursor_left, 0 },
	{ "cursor-right", cm_cursor_right, 0 },
	{ "cursor-up", cm_cursor_up, 0 },
	{ "cursor-down", cm_cursor_down, 0 },
	{ "next-word", cm_next_word, 0 },
	{ "previous-word", cm_previous_word, 0 },
	{ "next-word-end", cm_next_word_end, 0 },
	{ "start-of-line", cm_start_of_line, 0 },
	{ "end-of-line", cm_end_of_line, 0 },
	{ "back-to-indentation", cm_back_to_indentation, 0 },
	{ "top-line", cm_top_line, 0 },
	{ "middle-line", cm_middle_line, 0 },
	{ "bottom-line", cm_bottom_line, 0 },
	{ "page-up", cm_page_up, 0 },
	{ "page-down", cm_page_down, 0 },
	{ "halfpage-up", cm_halfpage_up, 0 },
	{ "halfpage-down", cm_halfpage_down, 0 },
	{ "scroll-up", cm_scroll_up, 0 },
	{ "scroll-down", cm_scroll_down, 0 },
	{ "history-top", cm_history_top, 0 },
	{ "history-bottom", cm_history_bottom, 0 },
	{ "goto-line", cm_goto_line, 1 },
	{ "search-forward-text", cm_search_forward_text, 1 },
	{ "search-backward-text", cm_search_backward_text, 1 },
	{ "search-forward", cm_search_forward_re, 1 },
	{ "search-backward", cm_search_backward_re, 1 },
	{ "search-again", cm_search_again_cmd, 0 },
	{ "search-reverse", cm_search_reverse_cmd, 0 },
	{ "begin-selection", cm_begin_selection, 0 },
	{ "select-line", cm_select_line, 0 },
	{ "rectangle-toggle", cm_rectangle_toggle, 0 },
	{ "rectangle-on", cm_rectangle_on, 0 },
	{ "rectangle-off", cm_rectangle_off, 0 },
	{ "clear-selection", cm_clear_selection, 0 },
	{ "other-end", cm_other_end, 0 },
	{ "copy-selection", cm_copy_selection, 0 },
	{ "copy-selection-and-cancel", cm_copy_selection_cancel, 0 },
	{ "cancel", cmd_cancel, 0 },
};
#define NCOMMANDS ((int)(sizeof commands / sizeof commands[0]))

static int find_command(const char *name)
{
	for (int i = 0; name != NULL && i < NCOMMANDS; i++)
		if (strcmp(commands[i].name, name) == 0)
			return i;
	return -1;
}

int copymode_run(struct copymode *cm, const char *name, const char *arg)
{
	int i = find_command(name);
	if (i < 0)
		return COPYMODE_UNKNOWN;
	if (commands[i].arg && arg == NULL)
		return COPYMODE_BADARG;
	cm_fix(cm); /* the term may have dropped scrollback since */
	int st = commands[i].fn(cm, arg);
	cm_fix(cm);
	return st;
}

const char *copymode_command_name(int i)
{
	return i >= 0 && i < NCOMMANDS ? commands[i].name : NULL;
}

int copymode_command_arg(const char *name)
{
	int i = find_command(name);
	return i < 0 ? -1 : commands[i].arg;
}
