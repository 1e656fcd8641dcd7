/* state.c: the console state's life and layout (see state.h). */
#include "config.h"
#include "ui/state.h"
#include "ui/copy.h"
#include <stdlib.h>
#include <string.h>

void ui_state_init(struct ui *u, struct app *app, struct ui_config *conf, int rows, int cols)
{
	memset(u, 0, sizeof *u);
	u->app = app;
	u->conf = *conf;
	memset(conf, 0, sizeof *conf);
	u->focus = UI_FOCUS_LIST;
	u->show_panel = u->conf.show_panel;
	u->show_list = u->conf.show_list;
	u->rows = rows;
	u->cols = cols;
	app_set_scrollback(app, u->conf.scrollback);
	app_set_audit_log(app, u->conf.audit_log);
	ui_relayout(u);
}

void ui_state_clear(struct ui *u)
{
	ui_copy_leave(u);
	ui_buffers_clear(u);
	free(u->sel_id);
	u->sel_id = NULL;
	u->sel_conn = NULL;
	ui_config_clear(&u->conf);
}

void ui_redraw(struct ui *u, int what)
{
	u->redraw |= what;
}

void ui_relayout(struct ui *u)
{
	/* A pane of another size: copy mode follows its text (ui/copy.h). */
	ui_copy_resize_begin(u);
	struct layout_in in = { u->rows, u->cols, u->show_list, u->show_panel, 0, 0 };
	in.list_width = u->cols >= 120 ? 36 : u->cols / 4;
	in.panel_width = u->cols >= 140 ? 38 : u->cols / 4;
	layout_compute(&in, &u->lay);
	int h = u->lay.pane.h, w = u->lay.pane.w;
	app_set_pane_size(u->app, h > 0 ? h : 1, w > 0 ? w : 1);
	ui_copy_resize_end(u);
	/* The live figures are streamed only while the panel shows. */
	app_want_stats(u->app, u->lay.panel.w > 0);
	ui_redraw(u, UI_DRAW_ALL);
}

void ui_resize(struct ui *u, int rows, int cols)
{
	u->rows = rows;
	u->cols = cols;
	ui_relayout(u);
}
