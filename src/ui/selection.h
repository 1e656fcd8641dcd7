/* selection.h: the container list's selection and filter on the console
 * state: which rows the filter lets through (a substring of the name or the
 * image, or a prefix of the id), the selected row (the panel shows its
 * inspect: selecting starts that request), moving the selection, and the
 * first row shown. Called by the commands, the prompt and, once before each
 * frame, the loop (ui_selection_sync), never by the drawing. No curses.
 *
 * With one engine the rows are its containers, as the engine lists them.
 * With several, each engine has a header row (selectable: the panel then
 * shows the engine) followed by its containers, unless it is hidden. */
#ifndef PH_UI_SELECTION_H
#define PH_UI_SELECTION_H
#include <stddef.h>
#include "ui/state.h"

struct ui_row {
	struct conn *conn;  /* the engine's connection */
	int engine;         /* its index (app_engine_conn()) */
	int ctr;            /* the container's index in conn_containers(conn), -1 for the header */
};

/* The rows shown, in order; *rows is allocated (free()). Returns their
 * number. */
size_t ui_visible_rows(const struct ui *u, struct ui_row **rows);
/* The container of a row (NULL for a header). */
const struct ctr *ui_row_ctr(const struct ui_row *r);
/* The position of the selection in rows, or -1. */
int ui_selected_pos(const struct ui *u, const struct ui_row *rows, size_t n);
/* The selected container, or NULL (valid until the list changes). */
const struct ctr *ui_selected(const struct ui *u);
/* The engine whose header row is selected, or -1. */
int ui_selected_engine(const struct ui *u);
/* Select container id of connection c (id NULL: c's header; c NULL with
 * an id: the first engine holding it; both NULL: nothing); the app fetches
 * its inspect. */
void ui_select(struct ui *u, struct conn *c, const char *id);
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
