/* hints.c: key hints from the key tables (see hints.h). */
#include "config.h"
#include "ui/hints.h"
#include "ui/commands.h"
#include "ui/keys.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

/* The commands hinted while the list has the focus, and, after the prefix
 * key, while a terminal has it. */
static const char *const list_hinted[] = { "shell", "exec", "logs", "panel", "filter", "focus-terminal", "help",
	"quit" };
static const char *const term_hinted[] = { "focus-list", "help" };
static const char *const logs_hinted[] = { "logs-timestamps", "focus-list" };

/* "KEY word" for the first key of each named command in mode. */
static void command_hints(const struct ui_config *c, enum ui_mode mode, const char *const *names,
    size_t n, const char *pfx, struct strv *out)
{
	for (size_t i = 0; i < n; i++) {
		const struct ui_binding *b = bindings_first(&c->binds, mode, names[i]);
		if (b == NULL)
			continue;
		char key[16];
		bindings_key_name(b, c->prefix_key, key, sizeof key);
		char *h = xasprintf("%s%s%s %s", pfx ? pfx : "", pfx ? " " : "", key, b->cmd->hint);
		strv_push(out, h);
		free(h);
	}
}

/* "MODE:" then the keys of mode, a group of one command as one. */
static void table_hints(const struct ui_config *c, enum ui_mode mode, const char *skip, int first_only,
    struct strv *out)
{
	const struct ui_keytable *t = &c->binds.mode[mode];
	char *head = xasprintf("%s:", bindings_mode_name(mode));
	strv_push(out, head);
	free(head);
	for (size_t i = 0; i < t->n;) {
		size_t n = bindings_group(t, i);
		if (skip == NULL || strcmp(t->v[i].argv[0], skip) != 0) {
			char *keys = bindings_keys_text(&t->v[i], first_only ? 1 : n, c->prefix_key);
			strv_push(out, keys);
			free(keys);
		}
		i += n;
	}
}

void hints_status(const struct ui *u, struct strv *out)
{
	const struct ui_config *c = &u->conf;
	char pfx[16];
	ui_key_name(c->prefix_key, pfx, sizeof pfx);
	if (u->prefix) {
		table_hints(c, UI_MODE_PREFIX, "send-prefix", 0, out);
	} else if (u->scroll) {
		table_hints(c, UI_MODE_SCROLL, NULL, 1, out);
	} else if (u->focus == UI_FOCUS_TERM && u->app && app_current_session(u->app) &&
	    session_logs(app_current_session(u->app))) {
		command_hints(c, UI_MODE_LOGS, logs_hinted, sizeof logs_hinted / sizeof logs_hinted[0], NULL, out);
		char *h = xasprintf("%s: prefix", pfx);
		strv_push(out, h);
		free(h);
		command_hints(c, UI_MODE_PREFIX, term_hinted + 1, 1, pfx, out);
	} else if (u->focus == UI_FOCUS_TERM) {
		char *h = xasprintf("%s: prefix", pfx);
		strv_push(out, h);
		free(h);
		command_hints(c, UI_MODE_PREFIX, term_hinted, sizeof term_hinted / sizeof term_hinted[0], pfx, out);
	} else {
		command_hints(c, UI_MODE_LIST, list_hinted, sizeof list_hinted / sizeof list_hinted[0], NULL, out);
	}
}

char *hints_empty_pane(const struct ui_config *c)
{
	static const struct { const char *cmd, *what; } parts[] = {
		{ "shell", "for a shell" }, { "exec", "for a command" }, { "help", "for help" },
	};
	struct buf b;
	buf_init(&b);
	size_t shown = 0;
	buf_addf(&b, "Select a container");
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		const struct ui_binding *bd = bindings_first(&c->binds, UI_MODE_LIST, parts[i].cmd);
		if (bd == NULL)
			continue;
		char key[16];
		bindings_key_name(bd, c->prefix_key, key, sizeof key);
		buf_addf(&b, "%s%s %s", shown == 0 ? " and press " : ", ", key,
		    parts[i].what);
		shown++;
	}
	buf_add(&b, ".", 1);
	char *s = xstrdup(buf_ptr(&b));
	buf_free(&b);
	return s;
}
