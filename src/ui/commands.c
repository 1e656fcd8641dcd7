/* commands.c: the console's commands and their table (see commands.h).
 * Each takes the state and its command line; the table is what the key
 * tables, the configuration, the command prompt and the help name. */
#include "config.h"
#include "ui/commands.h"
#include "ui/copy.h"
#include "session/capture.h"
#include "session/logfollow.h"
#include "ui/prompt.h"
#include "ui/selection.h"
#include "ui/state.h"
#include "session/conn.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

void ui_open_tab(struct ui *u, const struct ctr *c, const struct session_spec *tmpl)
{
	struct session_spec spec;
	memset(&spec, 0, sizeof spec);
	if (tmpl)
		spec = *tmpl;
	spec.container_id = c->id;
	spec.container_name = c->name;
	app_open(u->app, c->conn, &spec);
	u->focus = UI_FOCUS_TERM;
	ui_redraw(u, UI_DRAW_ALL);
}

/* down, up: the selection by the entry's delta. */
static void cmd_move(struct ui *u, const struct ui_command *cmd, char **argv)
{
	ui_list_move(u, cmd->delta);
}

static void cmd_engine_hide(struct ui *u, const struct ui_command *cmd, char **argv);

static void cmd_shell(struct ui *u, const struct ui_command *cmd, char **argv)
{
	const struct ctr *c = ui_selected(u);
	if (ui_selected_engine(u) >= 0)
		cmd_engine_hide(u, cmd, argv); /* Enter on an engine's header folds it */
	else if (c == NULL)
		app_set_message(u->app, "no container selected");
	else if (!ctr_running(c))
		app_set_message(u->app, "%s is %s: cannot open a shell", c->name, c->state);
	else
		ui_open_tab(u, c, NULL);
}

static void cmd_exec(struct ui *u, const struct ui_command *cmd, char **argv)
{
	const struct ctr *c = ui_selected(u);
	if (c == NULL || !ctr_running(c))
		app_set_message(u->app, "select a running container first");
	else
		ui_prompt_open(u, UI_PROMPT_EXEC, "");
}

/* A logs tab on the selected container (running or not), with the logs
 * settings in force. */
static void cmd_logs(struct ui *u, const struct ui_command *cmd, char **argv)
{
	const struct ctr *c = ui_selected(u);
	if (c == NULL) {
		app_set_message(u->app, "no container selected");
		return;
	}
	struct session_spec spec;
	memset(&spec, 0, sizeof spec);
	spec.container_id = c->id;
	spec.container_name = c->name;
	int rows, cols;
	app_pane_size(u->app, &rows, &cols);
	struct logfollow_opts o = { u->conf.logs_tail, u->conf.logs_timestamps, u->conf.logs_stderr_prefix,
		(size_t)u->conf.scrollback + (size_t)rows };
	app_open_logs(u->app, c->conn, &spec, &o);
	u->focus = UI_FOCUS_TERM;
	ui_redraw(u, UI_DRAW_ALL);
}

static void cmd_logs_timestamps(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	struct logfollow *f = s ? session_logs(s) : NULL;
	if (f == NULL) {
		app_set_message(u->app, "not a logs tab");
		return;
	}
	logfollow_set_timestamps(f, !logfollow_timestamps(f));
	app_set_message(u->app, "timestamps %s", logfollow_timestamps(f) ? "shown" : "hidden");
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_PANEL);
}

static void cmd_filter(struct ui *u, const struct ui_command *cmd, char **argv)
{
	ui_prompt_open(u, UI_PROMPT_FILTER, u->filter);
}

static void cmd_command_prompt(struct ui *u, const struct ui_command *cmd, char **argv)
{
	ui_prompt_open(u, UI_PROMPT_COMMAND, "");
}

static void cmd_panel(struct ui *u, const struct ui_command *cmd, char **argv)
{
	u->show_panel = !u->show_panel;
	ui_relayout(u);
}

static void cmd_toggle_list(struct ui *u, const struct ui_command *cmd, char **argv)
{
	u->show_list = !u->show_list;
	if (!u->show_list)
		u->focus = UI_FOCUS_TERM;
	ui_relayout(u);
}

static void cmd_focus_terminal(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (app_ntabs(u->app) == 0) {
		app_set_message(u->app, "no tab open: Enter opens a shell");
		return;
	}
	u->focus = UI_FOCUS_TERM;
	ui_redraw(u, UI_DRAW_CHROME);
}

static void cmd_focus_list(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (!u->show_list) {
		u->show_list = 1;
		ui_relayout(u);
	}
	u->focus = UI_FOCUS_LIST;
	ui_redraw(u, UI_DRAW_CHROME);
}

static void cmd_quit(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (app_running_tabs(u->app) > 0)
		ui_prompt_open(u, u->conf.leave_running ? UI_PROMPT_CONFIRM_LEAVE : UI_PROMPT_CONFIRM_QUIT, "");
	else
		u->quit = 1;
}

static void cmd_help(struct ui *u, const struct ui_command *cmd, char **argv)
{
	u->help = 1;
	ui_redraw(u, UI_DRAW_ALL);
}

/* next-tab, previous-tab. */
static void cmd_next_tab(struct ui *u, const struct ui_command *cmd, char **argv)
{
	app_next_tab(u->app, cmd->delta);
	ui_redraw(u, UI_DRAW_ALL);
}

static void cmd_select_tab(struct ui *u, const struct ui_command *cmd, char **argv)
{
	app_select_tab(u->app, atoi(argv[1]));
	ui_redraw(u, UI_DRAW_ALL);
}

static void cmd_new_tab(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	struct conn *conn = app_tab_conn(u->app, (size_t)app_current(u->app));
	const struct ctr *c = s ? ctrlist_find(conn_containers(conn), session_spec(s)->container_id) : NULL;
	if (c == NULL)
		c = ui_selected(u);
	if (c == NULL || !ctr_running(c))
		app_set_message(u->app, "no running container for a new tab");
	else
		ui_open_tab(u, c, NULL);
}

static void cmd_close_tab(struct ui *u, const struct ui_command *cmd, char **argv)
{
	int i = app_current(u->app);
	if (i < 0)
		return;
	enum session_state st = session_state(app_tab(u->app, (size_t)i));
	if (st == SESSION_RUNNING || st == SESSION_STARTING || st == SESSION_CREATING) {
		ui_prompt_open(u, UI_PROMPT_CONFIRM_CLOSE, "");
		u->prompt.tab = i;
		return;
	}
	ui_close_tab(u, i);
}

void ui_close_tab(struct ui *u, int i)
{
	app_close_tab(u->app, i);
	if (app_ntabs(u->app) == 0)
		u->focus = UI_FOCUS_LIST;
	ui_redraw(u, UI_DRAW_ALL);
}

static void cmd_respawn(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (app_respawn_tab(u->app, app_current(u->app)) != 0)
		app_set_message(u->app, "only a finished tab can be respawned");
	ui_redraw(u, UI_DRAW_ALL);
}

static void cmd_scroll(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (app_current_session(u->app) == NULL)
		return;
	u->scroll = 1;
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

static void cmd_send_prefix(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	if (s)
		session_key_unichar(s, (uint32_t)u->conf.prefix_key, 0);
}

/* The delta of page-up and page-down: a page less a line. */
#define VIEW_PAGE (1 << 20)

/* line-up, line-down, page-up, page-down, top: the view back into the
 * history by the entry's delta (positive: back). */
static void cmd_view(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	int page = u->lay.pane.h > 2 ? u->lay.pane.h - 1 : 1;
	int d = cmd->delta == VIEW_PAGE ? page : cmd->delta == -VIEW_PAGE ? -page : cmd->delta;
	if (s)
		term_scroll_view(session_term(s), d);
	ui_redraw(u, UI_DRAW_PANE_FULL);
}

/* scroll-page-up: scroll mode, a page back already. */
static void cmd_scroll_page_up(struct ui *u, const struct ui_command *cmd, char **argv)
{
	cmd_scroll(u, cmd, argv);
	if (u->scroll)
		cmd_view(u, cmd, argv);
}

static void cmd_leave(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	if (s)
		term_view_reset(session_term(s));
	u->scroll = 0;
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

/* save-history FILE, save-history-escapes FILE: the tab's scrollback and
 * screen (session/capture.h). */
static void cmd_save_history(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	char *cause = NULL;
	if (s == NULL)
		app_set_message(u->app, "no tab to save");
	else if (term_capture_save(session_term(s), argv[1], cmd->delta, &cause) != 0)
		app_set_message(u->app, "%s", cause);
	else
		app_set_message(u->app, "history saved to %s", argv[1]);
	free(cause);
}

/* copy-mode: the current tab's screen and scrollback under a cursor, with
 * search and selection (ui/copy.h). */
static void cmd_copy_mode(struct ui *u, const struct ui_command *cmd, char **argv)
{
	/* Already in it: nothing (tmux's copy-mode in copy mode). */
	if (ui_copy_current(u) == NULL)
		ui_copy_enter(u);
}

/* paste-buffer: the newest paste buffer into the current tab, bracketed
 * when the program asked for bracketed paste. */
void ui_paste_buffer(struct ui *u, size_t i)
{
	struct session *s = app_current_session(u->app);
	const char *b = ui_buffer(u, i);
	if (s == NULL || session_state(s) != SESSION_RUNNING || session_logs(s))
		app_set_message(u->app, "no running tab to paste into");
	else if (b == NULL)
		app_set_message(u->app, "no buffer: copy something in copy mode (C-b [) first");
	else
		term_paste(session_term(s), b, strlen(b));
}

static void cmd_paste_buffer(struct ui *u, const struct ui_command *cmd, char **argv)
{
	ui_paste_buffer(u, 0);
}

/* choose-buffer: the list of paste buffers over the pane; Enter or a
 * digit pastes one (input.c), another key closes it. */
static void cmd_choose_buffer(struct ui *u, const struct ui_command *cmd, char **argv)
{
	if (ui_buffer_count(u) == 0) {
		app_set_message(u->app, "no buffer: copy something in copy mode (C-b [) first");
		return;
	}
	u->choose = 1;
	u->choose_sel = 0;
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

/* sync-input all|container|off|toggle: the synchronized-input set made of
 * every exec tab, the tabs on the current tab's container, none; toggle is
 * off when any tab is in the set, else all. */
static void cmd_sync_input(struct ui *u, const struct ui_command *cmd, char **argv)
{
	const char *how = argv[1];
	struct session *cur = app_current_session(u->app);
	if (strcmp(how, "toggle") == 0)
		how = app_synced_count(u->app) ? "off" : "all";
	int all = strcmp(how, "all") == 0, same = strcmp(how, "container") == 0;
	if (!all && !same && strcmp(how, "off") != 0) {
		app_set_message(u->app, "usage: sync-input all|container|off|toggle");
		return;
	}
	if (same && cur == NULL) {
		app_set_message(u->app, "no tab: sync-input container needs one");
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < app_ntabs(u->app); i++) {
		struct session *s = app_tab(u->app, i);
		int on = all || (same && strcmp(session_spec(s)->container_id, session_spec(cur)->container_id) == 0);
		n += app_sync_set(u->app, i, on) == 0 && on;
	}
	if (n == 0 && strcmp(how, "off") != 0)
		app_set_message(u->app, "no running exec tab to synchronize");
	else
		app_set_message(u->app, n ? "input goes to %zu synchronized tabs" : "input synchronization off", n);
	ui_redraw(u, UI_DRAW_CHROME);
}

/* sync-mark: the current tab joins or leaves the set. */
static void cmd_sync_mark(struct ui *u, const struct ui_command *cmd, char **argv)
{
	int i = app_current(u->app);
	if (i < 0) {
		app_set_message(u->app, "no tab to mark");
		return;
	}
	int on = !app_tab_synced(u->app, (size_t)i);
	if (app_sync_set(u->app, (size_t)i, on) != 0)
		app_set_message(u->app, "only a running exec tab can take synchronized input");
	else
		app_set_message(u->app, "tab %d %s synchronized input (%zu tabs)", i, on ? "joins" : "leaves",
		    app_synced_count(u->app));
	ui_redraw(u, UI_DRAW_CHROME);
}

/* record FILE, record-stop: the tab's output as an asciicast file. */
static void cmd_record(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	char *cause = NULL;
	if (s == NULL)
		app_set_message(u->app, "no tab to record");
	else if (session_record(s, argv[1], &cause) != 0)
		app_set_message(u->app, "%s", cause);
	else
		app_set_message(u->app, "recording to %s", argv[1]);
	free(cause);
	ui_redraw(u, UI_DRAW_CHROME);
}

static void cmd_record_stop(struct ui *u, const struct ui_command *cmd, char **argv)
{
	struct session *s = app_current_session(u->app);
	const char *path = s ? session_recording(s) : NULL;
	if (path == NULL) {
		app_set_message(u->app, "the tab is not recording");
		return;
	}
	char *p = xstrdup(path);
	const char *err = session_record_error(s);
	char *why = err ? xstrdup(err) : NULL;
	if (session_record_stop(s) != 0)
		app_set_message(u->app, "recording stopped; %s", why ? why : "it was not all written");
	else
		app_set_message(u->app, "recorded to %s", p);
	free(why);
	free(p);
	ui_redraw(u, UI_DRAW_CHROME);
}

/* The engine of the selection (its header or one of its containers), or
 * -1 with a message. */
static int selected_engine(struct ui *u)
{
	int i = app_engine_index(u->app, u->sel_conn);
	if (i < 0)
		app_set_message(u->app, "no engine selected");
	return i;
}

/* engine-add NAME: another engine, a context name or an address; its
 * containers are listed under its header as soon as it answers. */
static void cmd_engine_add(struct ui *u, const struct ui_command *cmd, char **argv)
{
	char *cause = NULL, *safe = str_inert(argv[1]);
	if (app_engine_find(u->app, argv[1]) >= 0) {
		app_set_message(u->app, "%s is open already", safe);
	} else if (u->engine_new == NULL) {
		app_set_message(u->app, "engines cannot be added here");
	} else {
		struct engine *e = u->engine_new(u->engine_arg, argv[1], &cause);
		if (e == NULL) {
			app_set_message(u->app, "engine-add %s: %s", safe, cause);
		} else {
			size_t i = app_add_engine(u->app, e, argv[1], 1);
			ui_select(u, app_engine_conn(u->app, i), NULL);
			app_set_message(u->app, "%s added: connecting", safe);
		}
	}
	free(cause);
	free(safe);
	ui_redraw(u, UI_DRAW_ALL);
}

/* engine-prompt: the command prompt, with engine-add typed. */
static void cmd_engine_prompt(struct ui *u, const struct ui_command *cmd, char **argv)
{
	ui_prompt_open(u, UI_PROMPT_COMMAND, "engine-add ");
}

/* engine-close: the selected engine goes from the list (refused while it
 * has tabs, and for the last one). */
static void cmd_engine_close(struct ui *u, const struct ui_command *cmd, char **argv)
{
	int i = selected_engine(u);
	char *cause = NULL;
	if (i < 0)
		return;
	char *name = str_inert(app_engine_label(u->app, (size_t)i));
	if (app_remove_engine(u->app, (size_t)i, &cause) != 0)
		app_set_message(u->app, "%s", cause);
	else
		app_set_message(u->app, "%s closed", name);
	free(name);
	free(cause);
	ui_redraw(u, UI_DRAW_ALL);
}

/* engine-hide: fold the selected engine's containers under its header, or
 * unfold them. */
static void cmd_engine_hide(struct ui *u, const struct ui_command *cmd, char **argv)
{
	int i = selected_engine(u);
	if (i < 0)
		return;
	if (app_nengines(u->app) < 2) {
		app_set_message(u->app, "one engine: nothing to fold");
		return;
	}
	app_set_engine_hidden(u->app, (size_t)i, !app_engine_hidden(u->app, (size_t)i));
	ui_select(u, u->sel_conn, NULL);
	ui_redraw(u, UI_DRAW_LIST | UI_DRAW_PANEL);
}

static const struct ui_command commands[] = {
	{ "down", "", 0, 0, cmd_move, 1, "select the next container", NULL },
	{ "up", "", 0, 0, cmd_move, -1, "select the previous container", NULL },
	{ "shell", "", 0, 0, cmd_shell, 0, "open a shell tab on the container (on an engine's header: fold it)", "shell" },
	{ "exec", "", 0, 0, cmd_exec, 0, "run a command: [-u USER] [-w DIR] [-e K=V] CMD...", "exec" },
	{ "logs", "", 0, 0, cmd_logs, 0, "open a logs tab on the container (followed across restarts)", "logs" },
	{ "panel", "", 0, 0, cmd_panel, 0, "show or hide the inspect panel", "panel" },
	{ "filter", "", 0, 0, cmd_filter, 0, "filter the list by name, image or id", "filter" },
	{ "focus-terminal", "", 0, 0, cmd_focus_terminal, 0, "focus the terminal pane", "term" },
	{ "help", "", 0, 0, cmd_help, 0, "this help", "help" },
	{ "quit", "", 0, 0, cmd_quit, 0, "quit (asks while sessions run)", "quit" },
	{ "next-tab", "", 0, 0, cmd_next_tab, 1, "next tab", NULL },
	{ "previous-tab", "", 0, 0, cmd_next_tab, -1, "previous tab", NULL },
	{ "select-tab", "N", 1, 1, cmd_select_tab, 0, "select tab N", NULL },
	{ "new-tab", "", 0, 0, cmd_new_tab, 0, "new shell tab on the same container", NULL },
	{ "close-tab", "", 0, 0, cmd_close_tab, 0, "close the tab (asks while it runs)", NULL },
	{ "respawn", "", 0, 0, cmd_respawn, 0, "run a finished tab's command again", NULL },
	{ "focus-list", "", 0, 0, cmd_focus_list, 0, "focus the container list", "list" },
	{ "toggle-list", "", 0, 0, cmd_toggle_list, 0, "show or hide the container list", NULL },
	{ "scroll", "", 0, 0, cmd_scroll, 0, "scroll mode (PgUp/PgDn, arrows, g, q)", NULL },
	{ "command-prompt", "", 0, 0, cmd_command_prompt, 0, "run a command or a configuration line", NULL },
	{ "send-prefix", "", 0, 0, cmd_send_prefix, 0, "send the prefix key itself", NULL },
	{ "page-up", "", 0, 0, cmd_view, VIEW_PAGE, "a page back", NULL },
	{ "page-down", "", 0, 0, cmd_view, -VIEW_PAGE, "a page forward", NULL },
	{ "line-up", "", 0, 0, cmd_view, 1, "a line back", NULL },
	{ "line-down", "", 0, 0, cmd_view, -1, "a line forward", NULL },
	{ "top", "", 0, 0, cmd_view, 1 << 30, "the oldest line", NULL },
	{ "leave", "", 0, 0, cmd_leave, 0, "back to the live screen", NULL },
	{ "scroll-page-up", "", 0, 0, cmd_scroll_page_up, VIEW_PAGE, "scroll mode, a page back", NULL },
	{ "logs-timestamps", "", 0, 0, cmd_logs_timestamps, 0, "show or hide a logs tab's timestamps", "timestamps" },
	{ "save-history", "FILE", 1, 0, cmd_save_history, 0, "write the tab's scrollback and screen to FILE", NULL },
	{ "copy-mode", "", 0, 0, cmd_copy_mode, 0, "copy mode: move, search (/ ?), select (Space v V), copy (y)", NULL },
	{ "paste-buffer", "", 0, 0, cmd_paste_buffer, 0, "paste the newest copy into the tab", NULL },
	{ "choose-buffer", "", 0, 0, cmd_choose_buffer, 0, "choose a paste buffer from a list and paste it", NULL },
	{ "sync-input", "all|container|off|toggle", 1, 0, cmd_sync_input, 0,
	    "typing goes to every tab, the container's tabs, or only the current one", NULL },
	{ "sync-mark", "", 0, 0, cmd_sync_mark, 0, "the tab joins or leaves synchronized input", NULL },
	{ "record", "FILE", 1, 0, cmd_record, 0, "record the tab's output to FILE (asciicast v2)", NULL },
	{ "record-stop", "", 0, 0, cmd_record_stop, 0, "stop the tab's recording", NULL },
	{ "save-history-escapes", "FILE", 1, 0, cmd_save_history, CAPTURE_ESCAPES,
	    "the same with the colours and attributes as escape sequences", NULL },
	{ "engine-add", "NAME", 1, 0, cmd_engine_add, 0, "add an engine: a context name or an address (unix://, tcp://, ssh://)",
	    NULL },
	{ "engine-prompt", "", 0, 0, cmd_engine_prompt, 0, "the command prompt with engine-add typed", NULL },
	{ "engine-close", "", 0, 0, cmd_engine_close, 0, "close the selected engine (once its tabs are closed)", NULL },
	{ "engine-hide", "", 0, 0, cmd_engine_hide, 0, "fold or unfold the selected engine's containers", NULL },
};

/* The commands that change what the current tab's pane shows (its view
 * into the history, its screen, scroll mode). */
static const char *const leaves_copy[] = {
	"respawn", "scroll", "scroll-page-up", "page-up", "page-down", "line-up", "line-down", "top",
	"leave", "logs-timestamps",
};

int ui_command_leaves_copy(const struct ui_command *cmd)
{
	for (size_t i = 0; i < sizeof leaves_copy / sizeof leaves_copy[0]; i++)
		if (strcmp(cmd->name, leaves_copy[i]) == 0)
			return 1;
	return 0;
}

const struct ui_command *ui_command_find(const char *name)
{
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(commands[i].name, name) == 0)
			return &commands[i];
	return NULL;
}

size_t ui_command_count(void)
{
	return sizeof commands / sizeof commands[0];
}

const struct ui_command *ui_command_at(size_t i)
{
	return i < ui_command_count() ? &commands[i] : NULL;
}

int ui_command_check(const struct ui_command *cmd, int argc, char **argv, char **cause)
{
	if (argc - 1 != cmd->nargs) {
		*cause = cmd->nargs ? xasprintf("usage: %s %s", cmd->name, cmd->args) :
		    xasprintf("%s takes no arguments", cmd->name);
		return -1;
	}
	for (int i = 1; cmd->numeric && i < argc; i++) {
		char *end;
		long v = strtol(argv[i], &end, 10);
		if (end == argv[i] || *end || v < 0 || v > 99) {
			*cause = xasprintf("%s: \"%s\" is not a number 0 to 99", cmd->name, argv[i]);
			return -1;
		}
	}
	return 0;
}

int ui_command_run(struct ui *u, int argc, char **argv, char **cause)
{
	const struct ui_command *cmd = argc > 0 ? ui_command_find(argv[0]) : NULL;
	if (cmd == NULL) {
		*cause = xasprintf("unknown command \"%s\"", argc > 0 ? argv[0] : "");
		return -1;
	}
	if (ui_command_check(cmd, argc, argv, cause) != 0)
		return -1;
	if (ui_command_leaves_copy(cmd))
		ui_copy_leave(u);
	cmd->fn(u, cmd, argv);
	return 0;
}
