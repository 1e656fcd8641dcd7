/* help.c: the help's lines from the key tables, and `porthole help keys`
 * (see help.h and ui.h). */
#include "config.h"
#include "ui/help.h"
#include "ui/commands.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void add(struct help_text *t, char *text, int heading)
{
	t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
	t->v[t->n].text = text;
	t->v[t->n].heading = heading;
	t->n++;
}

/* What the mouse does (ui/mouse.h), after the key tables. */
static const char *const mouse_lines[][2] = {
	{ "wheel", "over the pane: copy mode, 5 lines a turn (down to the bottom leaves)" },
	{ "drag", "select in copy mode; the release copies to a paste buffer" },
	{ "click", "a tab or a container selects it; the pane takes the keys" },
	{ "program", "one that asked for the mouse gets it over its pane, mouse on or off" },
};

void help_text_build(const struct ui_config *c, struct help_text *out)
{
	char pfx[16];
	ui_key_name(c->prefix_key, pfx, sizeof pfx);
	memset(out, 0, sizeof *out);
	for (int m = 0; m < UI_NMODES; m++) {
		const struct ui_keytable *t = &c->binds.mode[m];
		if (m == UI_MODE_LIST)
			add(out, xstrdup("list"), 1);
		else if (m == UI_MODE_PREFIX)
			add(out, xasprintf("terminal (after the prefix %s)", pfx), 1);
		else if (m == UI_MODE_LOGS)
			add(out, xstrdup("logs tab"), 1);
		else
			add(out, xstrdup("scroll mode"), 1);
		for (size_t i = 0; i < t->n;) {
			size_t n = bindings_group(t, i);
			char *keys = bindings_keys_text(&t->v[i], n, c->prefix_key);
			char *shown = m == UI_MODE_PREFIX ? xasprintf("%s %s", pfx, keys) : xstrdup(keys);
			add(out, xasprintf("  %-9s %s", shown, t->v[i].cmd->help), 0);
			free(shown);
			free(keys);
			i += n;
		}
	}
	add(out, xasprintf("mouse (set mouse on|off: %s)", c->mouse ? "on" : "off"), 1);
	for (size_t i = 0; i < sizeof mouse_lines / sizeof mouse_lines[0]; i++)
		add(out, xasprintf("  %-9s %s", mouse_lines[i][0], mouse_lines[i][1]), 0);
}

void help_text_clear(struct help_text *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->v[i].text);
	free(t->v);
	t->v = NULL;
	t->n = 0;
}

int ui_print_keys(FILE *out, const char *config_path, char **cause)
{
	struct ui_config c;
	if (ui_config_load(&c, config_path, cause) != 0) {
		ui_config_clear(&c);
		return -1;
	}
	struct help_text t;
	help_text_build(&c, &t);
	for (size_t i = 0; i < t.n; i++)
		fprintf(out, "%s\n", t.v[i].text);
	help_text_clear(&t);
	ui_config_clear(&c);
	if (fflush(out) != 0 || ferror(out)) {
		*cause = xstrdup("cannot write the key table");
		return -1;
	}
	return 0;
}
