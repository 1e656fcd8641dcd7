/* copymotion.c: the cursor movements of copy mode (copymode.h): by cell,
 * by vi word, to the ends of logical lines, to rows of the view, by pages
 * and to the ends of the history. Each is a command of the table in
 * copymode.c; copymode_run() clamps the cursor and moves the view after. */
#include "config.h"
#include "session/copymode-private.h"
#include <errno.h>
#include <limits.h>
#include <stdlib.h>

/* --- positions: the character cells in reading order --- */

/* To the next character cell, over the end of a row onto the next row.
 * *hard is set when that row end was not a wrap. 0 at the last cell. */
static int step_fwd(const struct copymode *cm, struct cm_pos *p, int *hard)
{
	int lim = cm_limit(cm, p->row);
	struct term_cell c;
	*hard = 0;
	if (p->col < lim) {
		int col = p->col + 1;
		while (col < lim && cm_cell(cm, p->row, col, &c) == 0 && c.width == 0)
			col++;
		p->col = col;
		return 1;
	}
	if (p->row >= cm_last_row(cm))
		return 0;
	*hard = !cm_wrapped(cm, p->row);
	p->row++;
	p->col = 0;
	return 1;
}

/* To the previous character cell, the same way back. */
static int step_back(const struct copymode *cm, struct cm_pos *p, int *hard)
{
	*hard = 0;
	if (p->col > 0) {
		p->col = cm_char_col(cm, p->row, p->col - 1);
		return 1;
	}
	if (p->row <= copymode_first_row(cm))
		return 0;
	p->row--;
	*hard = !cm_wrapped(cm, p->row);
	p->col = cm_limit(cm, p->row);
	return 1;
}

enum { CLASS_SPACE, CLASS_WORD, CLASS_PUNCT };

static int char_class(const struct copymode *cm, struct cm_pos p)
{
	struct term_cell c;
	cm_cell(cm, p.row, p.col, &c);
	if (cm_blank(&c) || c.nch == 0)
		return CLASS_SPACE;
	uint32_t ch = c.ch[0];
	if (ch >= 0x80 || ch == '_' || (ch >= '0' && ch <= '9') ||
	    (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'))
		return CLASS_WORD;
	return CLASS_PUNCT;
}

static struct cm_pos cursor(const struct copymode *cm)
{
	return (struct cm_pos){ cm->cy, cm->cx };
}

/* Move the cursor to p, a horizontal move: vertical ones aim for its column. */
static int go(struct copymode *cm, struct cm_pos p)
{
	cm->cy = p.row;
	cm->cx = p.col;
	cm->want_col = p.col;
	return COPYMODE_OK;
}

/* Move the cursor to row, on the column vertical moves aim for. */
static int go_row(struct copymode *cm, int row)
{
	int first = copymode_first_row(cm), last = cm_last_row(cm);
	cm->cy = row < first ? first : row > last ? last : row;
	int lim = cm_limit(cm, cm->cy);
	cm->cx = cm_char_col(cm, cm->cy, cm->want_col < lim ? cm->want_col : lim);
	return COPYMODE_OK;
}

/* Past the cells of the class of the one at p, not over a hard row end;
 * p stays on the last of them. */
static void word_end(const struct copymode *cm, struct cm_pos *p,
    int (*step)(const struct copymode *, struct cm_pos *, int *))
{
	int cls = char_class(cm, *p), hard;
	struct cm_pos q = *p;
	while (step(cm, &q, &hard) && !hard && char_class(cm, q) == cls)
		*p = q;
}

/* Over blanks (and row ends) to the next non-blank; 0 when none. */
static int skip_space(const struct copymode *cm, struct cm_pos *p,
    int (*step)(const struct copymode *, struct cm_pos *, int *))
{
	int hard;
	while (char_class(cm, *p) == CLASS_SPACE)
		if (!step(cm, p, &hard))
			return 0;
	return 1;
}

/* --- by cell and row --- */

/* One step of step_fwd or step_back. */
static int step(struct copymode *cm, int (*fn)(const struct copymode *, struct cm_pos *, int *))
{
	struct cm_pos p = cursor(cm);
	int hard;
	fn(cm, &p, &hard);
	return go(cm, p);
}

CM_CMD_IS(cm_cursor_left, step(cm, step_back))
CM_CMD_IS(cm_cursor_right, step(cm, step_fwd))
CM_CMD_IS(cm_cursor_up, go_row(cm, cm->cy - 1))
CM_CMD_IS(cm_cursor_down, go_row(cm, cm->cy + 1))

/* --- by word --- */

int cm_next_word(struct copymode *cm, const char *arg)
{
	(void)arg;
	struct cm_pos p = cursor(cm), q;
	int hard;
	if (char_class(cm, p) != CLASS_SPACE) {
		word_end(cm, &p, step_fwd);
		if (!step_fwd(cm, &p, &hard))
			return go(cm, p);
	}
	q = p;
	if (!skip_space(cm, &q, step_fwd))
		return COPYMODE_OK; /* nothing after: stay */
	return go(cm, q);
}

int cm_next_word_end(struct copymode *cm, const char *arg)
{
	(void)arg;
	struct cm_pos p = cursor(cm);
	int hard;
	if (!step_fwd(cm, &p, &hard) || !skip_space(cm, &p, step_fwd))
		return COPYMODE_OK;
	word_end(cm, &p, step_fwd);
	return go(cm, p);
}

int cm_previous_word(struct copymode *cm, const char *arg)
{
	(void)arg;
	struct cm_pos p = cursor(cm);
	int hard;
	if (!step_back(cm, &p, &hard))
		return COPYMODE_OK;
	if (!skip_space(cm, &p, step_back))
		return go(cm, (struct cm_pos){ copymode_first_row(cm), 0 });
	word_end(cm, &p, step_back);
	return go(cm, p);
}

/* --- within the logical line --- */

int cm_start_of_line(struct copymode *cm, const char *arg)
{
	(void)arg;
	return go(cm, (struct cm_pos){ cm_line_start(cm, cm->cy), 0 });
}

int cm_end_of_line(struct copymode *cm, const char *arg)
{
	(void)arg;
	int row = cm_line_end(cm, cm->cy);
	/* With a rectangle, to the last column: the rectangle takes all rows whole. */
	int col = copymode_selection_mode(cm) == COPYMODE_SEL_RECT ? cm->cols - 1 : cm_limit(cm, row);
	go(cm, (struct cm_pos){ row, col });
	cm->want_col = INT_MAX; /* stay at the ends going up and down */
	return COPYMODE_OK;
}

int cm_back_to_indentation(struct copymode *cm, const char *arg)
{
	(void)arg;
	struct cm_pos p = { cm_line_start(cm, cm->cy), 0 };
	int hard = 0;
	while (char_class(cm, p) == CLASS_SPACE)
		if (!step_fwd(cm, &p, &hard) || hard)
			return COPYMODE_OK; /* a blank line: stay, as tmux does */
	return go(cm, p);
}

/* --- rows of the view --- */

static int view_row(struct copymode *cm, int i)
{
	return go(cm, (struct cm_pos){ cm->top + i, 0 });
}

CM_CMD_IS(cm_top_line, view_row(cm, 0))
CM_CMD_IS(cm_middle_line, view_row(cm, (cm->rows - 1) / 2))
CM_CMD_IS(cm_bottom_line, view_row(cm, cm->rows - 1))

/* --- scrolling --- */

/* Move the view and the cursor n rows (negative: back into the history),
 * each clamped: the cursor keeps its view row unless the view hit an end. */
static int scroll(struct copymode *cm, int n)
{
	int first = copymode_first_row(cm), maxtop = cm_last_row(cm) - cm->rows + 1;
	long top = (long)cm->top + n;
	cm->top = (int)(top < first ? first : top > maxtop ? maxtop : top);
	long row = (long)cm->cy + n;
	return go_row(cm, (int)(row < INT_MIN / 2 ? INT_MIN / 2 : row > INT_MAX / 2 ? INT_MAX / 2 : row));
}

static int page(const struct copymode *cm) { return cm->rows > 2 ? cm->rows - 2 : 1; }
static int halfpage(const struct copymode *cm) { return cm->rows > 1 ? cm->rows / 2 : 1; }

CM_CMD_IS(cm_page_up, scroll(cm, -page(cm)))
CM_CMD_IS(cm_page_down, scroll(cm, page(cm)))
CM_CMD_IS(cm_halfpage_up, scroll(cm, -halfpage(cm)))
CM_CMD_IS(cm_halfpage_down, scroll(cm, halfpage(cm)))

/* One row of view; the cursor stays on its row while that is in view. */
static int scroll_line(struct copymode *cm, int n)
{
	int first = copymode_first_row(cm), maxtop = cm_last_row(cm) - cm->rows + 1;
	int top = cm->top + n;
	if (top < first || top > maxtop)
		return COPYMODE_OK;
	cm->top = top;
	if (cm->cy < top)
		go_row(cm, top);
	else if (cm->cy > top + cm->rows - 1)
		go_row(cm, top + cm->rows - 1);
	return COPYMODE_OK;
}

CM_CMD_IS(cm_scroll_up, scroll_line(cm, -1))
CM_CMD_IS(cm_scroll_down, scroll_line(cm, 1))

/* --- the ends of the history --- */

int cm_history_top(struct copymode *cm, const char *arg)
{
	(void)arg;
	cm->top = copymode_first_row(cm);
	return go(cm, (struct cm_pos){ cm->top, 0 });
}

int cm_history_bottom(struct copymode *cm, const char *arg)
{
	(void)arg;
	int last = cm_last_row(cm);
	cm->top = last - cm->rows + 1;
	return go(cm, (struct cm_pos){ last, cm_limit(cm, last) });
}

/* goto-line N: as tmux's, N is how far the view is scrolled back into the
 * history (0: the screen; past the oldest line: the oldest), the cursor on
 * the same view row. */
int cm_goto_line(struct copymode *cm, const char *arg)
{
	char *end;
	errno = 0;
	long n = strtol(arg, &end, 10);
	if (end == arg || *end != '\0' || errno != 0 || n < 0)
		return COPYMODE_BADARG;
	int first = copymode_first_row(cm);
	int top = n > -(long)first ? first : (int)-n;
	int at = cm->cy - cm->top;
	cm->top = top;
	go_row(cm, top + at);
	return COPYMODE_OK;
}

void copymode_set_cursor(struct copymode *cm, int row, int col)
{
	cm->cy = row;
	cm_fix(cm);
	int lim = cm_limit(cm, cm->cy);
	cm->cx = col < 0 ? 0 : col > lim ? lim : col;
	cm_fix(cm);
	cm->want_col = cm->cx;
}
