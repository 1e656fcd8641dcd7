/* selection.h: the container list's selection and filter on the console
 * state: which rows the filter lets through (a substring of the name or the
 * image, or a prefix of the id), the selected container (the panel shows its
 * inspect: selecting starts that request), moving the selection, and the
 * first row shown. Called by the commands, the prompt and, once before each
 * frame, the loop (ui_selection_sync), never by the drawing. No curses. */
#ifndef PH_UI_SELECTION_H
#define PH_UI_SELECTION_H
#include <stddef.h>
#include "ui/state.h"

/* The rows the filter lets through, as indexes into app_containers();
 * *rows is allocated (free()). Returns their number. */
size_t ui_visible_rows(const struct ui *u, int **rows);
/* The position of the selection in rows, or -1. */
int ui_selected_pos(const struct ui *u, const int *rows, size_t n);
/* The selected container, or NULL (valid until the list changes). */
const struct ctr *ui_selected(const struct ui *u);
/* Select the container id (NULL: none); the app fetches its inspect. */
void ui_select(struct ui *u, const char *id);
/* Move the selection delta visible rows (0: onto a visible row). */
void ui_list_move(struct ui *u, int delta);
/* Set the filter (cut to UI_FILTER_MAX - 1 bytes) and keep a visible row
 * selected. */
void ui_set_filter(struct ui *u, const char *filter);
/* Bring the selection up to date with the list and the focus: while a
 * terminal has the focus, its container; else a visible row (the first when
 * the selected one went); and the list's first row so that the selection
 * shows. */
void ui_selection_sync(struct ui *u);

#endif
