/* copyresize.c: copy mode through a term_resize() (copymode.h): where the
 * view's top row and the cursor are is noted as text before the resize
 * and found again after it, on a new copy of the resized screen. Called by
 * the console around the pane's resize; owns nothing past a call.
 *
 * A place is a logical line and a cell in it. The reflow (grid-reflow.c)
 * keeps the logical lines and their order; what it adds or drops is at the
 * ends: blank lines at the bottom of the screen, the oldest lines when the
 * scrollback is full. So lines are counted from the last logical line with
 * text on the screen (the reference), which the reflow keeps, upwards (or,
 * for the blank rows under it, downwards), and the cell is counted from the
 * line's start. */
#include "config.h"
#include "session/copymode-private.h"
#include <limits.h>
#include <stdlib.h>

/* The first row of the last logical line with text on the screen (rows
 * 0 .. rows-1), or the first row there is when all of them are blank. */
static int reference(const struct copymode *cm)
{
	int first = copymode_first_row(cm);
	for (int r = cm_last_row(cm); r >= 0 && r >= first; r--)
		if (cm_len(cm, r) > 0 || cm_wrapped(cm, r))
			return cm_line_start(cm, r);
	return first;
}

static struct cm_anchor anchor(const struct copymode *cm, int ref, int row, int col)
{
	struct cm_anchor a = { 0, col };
	int start = cm_line_start(cm, row);
	for (int r = start; r < row; r++)
		a.off += cm_text_cols(cm, r);
	for (int r = ref; r > start; r = cm_line_start(cm, r - 1))
		a.lines++;
	for (int r = ref; r < start; r = cm_line_end(cm, r) + 1)
		a.lines--;
	return a;
}

static struct cm_pos resolve(const struct copymode *cm, int ref, struct cm_anchor a)
{
	int first = copymode_first_row(cm), last = cm_last_row(cm), r = ref;
	for (int i = 0; i < a.lines && r > first; i++)
		r = cm_line_start(cm, r - 1);
	for (int i = 0; i > a.lines && cm_line_end(cm, r) < last; i--)
		r = cm_line_end(cm, r) + 1;
	int off = a.off;
	while (r < last && cm_wrapped(cm, r) && off >= cm_text_cols(cm, r)) {
		off -= cm_text_cols(cm, r);
		r++;
	}
	int lim = cm_limit(cm, r);
	return (struct cm_pos){ r, off > lim ? lim : off };
}

void copymode_resize_begin(struct copymode *cm)
{
	cm_fix(cm);
	term_size(cm->t, &cm->rs_rows, &cm->rs_cols);
	/* The places in the term's rows as they are now (output may have come
	 * since copy mode began): the rows of a fresh copy. */
	struct copymode *now = copymode_new(cm->t);
	int first = copymode_first_row(now), last = cm_last_row(now), ref = reference(now);
	int rows[2] = { cm_term_row(cm, cm->top), cm_term_row(cm, cm->cy) };
	int cols[2] = { 0, cm->cx };
	struct cm_anchor *out[2] = { &cm->rs_top, &cm->rs_cur };
	for (int i = 0; i < 2; i++) {
		int r = rows[i] == INT_MIN || rows[i] < first ? first : rows[i] > last ? last : rows[i];
		*out[i] = anchor(now, ref, r, cols[i]);
	}
	copymode_free(now);
	cm->rs_on = 1;
}

void copymode_resize_end(struct copymode *cm)
{
	if (!cm->rs_on)
		return;
	cm->rs_on = 0;
	int rows, cols;
	term_size(cm->t, &rows, &cols);
	if (rows == cm->rs_rows && cols == cm->rs_cols)
		return; /* the resize changed nothing */
	cm_snapshot(cm);
	cm->sel_mode = COPYMODE_SEL_NONE;
	cm->rect = 0;
	int ref = reference(cm);
	struct cm_pos top = resolve(cm, ref, cm->rs_top), cur = resolve(cm, ref, cm->rs_cur);
	cm->top = top.row;
	cm->cy = cur.row;
	cm->cx = cur.col;
	cm->want_col = cur.col;
	cm_fix(cm);
	cm_search_refresh(cm);
}
