/* state.h: the console's state, apart from the console model (session/app.h)
 * it reads: the focus, which parts show, the selected container and the
 * filter, the input mode (prefix pending, scroll mode, help, a prompt, the
 * mouse's button held), the configuration in force, the layout, and what
 * needs drawing. Commands
 * (ui/commands.h), the key handling and the prompt change it; the drawing
 * only reads it. Nothing here needs curses: a test builds one with
 * ui_state_init() on an app of its own.
 *
 * Ownership: the state owns sel_id and its configuration (ui_state_clear()
 * frees them); it borrows the app, which its creator frees after it. */
#ifndef PH_UI_STATE_H
#define PH_UI_STATE_H
#include <stddef.h>
#include "session/app.h"
#include "session/layout.h"
#include "session/mousecode.h"
#include "ui/buffers.h"
#include "ui/config.h"

enum ui_focus { UI_FOCUS_LIST, UI_FOCUS_TERM };

enum ui_prompt_kind {
	UI_PROMPT_NONE,
	UI_PROMPT_FILTER,        /* the list's filter */
	UI_PROMPT_EXEC,          /* [-u USER] [-w DIR] [-e K=V] CMD... */
	UI_PROMPT_COMMAND,       /* a command or a configuration line */
	UI_PROMPT_CONFIRM_CLOSE, /* y/n */
	UI_PROMPT_CONFIRM_QUIT,  /* y/n: the sessions are stopped */
	UI_PROMPT_CONFIRM_LEAVE, /* y/n: the sessions are left running */
	UI_PROMPT_COPY           /* copy mode's search or line number */
};

/* Quitting stops the running sessions in at most this long, then exits
 * (ui.c; a second signal exits at once). The stop procedure's grace
 * before SIGKILL (STOP_GRACE_MS) and its checks fit in it. */
#define UI_QUIT_STOP_S 4

#define UI_PROMPT_MAX 512
struct ui_prompt {
	enum ui_prompt_kind kind;
	char buf[UI_PROMPT_MAX]; /* UTF-8, NUL-terminated */
	size_t len;
	int tab;                 /* UI_PROMPT_CONFIRM_CLOSE: the tab to close */
};

/* What the next frame draws (ui_redraw()). UI_DRAW_PANE draws the pane's
 * dirty rows; UI_DRAW_PANE_FULL every row (layout, tab or view changed). */
enum {
	UI_DRAW_LIST = 1 << 0,
	UI_DRAW_TABS = 1 << 1,
	UI_DRAW_PANE = 1 << 2,
	UI_DRAW_PANE_FULL = 1 << 3,
	UI_DRAW_PANEL = 1 << 4,
	UI_DRAW_STATUS = 1 << 5,
	UI_DRAW_CHROME = UI_DRAW_LIST | UI_DRAW_TABS | UI_DRAW_PANEL | UI_DRAW_STATUS,
	UI_DRAW_ALL = UI_DRAW_CHROME | UI_DRAW_PANE | UI_DRAW_PANE_FULL
};

#define UI_FILTER_MAX 128
struct copymode;
struct term;

struct ui {
	struct app *app;         /* borrowed */
	struct ui_config conf;   /* prefix, scrollback, key tables */
	enum ui_focus focus;
	int show_panel, show_list;
	struct conn *sel_conn;   /* the selected row's engine, or NULL: nothing selected */
	char *sel_id;            /* the selected container's id, or NULL: the engine's header */
	int sel_auto;            /* that header was chosen by the console, not the user */
	int list_top;            /* the first row shown in the list */
	char filter[UI_FILTER_MAX];
	int prefix;              /* the prefix key was pressed */
	int scroll;              /* scroll mode */
	int help;                /* the help screen shows */
	int help_top;            /* its first line in view (it scrolls when taller) */
	struct copymode *copy;   /* copy mode (ui/copy.h), or NULL */
	struct term *copy_term;  /* ... over this tab's terminal */
	int copy_esc;            /* an Escape waits for the next key */
	int choose, choose_sel;  /* choose-buffer's list shows; its line */
	char copy_cmd[40];       /* the command its prompt is for */
	char copy_label[40];
	int copy_wheel;          /* copy mode came from the wheel: back at the bottom, it ends */
	struct paste_buffers buffers; /* what copy mode copied (ui/buffers.h) */
	struct ui_mouse {        /* the mouse (ui/mouse.h) */
		int reading;             /* an SGR report is being read */
		struct mouse_reader reader;
		int to_program;          /* a press went to the pane's program: the rest follows */
		int held;                /* the left button went down over the pane */
		int dragged;             /* ... and moved: a selection in copy mode */
		int px, py;              /* where it went down (screen cells) */
	} mouse;
	struct ui_prompt prompt;
	int quit;                /* the console ends after this loop turn */
	int quit_signal;         /* the signal that ended it, or 0 */
	int rows, cols;          /* the whole terminal */
	struct layout lay;
	int redraw;              /* UI_DRAW_* */
	/* engine-add: makes an engine for a context name or an address (not
	 * negotiated yet), or NULL with *cause; NULL when it cannot be done. */
	struct engine *(*engine_new)(void *arg, const char *spec, char **cause);
	void *engine_arg;
};

/* A state on app with the configuration conf (moved into the state: conf
 * is left empty), for a terminal of rows x cols. */
void ui_state_init(struct ui *u, struct app *app, struct ui_config *conf, int rows, int cols);
void ui_state_clear(struct ui *u);

void ui_redraw(struct ui *u, int what);
/* The layout for the terminal size and the parts shown; the app gets the
 * pane's size (every TTY's size) and wants the live figures only while
 * the panel shows (app_want_stats). Redraws everything. */
void ui_relayout(struct ui *u);
void ui_resize(struct ui *u, int rows, int cols);

#endif
