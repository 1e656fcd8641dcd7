/* copymode-private.h: the inside of a struct copymode, shared by the files
 * of copy mode: copymode.c (state, rows, view, the command table),
 * copymotion.c (cursor movements), copysearch.c (search), copysel.c
 * (selection), copyresize.c (a resize under copy mode) and copykeys.c (key
 * tables). Nothing else includes it. */
#ifndef PH_COPYMODE_PRIVATE_H
#define PH_COPYMODE_PRIVATE_H
#include "session/copymode.h"
#include <regex.h>

struct copymode {
	struct term *t;
	int rows, cols;
	unsigned long long scrolled0; /* term_scrolled() at entry */
	struct term_cell *snap;       /* the screen at entry, rows x cols */
	unsigned char *snap_wrapped;  /* its wrap flags */

	int cy, cx;   /* cursor */
	int want_col; /* the column vertical moves aim for */
	int top;      /* row on view row 0 */

	int sel_mode;       /* enum copymode_sel, NONE: no selection */
	int rect;           /* rectangle-toggle state (applies to CHAR) */
	int sel_row, sel_col; /* the anchor */
	char *copied;       /* the last copy-selection, for copymode_take_copy */

	char *pattern;      /* the last search, NULL before one */
	int search_flags;   /* COPYMODE_SEARCH_* of it */
	int smartcase;
	int icase;          /* the pattern is matched ignoring case */
	regex_t re;
	int re_ok;          /* re holds the compiled pattern */
	struct copymode_search_info info;
	int cur_row, cur_col; /* start of the current match, cur_row INT_MIN: none */

	/* copymode_resize_begin(): the term's size then, and where the view's
	 * top row and the cursor were in the text (copyresize.c). */
	int rs_on, rs_rows, rs_cols;
	struct cm_anchor {
		int lines; /* logical lines above the last one with text (< 0: below it) */
		int off;   /* cells into the logical line */
	} rs_top, rs_cur;
};

/* A position on the rows. */
struct cm_pos {
	int row, col;
};

/* copymode.c: the copy of the term's screen (again: the rows are the
 * term's as they are now), and the term's row for a row (INT_MIN when too
 * many lines came since to say). */
void cm_snapshot(struct copymode *cm);
int cm_term_row(const struct copymode *cm, int row);
/* copymode.c: rows. */
int cm_last_row(const struct copymode *cm);
int cm_cell(const struct copymode *cm, int row, int col, struct term_cell *out);
int cm_wrapped(const struct copymode *cm, int row);
/* The column after the last non-blank cell of the row (0 for a blank row). */
int cm_len(const struct copymode *cm, int row);
/* How many of the row's cells are its text: cm_len, or for a wrapped row
 * all, less the blank a wide character that did not fit left at the end. */
int cm_text_cols(const struct copymode *cm, int row);
/* The last column the cursor may take on the row: its end (cm_len,
 * clamped to cols-1), cols-1 for a wrapped row. */
int cm_limit(const struct copymode *cm, int row);
/* Off the right half of a wide character: the column of its left half. */
int cm_char_col(const struct copymode *cm, int row, int col);
/* First and last rows of the logical line holding row. */
int cm_line_start(const struct copymode *cm, int row);
int cm_line_end(const struct copymode *cm, int row);
int cm_blank(const struct term_cell *c);
/* Clamp the cursor into the rows and move the view to show it. */
void cm_fix(struct copymode *cm);
int cm_pos_cmp(struct cm_pos a, struct cm_pos b);

/* The commands (copymode.c has the table of names). arg: the argument of
 * the command, NULL when it has none. Each returns an enum copymode_status. */
#define CM_CMD(fn) int fn(struct copymode *cm, const char *arg)
/* A command that is one expression of cm (and arg). */
#define CM_CMD_IS(fn, expr) CM_CMD(fn) { (void)arg; return (expr); }
/* copymotion.c */
CM_CMD(cm_cursor_left); CM_CMD(cm_cursor_right); CM_CMD(cm_cursor_up);
CM_CMD(cm_cursor_down); CM_CMD(cm_next_word); CM_CMD(cm_previous_word);
CM_CMD(cm_next_word_end); CM_CMD(cm_start_of_line); CM_CMD(cm_end_of_line);
CM_CMD(cm_back_to_indentation); CM_CMD(cm_top_line); CM_CMD(cm_middle_line);
CM_CMD(cm_bottom_line); CM_CMD(cm_page_up); CM_CMD(cm_page_down);
CM_CMD(cm_halfpage_up); CM_CMD(cm_halfpage_down); CM_CMD(cm_scroll_up);
CM_CMD(cm_scroll_down); CM_CMD(cm_history_top); CM_CMD(cm_history_bottom);
CM_CMD(cm_goto_line);
/* copysearch.c */
CM_CMD(cm_search_forward_text); CM_CMD(cm_search_backward_text);
CM_CMD(cm_search_forward_re); CM_CMD(cm_search_backward_re);
CM_CMD(cm_search_again_cmd); CM_CMD(cm_search_reverse_cmd);
void cm_search_free(struct copymode *cm);
/* The last search's matches counted again on the rows there are now; the
 * current match is the one starting at the cursor, if any. */
void cm_search_refresh(struct copymode *cm);
/* copysel.c */
CM_CMD(cm_begin_selection); CM_CMD(cm_select_line); CM_CMD(cm_rectangle_toggle);
CM_CMD(cm_rectangle_on); CM_CMD(cm_rectangle_off); CM_CMD(cm_clear_selection);
CM_CMD(cm_other_end); CM_CMD(cm_copy_selection); CM_CMD(cm_copy_selection_cancel);

#endif
