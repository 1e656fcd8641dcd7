/* input.c: keys to commands through the mode in force, or to the focused
 * session, and mouse reports to ui/mouse.c (see input.h). */
#include "config.h"
#include "ui/input.h"
#include "ui/bindings.h"
#include "ui/commands.h"
#include "ui/copy.h"
#include "ui/help.h"
#include "ui/keys.h"
#include "ui/mouse.h"
#include "ui/prompt.h"
#include <curses.h>
#include <stdlib.h>

int ui_input_term_key(int code, int *mods)
{
	*mods = 0;
	switch (code) {
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
	if (code >= KEY_F(1) && code <= KEY_F(24))
		return TERM_KEY_F(code - KEY_F(0));
	return TERM_KEY_NONE;
}

static void to_session(struct session *s, int is_key, wint_t k)
{
	if (is_key) {
		int mods, tk = ui_input_term_key((int)k, &mods);
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

/* Run key's binding in mode; 0 when the key has none. Characters from
 * KEY_MIN up are not key names: they never match a KEY_* code. */
static int run_binding(struct ui *u, enum ui_mode mode, int is_key, wint_t k)
{
	int key = !is_key && k >= KEY_MIN ? -1 : (int)k;
	const struct ui_binding *b = bindings_find(&u->conf.binds, mode, key, u->conf.prefix_key);
	if (b == NULL)
		return 0;
	char *cause = NULL;
	if (ui_command_run(u, b->argc, b->argv, &cause) != 0) {
		app_set_message(u->app, "%s", cause);
		free(cause);
	}
	ui_redraw(u, UI_DRAW_CHROME);
	return 1;
}

void ui_input_key(struct ui *u, int is_key, wint_t k)
{
	if (ui_mouse_input(u, is_key, k))
		return; /* a mouse report, or a byte of one */
	if (is_key && k == KEY_RESIZE)
		return; /* SIGWINCH does it */
	if (is_key && k == KEY_ENTER) {
		is_key = 0; /* the keypad's Enter is Enter */
		k = '\n';
	}
	if (u->help) {
		/* Taller than the screen (draw-help.c's box: the screen less a
		 * row, less its title), it scrolls; any other key closes it. */
		struct help_text t;
		help_text_build(&u->conf, &t);
		long most = (long)t.n - (u->rows - 2);
		help_text_clear(&t);
		int page = u->rows > 4 ? u->rows - 4 : 1, d = 0;
		if (most > 0 && is_key)
			d = k == KEY_DOWN ? 1 : k == KEY_UP ? -1 : k == KEY_NPAGE ? page : k == KEY_PPAGE ? -page :
			    k == KEY_HOME ? -(1 << 20) : k == KEY_END ? 1 << 20 : 0;
		else if (most > 0)
			d = k == 'j' ? 1 : k == 'k' ? -1 : k == 'g' ? -(1 << 20) :
			    k == 'G' ? 1 << 20 : 0;
		if (d != 0) {
			long top = (long)u->help_top + d;
			u->help_top = top > most ? (int)most : top < 0 ? 0 : (int)top;
		} else {
			u->help = 0;
			u->help_top = 0;
		}
		ui_redraw(u, UI_DRAW_ALL);
		return;
	}
	if (u->prompt.kind != UI_PROMPT_NONE) {
		ui_prompt_key(u, is_key, k);
		return;
	}
	if (u->prefix) {
		u->prefix = 0;
		ui_redraw(u, UI_DRAW_STATUS);
		if (!run_binding(u, UI_MODE_PREFIX, is_key, k)) {
			char name[16];
			app_set_message(u->app, "unknown prefix key (%s ? for help)",
			    ui_key_name(u->conf.prefix_key, name, sizeof name));
		}
		return;
	}
	if (u->choose) {
		/* choose-buffer's list: j/k move, Enter or a digit pastes. */
		int n = (int)ui_buffer_count(u);
		ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
		if ((is_key && k == KEY_DOWN) || (!is_key && k == 'j')) {
			u->choose_sel += u->choose_sel + 1 < n;
		} else if ((is_key && k == KEY_UP) || (!is_key && k == 'k')) {
			u->choose_sel -= u->choose_sel > 0;
		} else if (!is_key && (k == '\r' || k == '\n' || (k >= '0' && k <= '9' && (int)(k - '0') < n))) {
			u->choose = 0;
			ui_paste_buffer(u, k >= '0' && k <= '9' ? (size_t)(k - '0') : (size_t)u->choose_sel);
		} else {
			u->choose = 0;
		}
		return;
	}
	if (u->focus == UI_FOCUS_TERM && ui_copy_current(u)) {
		/* The prefix works as in tmux: its command runs and copy mode
		 * stays unless the command changes the tab (ui_copy_current()
		 * sees that) or what the pane shows (ui_command_leaves_copy()).
		 * Every other key is copy mode's. */
		if (!is_key && (int)k == u->conf.prefix_key) {
			ui_copy_flush(u);
			u->prefix = 1;
			ui_redraw(u, UI_DRAW_STATUS);
			return;
		}
		ui_copy_key(u, is_key, k);
		return;
	}
	if (u->scroll) {
		run_binding(u, UI_MODE_SCROLL, is_key, k);
		return;
	}
	if (!is_key && (int)k == u->conf.prefix_key) {
		u->prefix = 1;
		ui_redraw(u, UI_DRAW_STATUS);
		return;
	}
	struct session *s = app_current_session(u->app);
	if (u->focus == UI_FOCUS_TERM && s && session_logs(s)) {
		/* A logs tab takes no input: its keys are the console's. */
		if (!is_key && k == '\r')
			k = '\n';
		run_binding(u, UI_MODE_LOGS, is_key, k);
		return;
	}
	if (u->focus == UI_FOCUS_TERM && s) {
		int cur = app_current(u->app);
		if (app_tab_synced(u->app, (size_t)cur)) {
			/* Synchronized: to every tab of the set, the current first. */
			to_session(s, is_key, k);
			for (size_t i = 0; i < app_ntabs(u->app); i++)
				if ((int)i != cur && app_tab_synced(u->app, i))
					to_session(app_tab(u->app, i), is_key, k);
		} else {
			to_session(s, is_key, k);
		}
		/* Typed before the process runs: the tab bar counts what waits. */
		if (session_input_waiting(s) > 0)
			ui_redraw(u, UI_DRAW_TABS);
		return;
	}
	if (!is_key && k == '\r')
		k = '\n';
	run_binding(u, UI_MODE_LIST, is_key, k);
}

void ui_input_flush(struct ui *u)
{
	ui_copy_flush(u);
}
