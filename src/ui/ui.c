/* ui.c: the curses console: screen setup and restore, the key handling
 * (list, terminal, prefix, scroll mode, prompts), and drawing of the list,
 * tab bar, terminal pane, side panel and status line from the console model.
 * Callbacks only mark things dirty; drawing happens once per loop turn, at
 * most every 10 ms while output is pending. */
#include "config.h"
#include "ui/ui.h"
#include "session/app.h"
#include "session/layout.h"
#include "ui/keys.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wchar.h>

#define DRAW_INTERVAL_MS 10
#define PREFIX_KEY_DEFAULT 2 /* Ctrl-b */

enum focus { FOCUS_LIST, FOCUS_TERM };
enum prompt_kind { PROMPT_NONE, PROMPT_FILTER, PROMPT_EXEC, PROMPT_CONFIRM_CLOSE, PROMPT_CONFIRM_QUIT };

struct ui {
	struct loop *loop;
	struct engine *e;
	struct app *app;
	enum focus focus;
	int show_panel, show_list;
	char *sel_id;           /* selected container */
	int list_top;
	char filter[128];
	int prefix;             /* Ctrl-b seen */
	int scroll;             /* scroll mode */
	int help;
	enum prompt_kind prompt;
	char pbuf[512];
	size_t plen;
	int confirm_tab;
	int quit;
	int quit_signal;        /* the signal that ended the console, or 0 */
	int cmd_key;            /* the key of the binding being run */
	int prefix_key;
	char prefix_name[16];
	struct ui_binding *binds; /* ui_bindings as the configuration left them */
	size_t nbinds;
	char **names;           /* key names of bindings made by the configuration */
	size_t nnames;
	int scrollback;
	int dirty;
	int64_t last_draw;
	struct loop_timer *draw_timer;
	struct layout lay;
	int rows, cols;
};

static int curses_on;

static void curses_end(void)
{
	if (curses_on) {
		curses_on = 0;
		endwin();
	}
}

static void fatal_signal(int sig)
{
	/* Emergency restore: endwin is not async-signal-safe, but the process
	 * is dying and a usable terminal matters more. */
	curses_end();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* ---- helpers ---- */

static void mark(struct ui *u) { u->dirty = 1; }

static void relayout(struct ui *u)
{
	struct layout_in in = { u->rows, u->cols, u->show_list, u->show_panel, 0, 0 };
	in.list_width = u->cols >= 120 ? 36 : u->cols / 4;
	in.panel_width = u->cols >= 140 ? 38 : u->cols / 4;
	layout_compute(&in, &u->lay);
	int h = u->lay.pane.h, w = u->lay.pane.w;
	app_set_pane_size(u->app, h > 0 ? h : 1, w > 0 ? w : 1);
	mark(u);
}

/* Rows of the list that match the filter, as indexes into the ctrlist. */
static size_t visible_rows(struct ui *u, int **out)
{
	const struct ctrlist *l = app_containers(u->app);
	int *v = xcalloc(l->n + 1, sizeof *v);
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		if (ctr_matches(&l->v[i], u->filter))
			v[n++] = (int)i;
	*out = v;
	return n;
}

static int sel_pos(struct ui *u, const int *rows, size_t n)
{
	const struct ctrlist *l = app_containers(u->app);
	for (size_t i = 0; i < n; i++)
		if (u->sel_id && strcmp(l->v[rows[i]].id, u->sel_id) == 0)
			return (int)i;
	return -1;
}

static void select_id(struct ui *u, const char *id)
{
	if (id && u->sel_id && strcmp(id, u->sel_id) == 0)
		return;
	free(u->sel_id);
	u->sel_id = id ? xstrdup(id) : NULL;
	app_select_container(u->app, id);
	mark(u);
}

static void list_move(struct ui *u, int delta)
{
	int *rows;
	size_t n = visible_rows(u, &rows);
	if (n > 0) {
		int p = sel_pos(u, rows, n);
		p = p < 0 ? 0 : p + delta;
		if (p < 0)
			p = 0;
		if (p >= (int)n)
			p = (int)n - 1;
		select_id(u, app_containers(u->app)->v[rows[p]].id);
	}
	free(rows);
}

static const struct ctr *selected_ctr(struct ui *u)
{
	return ctrlist_find(app_containers(u->app), u->sel_id);
}

/* Split a command line into words: '...' and "..." quote, \ escapes. */
static int split_words(const char *s, struct strv *out)
{
	struct buf w;
	buf_init(&w);
	int in = 0;
	char q = 0;
	for (; *s; s++) {
		char c = *s;
		if (q) {
			if (c == q)
				q = 0;
			else if (c == '\\' && q == '"' && s[1])
				buf_add(&w, ++s, 1);
			else
				buf_add(&w, &c, 1);
			continue;
		}
		if (c == ' ' || c == '\t') {
			if (in) {
				strv_push(out, buf_ptr(&w));
				buf_reset(&w);
				in = 0;
			}
			continue;
		}
		in = 1;
		if (c == '\'' || c == '"')
			q = c;
		else if (c == '\\' && s[1])
			buf_add(&w, ++s, 1);
		else
			buf_add(&w, &c, 1);
	}
	if (in)
		strv_push(out, buf_ptr(&w));
	buf_free(&w);
	return q ? -1 : 0;
}

static void open_on(struct ui *u, const struct ctr *c, const struct session_spec *tmpl)
{
	struct session_spec spec;
	memset(&spec, 0, sizeof spec);
	if (tmpl)
		spec = *tmpl;
	spec.container_id = c->id;
	spec.container_name = c->name;
	app_open(u->app, &spec);
	u->focus = FOCUS_TERM;
	mark(u);
}

/* ---- commands (the key table's functions) ---- */

static void cmd_down(struct ui *u) { list_move(u, 1); }
static void cmd_up(struct ui *u) { list_move(u, -1); }

static void cmd_open_shell(struct ui *u)
{
	const struct ctr *c = selected_ctr(u);
	if (c == NULL) {
		app_set_message(u->app, "no container selected");
		return;
	}
	if (!ctr_running(c)) {
		app_set_message(u->app, "%s is %s: cannot open a shell", c->name, c->state);
		return;
	}
	open_on(u, c, NULL);
}

static void cmd_exec_prompt(struct ui *u)
{
	const struct ctr *c = selected_ctr(u);
	if (c == NULL || !ctr_running(c)) {
		app_set_message(u->app, "select a running container first");
		return;
	}
	u->prompt = PROMPT_EXEC;
	u->plen = 0;
	u->pbuf[0] = '\0';
	mark(u);
}

static void cmd_filter(struct ui *u)
{
	u->prompt = PROMPT_FILTER;
	snprintf(u->pbuf, sizeof u->pbuf, "%s", u->filter);
	u->plen = strlen(u->pbuf);
	mark(u);
}

static void cmd_toggle_panel(struct ui *u)
{
	u->show_panel = !u->show_panel;
	relayout(u);
}

static void cmd_toggle_list(struct ui *u)
{
	u->show_list = !u->show_list;
	if (!u->show_list)
		u->focus = FOCUS_TERM;
	relayout(u);
}

static void cmd_focus_term(struct ui *u)
{
	if (app_ntabs(u->app) == 0) {
		app_set_message(u->app, "no tab open: Enter opens a shell");
		return;
	}
	u->focus = FOCUS_TERM;
	mark(u);
}

static void cmd_focus_list(struct ui *u)
{
	if (!u->show_list) {
		u->show_list = 1;
		relayout(u);
	}
	u->focus = FOCUS_LIST;
	mark(u);
}

static void cmd_quit(struct ui *u)
{
	if (app_running_tabs(u->app) > 0) {
		u->prompt = PROMPT_CONFIRM_QUIT;
		mark(u);
		return;
	}
	u->quit = 1;
}

static void cmd_help(struct ui *u)
{
	u->help = 1;
	mark(u);
}

static void cmd_next(struct ui *u) { app_next_tab(u->app, 1); }
static void cmd_prev(struct ui *u) { app_next_tab(u->app, -1); }

static void cmd_new_same(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	const struct ctr *c = s ? ctrlist_find(app_containers(u->app), session_spec(s)->container_id) : NULL;
	if (c == NULL)
		c = selected_ctr(u);
	if (c == NULL || !ctr_running(c)) {
		app_set_message(u->app, "no running container for a new tab");
		return;
	}
	open_on(u, c, NULL);
}

static void cmd_close(struct ui *u)
{
	int i = app_current(u->app);
	if (i < 0)
		return;
	enum session_state st = session_state(app_tab(u->app, (size_t)i));
	if (st == SESSION_RUNNING || st == SESSION_STARTING || st == SESSION_CREATING) {
		u->prompt = PROMPT_CONFIRM_CLOSE;
		u->confirm_tab = i;
		mark(u);
		return;
	}
	app_close_tab(u->app, i);
	if (app_ntabs(u->app) == 0)
		u->focus = FOCUS_LIST;
}

static void cmd_respawn(struct ui *u)
{
	if (app_respawn_tab(u->app, app_current(u->app)) != 0)
		app_set_message(u->app, "only a finished tab can be respawned");
}

static void cmd_scroll(struct ui *u)
{
	if (app_current_session(u->app) == NULL)
		return;
	u->scroll = 1;
	mark(u);
}

static void cmd_send_prefix(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	if (s)
		session_key_unichar(s, (uint32_t)u->prefix_key, 0);
}

static void scroll_by(struct ui *u, int d)
{
	struct session *s = app_current_session(u->app);
	if (s)
		term_scroll_view(session_term(s), d);
	mark(u);
}

static void cmd_sc_pgup(struct ui *u) { scroll_by(u, u->lay.pane.h > 2 ? u->lay.pane.h - 1 : 1); }
static void cmd_sc_pgdn(struct ui *u) { scroll_by(u, -(u->lay.pane.h > 2 ? u->lay.pane.h - 1 : 1)); }
static void cmd_sc_up(struct ui *u) { scroll_by(u, 1); }
static void cmd_sc_down(struct ui *u) { scroll_by(u, -1); }
static void cmd_sc_top(struct ui *u) { scroll_by(u, 1 << 30); }

static void cmd_sc_quit(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	if (s)
		term_view_reset(session_term(s));
	u->scroll = 0;
	mark(u);
}

/* C-b 0 to C-b 9: the tab of the digit pressed. */
static void cmd_select_tab(struct ui *u) { app_select_tab(u->app, u->cmd_key - '0'); }

const struct ui_binding ui_bindings[] = {
	{ UI_MODE_LIST, KEY_DOWN, "Down", "down", "select the next container", cmd_down },
	{ UI_MODE_LIST, 'j', "j", "down", "select the next container", cmd_down },
	{ UI_MODE_LIST, KEY_UP, "Up", "up", "select the previous container", cmd_up },
	{ UI_MODE_LIST, 'k', "k", "up", "select the previous container", cmd_up },
	{ UI_MODE_LIST, '\n', "Enter", "shell", "open a shell tab on the container", cmd_open_shell },
	{ UI_MODE_LIST, 'e', "e", "exec", "run a command: [-u USER] [-w DIR] [-e K=V] CMD...", cmd_exec_prompt },
	{ UI_MODE_LIST, 'i', "i", "panel", "show or hide the inspect panel", cmd_toggle_panel },
	{ UI_MODE_LIST, '/', "/", "filter", "filter the list by name or image", cmd_filter },
	{ UI_MODE_LIST, '\t', "Tab", "focus-terminal", "focus the terminal pane", cmd_focus_term },
	{ UI_MODE_LIST, '?', "?", "help", "this help", cmd_help },
	{ UI_MODE_LIST, 'q', "q", "quit", "quit (asks while sessions run)", cmd_quit },
	{ UI_MODE_PREFIX, 'n', "n", "next-tab", "next tab", cmd_next },
	{ UI_MODE_PREFIX, 'p', "p", "previous-tab", "previous tab", cmd_prev },
	{ UI_MODE_PREFIX, '0', "0-9", "select-tab", "select tab 0-9", cmd_select_tab },
	{ UI_MODE_PREFIX, '1', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '2', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '3', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '4', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '5', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '6', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '7', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '8', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, '9', NULL, "select-tab", NULL, cmd_select_tab },
	{ UI_MODE_PREFIX, 'c', "c", "new-tab", "new shell tab on the same container", cmd_new_same },
	{ UI_MODE_PREFIX, 'x', "x", "close-tab", "close the tab (asks while it runs)", cmd_close },
	{ UI_MODE_PREFIX, 'r', "r", "respawn", "run a finished tab's command again", cmd_respawn },
	{ UI_MODE_PREFIX, 'l', "l", "focus-list", "focus the container list", cmd_focus_list },
	{ UI_MODE_PREFIX, 'L', "L", "toggle-list", "show or hide the container list", cmd_toggle_list },
	{ UI_MODE_PREFIX, 'i', "i", "panel", "show or hide the inspect panel", cmd_toggle_panel },
	{ UI_MODE_PREFIX, '[', "[", "scroll", "scroll mode (PgUp/PgDn, arrows, g, q)", cmd_scroll },
	{ UI_MODE_PREFIX, '?', "?", "help", "this help", cmd_help },
	{ UI_MODE_PREFIX, 'q', "q", "quit", "quit (asks while sessions run)", cmd_quit },
	{ UI_MODE_PREFIX, UI_KEY_PREFIX, "", "send-prefix", "send the prefix key itself", cmd_send_prefix },
	{ UI_MODE_SCROLL, KEY_PPAGE, "PgUp", "page-up", "a page back", cmd_sc_pgup },
	{ UI_MODE_SCROLL, KEY_NPAGE, "PgDn", "page-down", "a page forward", cmd_sc_pgdn },
	{ UI_MODE_SCROLL, KEY_UP, "Up/k", "line-up", "a line back", cmd_sc_up },
	{ UI_MODE_SCROLL, 'k', NULL, "line-up", NULL, cmd_sc_up },
	{ UI_MODE_SCROLL, KEY_DOWN, "Down/j", "line-down", "a line forward", cmd_sc_down },
	{ UI_MODE_SCROLL, 'j', NULL, "line-down", NULL, cmd_sc_down },
	{ UI_MODE_SCROLL, 'g', "g", "top", "the oldest line", cmd_sc_top },
	{ UI_MODE_SCROLL, 'G', "G/q", "leave", "back to the live screen", cmd_sc_quit },
	{ UI_MODE_SCROLL, 'q', NULL, "leave", NULL, cmd_sc_quit },
	{ UI_MODE_SCROLL, 27, NULL, "leave", NULL, cmd_sc_quit },
};
const size_t ui_nbindings = sizeof ui_bindings / sizeof ui_bindings[0];

static int binding_key(const struct ui *u, const struct ui_binding *b)
{
	return b->key == UI_KEY_PREFIX ? u->prefix_key : b->key;
}

static int run_binding(struct ui *u, enum ui_mode mode, int key)
{
	for (size_t i = 0; i < u->nbinds; i++)
		if (u->binds[i].mode == mode && binding_key(u, &u->binds[i]) == key) {
			u->cmd_key = key;
			u->binds[i].fn(u);
			mark(u);
			return 1;
		}
	return 0;
}

/* ---- prompts ---- */

static void prompt_submit(struct ui *u)
{
	enum prompt_kind k = u->prompt;
	u->prompt = PROMPT_NONE;
	mark(u);
	if (k == PROMPT_FILTER) {
		size_t fl = strlen(u->pbuf) < sizeof u->filter - 1 ? strlen(u->pbuf) : sizeof u->filter - 1;
		memcpy(u->filter, u->pbuf, fl);
		u->filter[fl] = '\0';
		list_move(u, 0);
		return;
	}
	if (k != PROMPT_EXEC)
		return;
	struct strv words = { 0 };
	if (split_words(u->pbuf, &words) != 0) {
		app_set_message(u->app, "unclosed quote in the command");
		strv_clear(&words);
		return;
	}
	struct session_spec spec;
	memset(&spec, 0, sizeof spec);
	size_t i = 0;
	for (; i < words.n; i++) {
		const char *w = words.v[i];
		if ((strcmp(w, "-u") == 0 || strcmp(w, "-w") == 0 || strcmp(w, "-e") == 0) && i + 1 < words.n) {
			const char *v = words.v[++i];
			if (w[1] == 'u')
				spec.user = (char *)v;
			else if (w[1] == 'w')
				spec.workdir = (char *)v;
			else if (strchr(v, '=') && v[0] != '=')
				strv_push(&spec.env, v);
			else {
				app_set_message(u->app, "bad -e \"%s\": expected KEY=VALUE", v);
				goto out;
			}
		} else if (strcmp(w, "--") == 0) {
			i++;
			break;
		} else
			break;
	}
	for (; i < words.n; i++)
		strv_push(&spec.cmd, words.v[i]);
	const struct ctr *c = selected_ctr(u);
	if (c == NULL || !ctr_running(c))
		app_set_message(u->app, "the container is no longer running");
	else
		open_on(u, c, &spec);
out:
	strv_clear(&spec.cmd);
	strv_clear(&spec.env);
	strv_clear(&words);
}

static void prompt_key(struct ui *u, int is_key, wint_t k)
{
	if (u->prompt == PROMPT_CONFIRM_CLOSE || u->prompt == PROMPT_CONFIRM_QUIT) {
		enum prompt_kind p = u->prompt;
		u->prompt = PROMPT_NONE;
		mark(u);
		if (!is_key && (k == 'y' || k == 'Y')) {
			if (p == PROMPT_CONFIRM_QUIT)
				u->quit = 1;
			else {
				app_close_tab(u->app, u->confirm_tab);
				if (app_ntabs(u->app) == 0)
					u->focus = FOCUS_LIST;
			}
		}
		return;
	}
	mark(u);
	if (!is_key && (k == '\r' || k == '\n')) {
		prompt_submit(u);
		return;
	}
	if (!is_key && k == 27) {
		u->prompt = PROMPT_NONE;
		return;
	}
	if ((is_key && k == KEY_BACKSPACE) || (!is_key && (k == 127 || k == 8))) {
		while (u->plen > 0 && ((unsigned char)u->pbuf[u->plen - 1] & 0xc0) == 0x80)
			u->plen--;
		if (u->plen > 0)
			u->plen--;
		u->pbuf[u->plen] = '\0';
		return;
	}
	if (!is_key && k == 21) { /* C-u */
		u->plen = 0;
		u->pbuf[0] = '\0';
		return;
	}
	if (is_key || k < 0x20 || k == 0x7f)
		return;
	char enc[4];
	int n = utf8_encode((uint32_t)k, enc);
	if (u->plen + (size_t)n < sizeof u->pbuf - 1) {
		memcpy(u->pbuf + u->plen, enc, (size_t)n);
		u->plen += (size_t)n;
		u->pbuf[u->plen] = '\0';
	}
}

/* ---- keys to the terminal ---- */

static int curses_to_term_key(int k, int *mods)
{
	*mods = 0;
	switch (k) {
	case KEY_UP: return TERM_KEY_UP;
	case KEY_DOWN: return TERM_KEY_DOWN;
	case KEY_LEFT: return TERM_KEY_LEFT;
	case KEY_RIGHT: return TERM_KEY_RIGHT;
	case KEY_HOME: return TERM_KEY_HOME;
	case KEY_END: return TERM_KEY_END;
	case KEY_PPAGE: return TERM_KEY_PAGEUP;
	case KEY_NPAGE: return TERM_KEY_PAGEDOWN;
	case KEY_IC: return TERM_KEY_INS;
	case KEY_DC: return TERM_KEY_DEL;
	case KEY_BACKSPACE: return TERM_KEY_BACKSPACE;
	case KEY_ENTER: return TERM_KEY_ENTER;
	case KEY_BTAB: *mods = TERM_MOD_SHIFT; return TERM_KEY_TAB;
	case KEY_SLEFT: *mods = TERM_MOD_SHIFT; return TERM_KEY_LEFT;
	case KEY_SRIGHT: *mods = TERM_MOD_SHIFT; return TERM_KEY_RIGHT;
	}
	if (k >= KEY_F(1) && k <= KEY_F(24))
		return TERM_KEY_F(k - KEY_F(0));
	return TERM_KEY_NONE;
}

static void term_input(struct ui *u, int is_key, wint_t k)
{
	struct session *s = app_current_session(u->app);
	if (s == NULL)
		return;
	if (is_key) {
		int mods, tk = curses_to_term_key((int)k, &mods);
		if (tk != TERM_KEY_NONE)
			session_key(s, tk, mods);
		return;
	}
	switch (k) {
	case '\r': case '\n': session_key(s, TERM_KEY_ENTER, 0); break;
	case '\t': session_key(s, TERM_KEY_TAB, 0); break;
	case 127: session_key(s, TERM_KEY_BACKSPACE, 0); break;
	case 27: session_key(s, TERM_KEY_ESCAPE, 0); break;
	default: session_key_unichar(s, (uint32_t)k, 0); break;
	}
}

static void on_key(struct ui *u, int is_key, wint_t k)
{
	if (is_key && k == KEY_RESIZE)
		return; /* handled by our SIGWINCH */
	if (is_key && k == KEY_ENTER) {
		is_key = 0; /* the keypad's Enter is Enter */
		k = '\n';
	}
	if (u->help) {
		u->help = 0;
		mark(u);
		return;
	}
	if (u->prompt != PROMPT_NONE) {
		prompt_key(u, is_key, k);
		return;
	}
	if (u->prefix) {
		u->prefix = 0;
		mark(u);
		if (!run_binding(u, UI_MODE_PREFIX, (int)k))
			app_set_message(u->app, "unknown prefix key (%s ? for help)", u->prefix_name);
		return;
	}
	if (u->scroll) {
		run_binding(u, UI_MODE_SCROLL, (int)k);
		return;
	}
	if (!is_key && (int)k == u->prefix_key) {
		u->prefix = 1;
		mark(u);
		return;
	}
	if (u->focus == FOCUS_TERM && app_current_session(u->app)) {
		term_input(u, is_key, k);
		return;
	}
	if (!is_key && k == '\r')
		k = '\n';
	run_binding(u, UI_MODE_LIST, (int)k);
}

/* ---- drawing ---- */

static int color_of(const struct term_color *c)
{
	if (c->kind == TERM_COLOR_DEFAULT)
		return -1;
	int idx;
	if (c->kind == TERM_COLOR_INDEXED)
		idx = c->index;
	else {
		int r = (c->r * 5 + 127) / 255, g = (c->g * 5 + 127) / 255, b = (c->b * 5 + 127) / 255;
		idx = 16 + 36 * r + 6 * g + b;
	}
	if (idx < COLORS)
		return idx;
	if (idx < 16)
		return idx % 8;
	return -1;
}

static int pair_for(int fg, int bg)
{
	if (!has_colors())
		return 0;
	int p = alloc_pair(fg, bg);
	return p < 0 ? 0 : p;
}

static void put_str(int y, int x, int w, const char *s, attr_t attr, int pair)
{
	/* s is inert UTF-8; clip to w columns. */
	int col = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);
	size_t i = 0;
	move(y, x);
	while (i < len && col < w) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n < 0) {
			cp = '?';
			n = 1;
		}
		int cw = wcwidth((wchar_t)cp);
		if (cw < 0) {
			cp = '?';
			cw = 1;
		}
		if (col + cw > w)
			break;
		wchar_t wc[2] = { (wchar_t)cp, 0 };
		cchar_t cc;
		setcchar(&cc, wc, attr, 0, &pair);
		mvadd_wch(y, x + col, &cc);
		col += cw;
		i += (size_t)n;
	}
	attr_set(attr, 0, &pair);
	for (; col < w; col++)
		mvaddch(y, x + col, ' ');
	attr_set(A_NORMAL, 0, NULL);
}

static void draw_pane(struct ui *u)
{
	struct rect r = u->lay.pane;
	struct session *s = app_current_session(u->app);
	if (r.h <= 0 || r.w <= 0)
		return;
	if (s == NULL) {
		for (int y = 0; y < r.h; y++)
			put_str(r.y + y, r.x, r.w, "", A_NORMAL, 0);
		const char *hint = app_ntabs(u->app) ? "" : "Select a container and press Enter for a shell, e for a command, ? for help.";
		put_str(r.y + r.h / 2, r.x + 2, r.w - 2, hint, A_DIM, 0);
		return;
	}
	struct term *t = session_term(s);
	struct term_cell cell;
	for (int y = 0; y < r.h; y++) {
		for (int x = 0; x < r.w; x++) {
			if (term_view_cell(t, y, x, &cell) != 0) {
				mvaddch(r.y + y, r.x + x, ' ');
				continue;
			}
			if (cell.width == 0)
				continue;
			wchar_t wc[TERM_MAX_CHARS + 1];
			int n = 0;
			for (int i = 0; i < cell.nch && i < TERM_MAX_CHARS; i++)
				wc[n++] = (wchar_t)cell.ch[i];
			if (n == 0 || wcwidth(wc[0]) < 0)
				wc[(n = 1) - 1] = L' ';
			if (cell.width == 2 && x + 1 >= r.w)
				wc[0] = L' ', n = 1;
			wc[n] = 0;
			attr_t a = A_NORMAL;
			if (cell.attr & TERM_ATTR_BOLD) a |= A_BOLD;
			if (cell.attr & TERM_ATTR_UNDERLINE) a |= A_UNDERLINE;
			if (cell.attr & TERM_ATTR_REVERSE) a |= A_REVERSE;
			if (cell.attr & TERM_ATTR_BLINK) a |= A_BLINK;
			if (cell.attr & TERM_ATTR_ITALIC) a |= A_ITALIC;
			int pair = pair_for(color_of(&cell.fg), color_of(&cell.bg));
			cchar_t cc;
			setcchar(&cc, wc, a, 0, &pair);
			mvadd_wch(r.y + y, r.x + x, &cc);
		}
	}
	term_take_damage(t);
	int off = term_view_offset(t);
	if (off > 0 || u->scroll) {
		char tag[48];
		snprintf(tag, sizeof tag, "[scroll %d/%d]", off, term_scrollback_lines(t));
		int w = (int)strlen(tag);
		if (w < r.w)
			put_str(r.y, r.x + r.w - w, w, tag, A_REVERSE, 0);
	}
}

static void draw_border_v(int x, int y, int h)
{
	for (int i = 0; i < h; i++)
		mvaddch(y + i, x, ACS_VLINE);
}

static void draw_list(struct ui *u)
{
	struct rect r = u->lay.list;
	if (r.w <= 0)
		return;
	int w = r.w - 1;
	draw_border_v(r.x + w, r.y, r.h);
	char *head = xasprintf(" containers%s%s", u->filter[0] ? " /" : "", u->filter);
	char *hi = str_inert(head);
	free(head);
	put_str(r.y, r.x, w, hi, A_BOLD | (u->focus == FOCUS_LIST ? A_UNDERLINE : 0), 0);
	free(hi);
	int *rows;
	size_t n = visible_rows(u, &rows);
	const struct ctrlist *l = app_containers(u->app);
	int p = sel_pos(u, rows, n);
	if (p < 0 && n > 0) {
		select_id(u, l->v[rows[0]].id);
		p = 0;
	}
	int avail = (r.h - 1) / 2; /* two lines a container */
	if (p >= 0) {
		if (p < u->list_top)
			u->list_top = p;
		if (avail > 0 && p >= u->list_top + avail)
			u->list_top = p - avail + 1;
	}
	if (u->list_top > (int)n - avail)
		u->list_top = (int)n - avail;
	if (u->list_top < 0)
		u->list_top = 0;
	for (int i = 0; i < r.h - 1; i++) {
		int y = r.y + 1 + i, k = u->list_top + i / 2;
		if (k >= (int)n || i / 2 >= avail) {
			put_str(y, r.x, w, "", A_NORMAL, 0);
			continue;
		}
		const struct ctr *c = &l->v[rows[k]];
		int sel = k == p;
		attr_t a = sel ? (u->focus == FOCUS_LIST ? A_REVERSE : A_BOLD) : A_NORMAL;
		char *line;
		if (i % 2 == 0) {
			char *nm = str_inert(c->name);
			line = xasprintf("%s %s", ctr_running(c) ? "\xe2\x97\x8f" : "\xe2\x97\x8b", nm);
			free(nm);
			int pr = pair_for(ctr_running(c) ? COLOR_GREEN : (c->has_exit_code && c->exit_code ? COLOR_RED : -1), -1);
			put_str(y, r.x, w, line, a, pr);
		} else {
			char *im = str_inert(c->image), *st;
			if (!ctr_running(c) && c->has_exit_code)
				st = xasprintf("%s (%d)", c->state, c->exit_code);
			else {
				char *now = ctr_status_at(c, loop_now_ms());
				st = str_inert(now);
				free(now);
			}
			line = xasprintf("  %s  %s", st, im);
			free(im);
			free(st);
			put_str(y, r.x, w, line, a | A_DIM, 0);
		}
		free(line);
	}
	free(rows);
}

static char *tab_label(struct ui *u, size_t i)
{
	struct session *s = app_tab(u->app, i);
	enum session_state st = session_state(s);
	char mark_s[32] = "";
	if (st == SESSION_EXITED)
		snprintf(mark_s, sizeof mark_s, " [exit %d]", session_exit_code(s));
	else if (st == SESSION_FAILED)
		snprintf(mark_s, sizeof mark_s, session_ran(s) ? " [ended]" : " [failed]");
	else if (st != SESSION_RUNNING)
		snprintf(mark_s, sizeof mark_s, " [...]");
	int cur = (int)i == app_current(u->app);
	const char *flag = !cur && session_bell(s) ? "!" : !cur && session_activity(s) ? "+" : "";
	/* The container as the list knows it now: renamed, paused, gone. */
	const struct ctr *c = ctrlist_find(app_containers(u->app), session_spec(s)->container_id);
	const char *name = c ? c->name : session_spec(s)->container_name;
	if (st == SESSION_RUNNING && c && strcmp(c->state, "paused") == 0)
		snprintf(mark_s, sizeof mark_s, " [paused]");
	else if (st == SESSION_RUNNING && c == NULL && app_conn(u->app) == APP_CONNECTED &&
	    app_containers(u->app)->n > 0)
		snprintf(mark_s, sizeof mark_s, " [removed]");
	const char *title = term_title(session_term(s));
	char *label = xasprintf(" %zu:%s %s%s%s ", i, name,
	    title && *title ? title : session_command(s), mark_s, flag);
	char *inert = str_inert(label);
	free(label);
	return inert;
}

static int label_width(const char *s)
{
	int w = (int)strlen(s); /* inert labels: mostly ASCII; a bound is enough */
	return w > 40 ? 40 : w;
}

static void draw_tabbar(struct ui *u)
{
	struct rect r = u->lay.tabbar;
	if (r.w <= 0)
		return;
	size_t n = app_ntabs(u->app);
	if (n == 0) {
		put_str(r.y, r.x, r.w, " no tabs", A_DIM, 0);
		return;
	}
	char **labels = xcalloc(n, sizeof *labels);
	for (size_t i = 0; i < n; i++)
		labels[i] = tab_label(u, i);
	/* The first tab shown: far enough right that the current one fits
	 * (with room for the "<" that says tabs are hidden to the left). */
	int cur = app_current(u->app);
	size_t first = 0;
	for (;;) {
		int w = first > 0 ? 1 : 0;
		for (size_t i = first; cur >= 0 && i <= (size_t)cur; i++)
			w += label_width(labels[i]);
		if (w <= r.w || (int)first >= cur)
			break;
		first++;
	}
	int x = 0;
	if (first > 0)
		put_str(r.y, r.x, 1, "<", A_BOLD, 0), x = 1;
	for (size_t i = first; i < n && x < r.w; i++) {
		struct session *s = app_tab(u->app, i);
		enum session_state st = session_state(s);
		int w = label_width(labels[i]);
		if (x + w > r.w)
			w = r.w - x;
		attr_t a = (int)i == cur ? (u->focus == FOCUS_TERM ? A_REVERSE | A_BOLD : A_REVERSE) : A_NORMAL;
		int pr = st == SESSION_EXITED || st == SESSION_FAILED ? pair_for(COLOR_YELLOW, -1) : 0;
		put_str(r.y, r.x + x, w, labels[i], a, pr);
		x += w;
	}
	if (x < r.w)
		put_str(r.y, r.x + x, r.w - x, "", A_NORMAL, 0);
	for (size_t i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
}

static void draw_kv(int *y, int ymax, int x, int w, const struct kvlist *kv)
{
	for (size_t i = 0; i < kv->n && *y < ymax; i++, (*y)++) {
		char *line = xasprintf("%-10s %s", kv->v[i].k, kv->v[i].v);
		put_str(*y, x, w, line, A_NORMAL, 0);
		free(line);
	}
}

static void draw_panel(struct ui *u)
{
	struct rect r = u->lay.panel;
	if (r.w <= 0)
		return;
	draw_border_v(r.x, r.y, r.h);
	int x = r.x + 1, w = r.w - 1, y = r.y, ymax = r.y + r.h;
	put_str(y++, x, w, " container", A_BOLD, 0);
	draw_kv(&y, ymax, x, w, app_container_panel(u->app));
	if (y < ymax)
		put_str(y++, x, w, "", A_NORMAL, 0);
	struct kvlist sk = { 0 };
	app_session_panel(u->app, &sk);
	if (sk.n && y < ymax)
		put_str(y++, x, w, " session", A_BOLD, 0);
	draw_kv(&y, ymax, x, w, &sk);
	kvlist_clear(&sk);
	while (y < ymax)
		put_str(y++, x, w, "", A_NORMAL, 0);
}

static void draw_status(struct ui *u)
{
	struct rect r = u->lay.status;
	const char *label = NULL;
	switch (u->prompt) {
	case PROMPT_FILTER: label = "filter: "; break;
	case PROMPT_EXEC: label = "exec [-u USER] [-w DIR] [-e K=V] CMD: "; break;
	case PROMPT_CONFIRM_CLOSE: label = "the session is running: stop it and close the tab? (y/n) "; break;
	case PROMPT_CONFIRM_QUIT: label = "sessions are running: quit? (y/n) "; break;
	case PROMPT_NONE: break;
	}
	if (label) {
		char *t = str_inert(u->pbuf);
		char *line = xasprintf("%s%s", label, u->prompt == PROMPT_FILTER || u->prompt == PROMPT_EXEC ? t : "");
		put_str(r.y, r.x, r.w, line, A_BOLD, 0);
		free(line);
		free(t);
		return;
	}
	const struct endpoint *ep = engine_endpoint(u->e);
	const char *conn = app_conn(u->app) == APP_CONNECTED ? "" :
	    app_conn(u->app) == APP_CONNECTING ? " [connecting]" : " [disconnected]";
	char term_hints[96];
	snprintf(term_hints, sizeof term_hints, "%s: prefix  %s l list  %s ? help", u->prefix_name,
	    u->prefix_name, u->prefix_name);
	const char *hints = u->prefix ? "prefix: n p 0-9 c x r l i [ ? q" :
	    u->scroll ? "scroll: PgUp PgDn Up Down g q" :
	    u->focus == FOCUS_TERM ? term_hints :
	    "Enter shell  e exec  i panel  / filter  Tab term  ? help  q quit";
	struct session *s = app_current_session(u->app);
	const char *notice = s && session_notice(s) ? session_notice(s) : "";
	const char *msg = app_message(u->app)[0] ? app_message(u->app) : notice;
	char *m = str_inert(msg);
	char *line = xasprintf(" %s API %s%s%s%s%s | %s", ep->display, engine_api_version(u->e),
	    ep->tls && !ep->tls_verify ? " [TLS NOT VERIFIED]" : "", conn, *m ? " | " : "", m, hints);
	put_str(r.y, r.x, r.w, line, A_REVERSE, 0);
	free(line);
	free(m);
}

static void draw_help(struct ui *u)
{
	int h = 0;
	for (size_t i = 0; i < u->nbinds; i++)
		h += u->binds[i].keyname != NULL;
	h += 4;
	int w = 64 < u->cols - 2 ? 64 : u->cols - 2;
	if (h > u->rows - 1)
		h = u->rows - 1;
	int y0 = (u->rows - h) / 2, x0 = (u->cols - w) / 2, y = y0;
	put_str(y++, x0, w, " porthole keys (any key closes)", A_REVERSE | A_BOLD, 0);
	char term_sect[80];
	snprintf(term_sect, sizeof term_sect, "terminal (after the prefix %s)", u->prefix_name);
	const char *sect[] = { "list", term_sect, "scroll mode" };
	int last = -1;
	for (size_t i = 0; i < u->nbinds && y < y0 + h; i++) {
		const struct ui_binding *b = &u->binds[i];
		if (b->keyname == NULL)
			continue;
		if ((int)b->mode != last) {
			last = (int)b->mode;
			put_str(y++, x0, w, sect[last], A_BOLD, 0);
			if (y >= y0 + h)
				break;
		}
		char keys[64];
		if (b->mode != UI_MODE_PREFIX)
			snprintf(keys, sizeof keys, "%s", b->keyname);
		else
			snprintf(keys, sizeof keys, "%s %s", u->prefix_name,
			    b->key == UI_KEY_PREFIX ? u->prefix_name : b->keyname);
		char *line = xasprintf("  %-9s %s", keys, b->help);
		put_str(y++, x0, w, line, A_NORMAL, 0);
		free(line);
	}
}

static void draw(struct ui *u)
{
	/* While a terminal has the focus, the panel shows its container. */
	struct session *fs = app_current_session(u->app);
	if (fs && u->focus == FOCUS_TERM)
		select_id(u, session_spec(fs)->container_id);
	u->dirty = 0;
	u->last_draw = loop_now_ms();
	draw_list(u);
	draw_tabbar(u);
	draw_pane(u);
	draw_panel(u);
	draw_status(u);
	if (u->help)
		draw_help(u);
	struct session *s = app_current_session(u->app);
	int crow, ccol, vis = 0, shape = 0;
	if (s && u->focus == FOCUS_TERM && !u->scroll && u->prompt == PROMPT_NONE && !u->help &&
	    session_state(s) == SESSION_RUNNING) {
		term_cursor(session_term(s), &crow, &ccol, &vis, &shape);
		if (vis && crow < u->lay.pane.h && ccol < u->lay.pane.w)
			move(u->lay.pane.y + crow, u->lay.pane.x + ccol);
		else
			vis = 0;
	} else if (u->prompt == PROMPT_FILTER || u->prompt == PROMPT_EXEC) {
		vis = 1;
	}
	/* curses knows two visible cursors: "very visible" (a block on most
	 * terminals) for a block cursor, the normal one for bar and underline. */
	curs_set(!vis ? 0 : (s && u->focus == FOCUS_TERM && shape == TERM_CURSOR_BLOCK) ? 2 : 1);
	wnoutrefresh(stdscr);
	doupdate();
}

/* ---- loop glue ---- */

static void on_draw_timer(void *arg)
{
	struct ui *u = arg;
	if (u->dirty)
		draw(u);
}

static void on_idle(void *arg)
{
	struct ui *u = arg;
	if (!u->dirty)
		return;
	int64_t since = loop_now_ms() - u->last_draw;
	if (since >= DRAW_INTERVAL_MS)
		draw(u);
	else if (!loop_timer_pending(u->draw_timer))
		loop_timer_start(u->draw_timer, DRAW_INTERVAL_MS - since);
}

static void on_app(struct app *a, int what, void *arg)
{
	mark(arg);
}

static void on_stdin(int fd, short revents, void *arg)
{
	struct ui *u = arg;
	wint_t k;
	int r, n = 0;
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		u->quit = 1;
		return;
	}
	while (n++ < 4096 && (r = wget_wch(stdscr, &k)) != ERR)
		on_key(u, r == KEY_CODE_YES, k);
}

static void on_signal(int sig, void *arg)
{
	struct ui *u = arg;
	if (sig == SIGWINCH) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
			resizeterm(ws.ws_row, ws.ws_col);
			u->rows = ws.ws_row;
			u->cols = ws.ws_col;
			clear();
			relayout(u);
		}
		return;
	}
	u->quit = 1;
	u->quit_signal = sig;
}

static struct engine *pick_engine(const struct cli_global *g, struct loop *loop)
{
	struct endpoint_opts o = { g->host, g->tls, g->tls_no_verify, g->cert_path };
	struct endpoint *list;
	size_t n;
	char *cause;
	if (endpoint_candidates(&o, getenv, &list, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return NULL;
	}
	/* Without -H or DOCKER_HOST: the first socket that exists. Nothing
	 * here waits for the engine: the console connects in the background. */
	size_t pick = 0;
	for (size_t i = 0; n > 1 && i < n; i++) {
		struct stat st;
		if (list[i].kind == ENDPOINT_UNIX && stat(list[i].path, &st) == 0 && S_ISSOCK(st.st_mode)) {
			pick = i;
			break;
		}
	}
	struct engine *e = n ? engine_new(loop, &list[pick]) : NULL;
	if (e && g->timeout_ms > 0)
		engine_set_timeout(e, g->timeout_ms);
	for (size_t i = 0; i < n; i++)
		endpoint_clear(&list[i]);
	free(list);
	return e;
}

/* ---- configuration ---- */

static const char *const mode_names[] = { "list", "prefix", "scroll" };

static int parse_mode(const char *name, enum ui_mode *mode)
{
	for (size_t i = 0; i < sizeof mode_names / sizeof mode_names[0]; i++)
		if (strcmp(name, mode_names[i]) == 0) {
			*mode = (enum ui_mode)i;
			return 0;
		}
	return -1;
}

static int parse_on_off(const char *v, int *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

/* Remove the bindings of key in mode; returns how many there were. */
static int unbind_key(struct ui *u, enum ui_mode mode, int key)
{
	int n = 0;
	for (size_t i = 0; i < u->nbinds;) {
		if (u->binds[i].mode == mode && binding_key(u, &u->binds[i]) == key) {
			memmove(&u->binds[i], &u->binds[i + 1], (u->nbinds - i - 1) * sizeof *u->binds);
			u->nbinds--;
			n++;
		} else {
			i++;
		}
	}
	return n;
}

static int conf_set(struct ui *u, int argc, char **argv, char **cause)
{
	if (argc != 3) {
		*cause = xstrdup("usage: set prefix|scrollback|panel|list VALUE");
		return -1;
	}
	const char *k = argv[1], *v = argv[2];
	if (strcmp(k, "prefix") == 0) {
		int key = ui_key_parse(v);
		if (key < 1 || key > 0x7e) {
			*cause = xasprintf("bad prefix \"%s\": give a character or C-a to C-z", v);
			return -1;
		}
		u->prefix_key = key;
		ui_key_name(key, u->prefix_name, sizeof u->prefix_name);
		return 0;
	}
	if (strcmp(k, "scrollback") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 1000000) {
			*cause = xasprintf("bad scrollback \"%s\": give 0 to 1000000 lines", v);
			return -1;
		}
		u->scrollback = (int)n;
		return 0;
	}
	int *flag = strcmp(k, "panel") == 0 ? &u->show_panel : strcmp(k, "list") == 0 ? &u->show_list : NULL;
	if (flag == NULL) {
		*cause = xasprintf("unknown setting \"%s\" (prefix, scrollback, panel, list)", k);
		return -1;
	}
	if (parse_on_off(v, flag) != 0) {
		*cause = xasprintf("bad %s \"%s\": give on or off", k, v);
		return -1;
	}
	return 0;
}

static int conf_bind(struct ui *u, int argc, char **argv, char **cause)
{
	int bind = strcmp(argv[0], "bind") == 0;
	enum ui_mode mode;
	if (argc != (bind ? 4 : 3)) {
		*cause = xstrdup(bind ? "usage: bind list|prefix|scroll KEY COMMAND" : "usage: unbind list|prefix|scroll KEY");
		return -1;
	}
	if (parse_mode(argv[1], &mode) != 0) {
		*cause = xasprintf("unknown mode \"%s\" (list, prefix or scroll)", argv[1]);
		return -1;
	}
	int key = ui_key_parse(argv[2]);
	if (key < 0) {
		*cause = xasprintf("unknown key \"%s\"", argv[2]);
		return -1;
	}
	if (!bind) {
		if (unbind_key(u, mode, key) == 0) {
			*cause = xasprintf("%s is not bound in %s mode", argv[2], argv[1]);
			return -1;
		}
		return 0;
	}
	const struct ui_binding *cmd = NULL;
	for (size_t i = 0; i < ui_nbindings && cmd == NULL; i++)
		if (strcmp(ui_bindings[i].name, argv[3]) == 0 && ui_bindings[i].help != NULL)
			cmd = &ui_bindings[i];
	if (cmd == NULL) {
		*cause = xasprintf("unknown command \"%s\" (the names are in porthole(1))", argv[3]);
		return -1;
	}
	if (cmd->fn == cmd_select_tab && (key < '0' || key > '9')) {
		*cause = xstrdup("select-tab takes the tab number from its key: bind it to 0 to 9");
		return -1;
	}
	unbind_key(u, mode, key);
	char name[16];
	ui_key_name(key, name, sizeof name);
	u->names = xreallocarray(u->names, u->nnames + 1, sizeof *u->names);
	u->names[u->nnames++] = xstrdup(name);
	/* After the last binding of the same mode, so the help keeps its
	 * sections together. */
	size_t at = 0;
	for (size_t i = 0; i < u->nbinds; i++)
		if (u->binds[i].mode <= mode)
			at = i + 1;
	u->binds = xreallocarray(u->binds, u->nbinds + 1, sizeof *u->binds);
	memmove(&u->binds[at + 1], &u->binds[at], (u->nbinds - at) * sizeof *u->binds);
	u->binds[at] = *cmd;
	u->binds[at].mode = mode;
	u->binds[at].key = key;
	u->binds[at].keyname = u->names[u->nnames - 1];
	u->nbinds++;
	return 0;
}

static int conf_line(int argc, char **argv, void *arg, char **cause)
{
	struct ui *u = arg;
	if (strcmp(argv[0], "set") == 0)
		return conf_set(u, argc, argv, cause);
	if (strcmp(argv[0], "bind") == 0 || strcmp(argv[0], "unbind") == 0)
		return conf_bind(u, argc, argv, cause);
	*cause = xasprintf("unknown command \"%s\" (set, bind or unbind)", argv[0]);
	return -1;
}

/* The defaults, then the configuration file: 0, or -1 after saying why. */
static int load_config(struct ui *u, const char *explicit_path)
{
	u->prefix_key = PREFIX_KEY_DEFAULT;
	ui_key_name(u->prefix_key, u->prefix_name, sizeof u->prefix_name);
	u->scrollback = TERM_SCROLLBACK_DEFAULT;
	u->show_list = 1;
	u->show_panel = 1;
	u->binds = xreallocarray(NULL, ui_nbindings, sizeof *u->binds);
	memcpy(u->binds, ui_bindings, ui_nbindings * sizeof *u->binds);
	u->nbinds = ui_nbindings;

	const char *path = explicit_path;
	char *dflt = NULL;
	if (path == NULL && getenv("PORTHOLE_CONFIG") && *getenv("PORTHOLE_CONFIG"))
		path = getenv("PORTHOLE_CONFIG");
	if (path == NULL) {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		if (xdg && *xdg == '/')
			dflt = xasprintf("%s/porthole/porthole.conf", xdg);
		else if (home && *home)
			dflt = xasprintf("%s/.config/porthole/porthole.conf", home);
		else
			return 0;
		path = dflt;
	}
	char *cause = NULL;
	int rc = conf_read(path, conf_line, u, &cause);
	if (rc != 0 && dflt != NULL && errno == ENOENT)
		rc = 0; /* the default file is optional */
	else if (rc != 0)
		cli_error("%s", cause);
	free(cause);
	free(dflt);
	return rc;
}

static void free_config(struct ui *u)
{
	for (size_t i = 0; i < u->nnames; i++)
		free(u->names[i]);
	free(u->names);
	free(u->binds);
}

int ui_main(const struct cli_global *g, int argc, char **argv)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the console needs a terminal; for scripts use porthole ls, inspect or exec");
		return 2;
	}
	struct ui u;
	memset(&u, 0, sizeof u);
	if (load_config(&u, g->config) != 0) {
		free_config(&u);
		return 2;
	}
	u.loop = loop_new();
	u.e = pick_engine(g, u.loop);
	if (u.e == NULL) {
		loop_free(u.loop);
		free_config(&u);
		return 1;
	}
	u.focus = FOCUS_LIST;

	signal(SIGPIPE, SIG_IGN);
	if (initscr() == NULL) {
		cli_error("cannot start curses on this terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		return 1;
	}
	curses_on = 1;
	atexit(curses_end);
	xmalloc_set_fatal_hook(curses_end);
	signal(SIGSEGV, fatal_signal);
	signal(SIGABRT, fatal_signal);
	signal(SIGBUS, fatal_signal);
	signal(SIGFPE, fatal_signal);
	signal(SIGILL, fatal_signal);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	if (has_colors()) {
		start_color();
		use_default_colors();
	}
	getmaxyx(stdscr, u.rows, u.cols);

	u.draw_timer = loop_timer_new(u.loop, on_draw_timer, &u);
	u.app = app_new(u.loop, u.e, on_app, &u);
	app_set_scrollback(u.app, u.scrollback);
	relayout(&u);
	loop_fd_add(u.loop, STDIN_FILENO, POLLIN, on_stdin, &u);
	loop_signal(u.loop, SIGWINCH, on_signal, &u);
	loop_signal(u.loop, SIGTERM, on_signal, &u);
	loop_signal(u.loop, SIGHUP, on_signal, &u);
	loop_signal(u.loop, SIGINT, on_signal, &u);
	loop_signal(u.loop, SIGQUIT, on_signal, &u);
	loop_set_idle(u.loop, on_idle, &u);
	draw(&u);
	while (!u.quit)
		if (loop_run_once(u.loop, -1) < 0 && errno != EINTR)
			break;
	curses_end();
	app_free(u.app);
	engine_free(u.e);
	loop_free(u.loop);
	free(u.sel_id);
	free_config(&u);
	if (u.quit_signal) {
		/* Die of the signal, terminal restored, so the caller sees it. */
		signal(u.quit_signal, SIG_DFL);
		raise(u.quit_signal);
	}
	return 0;
}
