/* prompt.c: the prompts' line editor and what submitting does (see
 * prompt.h). */
#include "config.h"
#include "ui/prompt.h"
#include "ui/copy.h"
#include "ui/commands.h"
#include "ui/selection.h"
#include "core/conf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>

void ui_prompt_open(struct ui *u, enum ui_prompt_kind kind, const char *text)
{
	struct ui_prompt *p = &u->prompt;
	p->kind = kind;
	snprintf(p->buf, sizeof p->buf, "%s", text);
	p->len = strlen(p->buf);
	ui_redraw(u, UI_DRAW_STATUS);
}

#define STR_(x) #x
#define STR(x) STR_(x)

const char *ui_prompt_label(enum ui_prompt_kind kind)
{
	switch (kind) {
	case UI_PROMPT_FILTER: return "filter: ";
	case UI_PROMPT_EXEC: return "exec [-u USER] [-w DIR] [-e K=V] CMD: ";
	case UI_PROMPT_COMMAND: return ":";
	case UI_PROMPT_CONFIRM_CLOSE: return "the session is running: stop it and close the tab? (y/n) ";
	case UI_PROMPT_CONFIRM_QUIT: return "sessions are running: stop them (in at most " STR(UI_QUIT_STOP_S) " s) and quit? (y/n) ";
	case UI_PROMPT_CONFIRM_LEAVE: return "sessions are running: quit and leave them running? (y/n) ";
	case UI_PROMPT_COPY: return "";
	case UI_PROMPT_NONE: break;
	}
	return "";
}

int ui_prompt_edits(enum ui_prompt_kind kind)
{
	return kind == UI_PROMPT_FILTER || kind == UI_PROMPT_EXEC || kind == UI_PROMPT_COMMAND ||
	    kind == UI_PROMPT_COPY;
}

void ui_exec_spec_clear(struct session_spec *spec)
{
	free(spec->user);
	free(spec->workdir);
	strv_clear(&spec->cmd);
	strv_clear(&spec->env);
	memset(spec, 0, sizeof *spec);
}

int ui_parse_exec(const char *line, struct session_spec *spec, char **cause)
{
	char **w;
	int n = conf_split(line, &w, cause);
	memset(spec, 0, sizeof *spec);
	if (n < 0)
		return -1;
	int i = 0, rc = 0;
	for (; i < n; i++) {
		const char *o = w[i];
		if ((strcmp(o, "-u") == 0 || strcmp(o, "-w") == 0 || strcmp(o, "-e") == 0) && i + 1 < n) {
			const char *v = w[++i];
			char **dst = o[1] == 'u' ? &spec->user : o[1] == 'w' ? &spec->workdir : NULL;
			if (dst) {
				free(*dst);
				*dst = xstrdup(v);
			} else if (strchr(v, '=') && v[0] != '=') {
				strv_push(&spec->env, v);
			} else {
				*cause = xasprintf("bad -e \"%s\": expected KEY=VALUE", v);
				rc = -1;
				break;
			}
		} else {
			if (strcmp(o, "--") == 0)
				i++;
			break;
		}
	}
	for (; rc == 0 && i < n; i++)
		strv_push(&spec->cmd, w[i]);
	conf_words_free(n, w);
	if (rc != 0)
		ui_exec_spec_clear(spec);
	return rc;
}

static void submit_exec(struct ui *u, const char *line)
{
	struct session_spec spec;
	char *cause = NULL;
	if (ui_parse_exec(line, &spec, &cause) != 0) {
		app_set_message(u->app, "%s", cause);
		free(cause);
		return;
	}
	const struct ctr *c = ui_selected(u);
	if (c == NULL || !ctr_running(c))
		app_set_message(u->app, "the container is no longer running");
	else
		ui_open_tab(u, c, &spec);
	ui_exec_spec_clear(&spec);
}

/* A configuration line typed at the prompt takes effect now: what it
 * changed is applied to the state. */
static int run_config_line(struct ui *u, int argc, char **argv, char **cause)
{
	if (ui_config_line(&u->conf, argc, argv, cause) != 0)
		return -1;
	const char *what = strcmp(argv[0], "set") == 0 ? argv[1] : "";
	if (strcmp(what, "scrollback") == 0)
		app_set_scrollback(u->app, u->conf.scrollback);
	if (strcmp(what, "audit-log") == 0)
		app_set_audit_log(u->app, u->conf.audit_log);
	if (strcmp(what, "panel") == 0 || strcmp(what, "list") == 0) {
		u->show_panel = u->conf.show_panel;
		u->show_list = u->conf.show_list;
		if (!u->show_list)
			u->focus = UI_FOCUS_TERM;
		ui_relayout(u);
	}
	ui_redraw(u, UI_DRAW_STATUS);
	return 0;
}

int ui_run_line(struct ui *u, const char *line, char **cause)
{
	char **w;
	int n = conf_split(line, &w, cause);
	if (n <= 0)
		return n;
	int rc = ui_config_is_line(w[0]) ? run_config_line(u, n, w, cause) : ui_command_run(u, n, w, cause);
	conf_words_free(n, w);
	return rc;
}

static void submit(struct ui *u)
{
	enum ui_prompt_kind k = u->prompt.kind;
	char *line = xstrdup(u->prompt.buf);
	u->prompt.kind = UI_PROMPT_NONE;
	ui_redraw(u, UI_DRAW_STATUS);
	if (k == UI_PROMPT_FILTER) {
		ui_set_filter(u, line);
	} else if (k == UI_PROMPT_EXEC) {
		submit_exec(u, line);
	} else if (k == UI_PROMPT_COPY) {
		ui_copy_prompt_done(u, line);
	} else if (k == UI_PROMPT_COMMAND) {
		char *cause = NULL;
		if (ui_run_line(u, line, &cause) != 0) {
			app_set_message(u->app, "%s", cause);
			free(cause);
		}
	}
	free(line);
}

static void answer(struct ui *u, int yes)
{
	enum ui_prompt_kind k = u->prompt.kind;
	u->prompt.kind = UI_PROMPT_NONE;
	ui_redraw(u, UI_DRAW_STATUS);
	if (!yes)
		return;
	if (k == UI_PROMPT_CONFIRM_QUIT || k == UI_PROMPT_CONFIRM_LEAVE)
		u->quit = 1;
	else
		ui_close_tab(u, u->prompt.tab);
}

void ui_prompt_key(struct ui *u, int is_key, wint_t k)
{
	struct ui_prompt *p = &u->prompt;
	if (!ui_prompt_edits(p->kind)) {
		answer(u, !is_key && (k == 'y' || k == 'Y'));
		return;
	}
	ui_redraw(u, UI_DRAW_STATUS);
	if (!is_key && (k == '\r' || k == '\n')) {
		submit(u);
	} else if (!is_key && k == 27) {
		p->kind = UI_PROMPT_NONE;
	} else if ((is_key && k == KEY_BACKSPACE) || (!is_key && (k == 127 || k == 8))) {
		while (p->len > 0 && ((unsigned char)p->buf[p->len - 1] & 0xc0) == 0x80)
			p->len--;
		if (p->len > 0)
			p->len--;
		p->buf[p->len] = '\0';
	} else if (!is_key && k == 21) { /* C-u */
		p->len = 0;
		p->buf[0] = '\0';
	} else if (!is_key && k >= 0x20 && k != 0x7f) {
		char enc[4];
		int n = utf8_encode((uint32_t)k, enc);
		if (p->len + (size_t)n < sizeof p->buf - 1) {
			memcpy(p->buf + p->len, enc, (size_t)n);
			p->len += (size_t)n;
			p->buf[p->len] = '\0';
		}
	}
}
