/* copy.c: copy mode in the console and the paste buffers (see copy.h). */
#include "config.h"
#include "ui/copy.h"
#include "ui/prompt.h"
#include "session/copymode.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct copymode *ui_copy_current(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	if (u->copy && (s == NULL || session_term(s) != u->copy_term))
		ui_copy_leave(u); /* its tab is gone or another shows */
	return u->copy;
}

int ui_copy_enter(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	if (s == NULL) {
		app_set_message(u->app, "no tab: copy mode works on a tab's screen and scrollback");
		return -1;
	}
	if (u->copy)
		ui_copy_leave(u);
	u->copy_term = session_term(s);
	u->copy = copymode_new(u->copy_term);
	u->scroll = 0;
	u->focus = UI_FOCUS_TERM; /* its keys are the pane's */
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS | UI_DRAW_TABS);
	return 0;
}

void ui_copy_leave(struct ui *u)
{
	if (u->copy == NULL)
		return;
	copymode_free(u->copy);
	u->copy = NULL;
	u->copy_esc = 0;
	u->copy_wheel = 0;
	struct session *s = app_current_session(u->app);
	if (s && session_term(s) == u->copy_term)
		term_view_reset(u->copy_term);
	u->copy_term = NULL;
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS | UI_DRAW_TABS);
}

void ui_copy_resize_begin(struct ui *u)
{
	if (ui_copy_current(u))
		copymode_resize_begin(u->copy);
}

void ui_copy_resize_end(struct ui *u)
{
	if (u->copy == NULL)
		return;
	copymode_resize_end(u->copy);
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

/* The key's name as the copy-mode tables write it (tmux's). */
static int copy_key_name(int is_key, wint_t k, int meta, char *out, size_t size)
{
	if (meta) {
		/* Escape then a key, read together: Meta and that key. */
		if (size < 3 || copy_key_name(is_key, k, 0, out + 2, size - 2) != 0)
			return -1;
		memcpy(out, "M-", 2);
		return 0;
	}
	static const struct { int code; const char *name; } keys[] = {
		{ KEY_UP, "Up" }, { KEY_DOWN, "Down" }, { KEY_LEFT, "Left" }, { KEY_RIGHT, "Right" },
		{ KEY_NPAGE, "NPage" }, { KEY_PPAGE, "PPage" }, { KEY_HOME, "Home" }, { KEY_END, "End" },
		{ KEY_BACKSPACE, "BSpace" }, { KEY_ENTER, "Enter" },
	};
	if (is_key) {
		for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
			if (keys[i].code == (int)k) {
				snprintf(out, size, "%s", keys[i].name);
				return 0;
			}
		return -1;
	}
	if (k == '\r' || k == '\n')
		snprintf(out, size, "Enter");
	else if (k == 27)
		snprintf(out, size, "Escape");
	else if (k == ' ')
		snprintf(out, size, "Space");
	else if (k == 0)
		snprintf(out, size, "C-Space");
	else if (k == 127 || k == 8)
		snprintf(out, size, "BSpace");
	else if (k < 0x20)
		snprintf(out, size, "C-%c", (char)('a' + k - 1));
	else {
		char b[5];
		int n = utf8_encode((uint32_t)k, b);
		b[n] = '\0';
		snprintf(out, size, "%s", b);
	}
	return 0;
}

/* OSC 52: the outer terminal's clipboard (xterm, tmux with set-clipboard,
 * most emulators). Invisible on screen, so it goes straight to the
 * terminal beside curses' output. */
static void set_clipboard(const char *text)
{
	struct buf b;
	buf_init(&b);
	buf_adds(&b, "\033]52;c;");
	base64_encode(text, strlen(text), &b);
	buf_adds(&b, "\a");
	fflush(stdout);
	buf_write_all(&b, STDOUT_FILENO);
	buf_free(&b);
}

/* After a command: what it copied goes to the buffers; a search says what
 * it found; leaving leaves. */
static void after(struct ui *u, const char *cmd, int rc)
{
	char *text = copymode_take_copy(u->copy);
	if (text) {
		ui_buffer_add(u, text);
		if (u->conf.clipboard)
			set_clipboard(text);
		app_set_message(u->app, "copied %zu bytes to buffer 0 (C-b ] pastes it)%s", strlen(text),
		    u->conf.clipboard ? " and to the clipboard" : "");
		free(text);
	}
	if (strncmp(cmd, "search-", 7) == 0) {
		struct copymode_search_info si;
		copymode_search_info(u->copy, &si);
		if (rc == COPYMODE_NOTFOUND || si.count == 0)
			app_set_message(u->app, "not found");
		else
			app_set_message(u->app, "match %d of %d%s", si.index, si.count, si.wrapped ? " (wrapped)" : "");
	} else if (rc == COPYMODE_BADARG) {
		app_set_message(u->app, "%s: bad argument", cmd);
	}
	if (rc == COPYMODE_EXIT)
		ui_copy_leave(u);
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

int ui_copy_command(struct ui *u, const char *name)
{
	if (ui_copy_current(u) == NULL)
		return COPYMODE_EXIT;
	int rc = copymode_run(u->copy, name, NULL);
	after(u, name, rc);
	return rc;
}

static void run_key(struct ui *u, int is_key, wint_t k, int meta)
{
	char name[24];
	enum copymode_keys which = u->conf.mode_keys_emacs ? COPYMODE_KEYS_EMACS : COPYMODE_KEYS_VI;
	const struct copymode_key *b = copy_key_name(is_key, k, meta, name, sizeof name) == 0 ?
	    copymode_key_lookup(which, name) : NULL;
	if (b == NULL)
		return; /* unbound, as in tmux */
	if (b->prompt) {
		snprintf(u->copy_cmd, sizeof u->copy_cmd, "%s", b->command);
		snprintf(u->copy_label, sizeof u->copy_label, "%s ", b->prompt);
		ui_prompt_open(u, UI_PROMPT_COPY, "");
		return;
	}
	after(u, b->command, copymode_run(u->copy, b->command, NULL));
}

/* An Escape waits for the next key of the same read (ui_copy_flush()):
 * with one, the pair is Meta and that key (M-w), as a terminal sends it. */
void ui_copy_key(struct ui *u, int is_key, wint_t k)
{
	if (ui_copy_current(u) == NULL)
		return;
	if (u->copy_esc) {
		u->copy_esc = 0;
		if (is_key || k != 27) {
			run_key(u, is_key, k, 1);
			return;
		}
		run_key(u, 0, 27, 0);
		if (u->copy == NULL)
			return;
	}
	if (!is_key && k == 27) {
		u->copy_esc = 1;
		return;
	}
	run_key(u, is_key, k, 0);
}

void ui_copy_flush(struct ui *u)
{
	if (u->copy_esc) {
		u->copy_esc = 0;
		if (ui_copy_current(u))
			run_key(u, 0, 27, 0);
	}
}

void ui_copy_prompt_done(struct ui *u, const char *line)
{
	if (ui_copy_current(u) == NULL || !*line)
		return;
	after(u, u->copy_cmd, copymode_run(u->copy, u->copy_cmd, line));
}

/* ---- paste buffers ---- */

void ui_buffer_add(struct ui *u, const char *text) { paste_buffers_add(&u->buffers, text); }
const char *ui_buffer(const struct ui *u, size_t i) { return paste_buffers_get(&u->buffers, i); }
size_t ui_buffer_count(const struct ui *u) { return u->buffers.n; }
void ui_buffers_clear(struct ui *u) { paste_buffers_clear(&u->buffers); }
