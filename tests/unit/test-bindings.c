/* test-bindings.c: the console's key tables (ui/bindings.c), the
 * configuration's lines over them (ui/config.c), and what is made from
 * them: the help's lines, the status line's key hints, the empty pane's
 * hint and `porthole help keys` (ui_print_keys). No terminal, no engine. */
#include "config.h"
#include "ui/bindings.h"
#include "ui/commands.h"
#include "ui/config.h"
#include "ui/help.h"
#include "ui/hints.h"
#include "ui/keys.h"
#include "ui/ui.h"
#include "core/conf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <curses.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* One configuration line: 0 or -1, the cause (if any) into *why. */
static int line(struct ui_config *c, const char *text, char **why)
{
	char **argv;
	*why = NULL;
	int argc = conf_split(text, &argv, why);
	if (argc <= 0)
		return -1;
	int rc = ui_config_line(c, argc, argv, why);
	conf_words_free(argc, argv);
	return rc;
}

static int line_ok(struct ui_config *c, const char *text)
{
	char *why;
	int rc = line(c, text, &why);
	if (rc != 0)
		diag("%s: %s", text, why);
	free(why);
	return rc == 0;
}

/* The cause of a refused line ("" when it was taken). */
static char *refused(struct ui_config *c, const char *text)
{
	char *why;
	if (line(c, text, &why) == 0)
		return xstrdup("");
	return why;
}

static const char *cmd_at(const struct ui_config *c, enum ui_mode m, int key)
{
	const struct ui_binding *b = bindings_find(&c->binds, m, key, c->prefix_key);
	return b ? b->argv[0] : "(none)";
}

static char *joined(const struct strv *v)
{
	return v->n ? strv_join(v, "  ") : xstrdup("");
}

static char *status_hints(const struct ui_config *c, int prefix, int scroll, enum ui_focus focus)
{
	struct ui u;
	memset(&u, 0, sizeof u);
	u.conf = *c;
	u.prefix = prefix;
	u.scroll = scroll;
	u.focus = focus;
	struct strv h = { 0 };
	hints_status(&u, &h);
	char *s = joined(&h);
	strv_clear(&h);
	return s;
}

static int help_has(const struct ui_config *c, const char *text)
{
	struct help_text t;
	help_text_build(c, &t);
	int found = 0;
	for (size_t i = 0; i < t.n; i++)
		found |= strcmp(t.v[i].text, text) == 0;
	help_text_clear(&t);
	return found;
}

int main(void)
{
	struct ui_config c;
	ui_config_init(&c);

	/* The defaults. */
	int named = 1;
	size_t total = 0;
	for (int m = 0; m < UI_NMODES; m++)
		for (size_t i = 0; i < c.binds.mode[m].n; i++, total++)
			named &= c.binds.mode[m].v[i].cmd == ui_command_find(c.binds.mode[m].v[i].argv[0]);
	ok(named && total > 30, "every default binding (%zu) runs a command of the table", total);
	is_str(cmd_at(&c, UI_MODE_LIST, 'q'), "quit", "list q quits");
	is_str(cmd_at(&c, UI_MODE_LIST, KEY_DOWN), "down", "list Down moves down");
	is_str(cmd_at(&c, UI_MODE_LIST, '\n'), "shell", "list Enter opens a shell");
	is_str(cmd_at(&c, UI_MODE_PREFIX, ':'), "command-prompt", "prefix : opens the command prompt");
	is_str(cmd_at(&c, UI_MODE_PREFIX, 2), "send-prefix", "prefix C-b sends the prefix");
	is_str(cmd_at(&c, UI_MODE_SCROLL, 27), "leave", "scroll Esc leaves");
	is_str(cmd_at(&c, UI_MODE_LIST, 'x'), "(none)", "list x is not bound");
	is_str(cmd_at(&c, UI_MODE_LIST, 'l'), "logs", "list l opens a logs tab");
	is_str(cmd_at(&c, UI_MODE_LOGS, 't'), "logs-timestamps", "logs t toggles the timestamps");
	is_str(cmd_at(&c, UI_MODE_LOGS, KEY_PPAGE), "scroll-page-up", "logs PgUp scrolls back");
	is_str(cmd_at(&c, UI_MODE_LOGS, '\t'), "focus-list", "logs Tab goes back to the list");
	const struct ui_binding *b5 = bindings_find(&c.binds, UI_MODE_PREFIX, '5', c.prefix_key);
	ok(b5 && b5->argc == 2 && strcmp(b5->argv[1], "5") == 0, "prefix 5 is select-tab with the argument 5");
	is_int(ui_key_parse("Prefix"), UI_KEY_PREFIX, "\"Prefix\" names the prefix key in a table");

	/* Hints and help from the defaults. */
	char *s = status_hints(&c, 0, 0, UI_FOCUS_LIST);
	is_str(s, "Enter shell  e exec  l logs  i panel  / filter  Tab term  ? help  q quit", "the list's hints");
	free(s);
	s = status_hints(&c, 0, 0, UI_FOCUS_TERM);
	is_str(s, "C-b: prefix  C-b l list  C-b ? help", "a terminal's hints");
	free(s);
	s = status_hints(&c, 1, 0, UI_FOCUS_TERM);
	is_str(s, "prefix:  n  p  0-9  c  x  r  l  L  i  [  ]  =  :  S  M  ?  q  E", "after the prefix: its keys");
	free(s);
	s = status_hints(&c, 0, 1, UI_FOCUS_TERM);
	is_str(s, "scroll:  PgUp  PgDn  Up  Down  g  q", "scroll mode: a key per command");
	free(s);
	s = hints_empty_pane(&c);
	is_str(s, "Select a container and press Enter for a shell, e for a command, ? for help.", "the empty pane's hint");
	free(s);
	ok(help_has(&c, "  Down/j    select the next container"), "help: adjacent keys of a command share a line");
	ok(help_has(&c, "  C-b 0-9   select tab N"), "help: the digits as a range");
	ok(help_has(&c, "  C-b C-b   send the prefix key itself"), "help: the prefix key itself");
	ok(help_has(&c, "terminal (after the prefix C-b)"), "help: the prefix mode's heading");
	ok(help_has(&c, "mouse (set mouse on|off: off)"), "help: the mouse, off by default");
	ok(help_has(&c, "  drag      select in copy mode; the release copies to a paste buffer"),
	    "help: what a drag does");
	{
		char *words[] = { "set", "mouse", "on" }, *why = NULL;
		ok(ui_config_line(&c, 3, words, &why) == 0 && c.mouse == 1, "set mouse on");
		ok(help_has(&c, "mouse (set mouse on|off: on)"), "help: the mouse says it is on");
		words[2] = "maybe";
		ok(ui_config_line(&c, 3, words, &why) != 0 && why && strstr(why, "give on or off"), "set mouse maybe: an error");
		free(why);
		words[2] = "off";
		why = NULL;
		ok(ui_config_line(&c, 3, words, &why) == 0 && c.mouse == 0, "set mouse off");
	}

	/* The configuration's lines. */
	ok(line_ok(&c, "unbind list q") && line_ok(&c, "bind list Q quit"), "unbind list q, bind list Q quit");
	is_str(cmd_at(&c, UI_MODE_LIST, 'q'), "(none)", "q is unbound");
	is_str(cmd_at(&c, UI_MODE_LIST, 'Q'), "quit", "Q quits");
	s = status_hints(&c, 0, 0, UI_FOCUS_LIST);
	ok(strstr(s, "Q quit") != NULL && strstr(s, "q quit") == NULL, "the hint follows: Q quit (%s)", s);
	free(s);
	ok(help_has(&c, "  Q         quit (asks while sessions run)"), "and so does the help");
	ok(line_ok(&c, "unbind list e"), "unbind list e");
	s = hints_empty_pane(&c);
	is_str(s, "Select a container and press Enter for a shell, ? for help.", "an unbound command leaves the hint");
	free(s);
	ok(line_ok(&c, "set prefix C-a"), "set prefix C-a");
	is_str(cmd_at(&c, UI_MODE_PREFIX, 1), "send-prefix", "the prefix's own binding follows it");
	is_str(cmd_at(&c, UI_MODE_PREFIX, 2), "(none)", "and leaves C-b");
	s = status_hints(&c, 0, 0, UI_FOCUS_TERM);
	is_str(s, "C-a: prefix  C-a l list  C-a ? help", "the terminal's hints name C-a");
	free(s);
	ok(line_ok(&c, "bind prefix t next-tab"), "bind prefix t next-tab");
	ok(help_has(&c, "  C-a t     next tab"), "the help shows it");
	ok(line_ok(&c, "bind prefix F5 select-tab 12"), "a command with its argument");
	const struct ui_binding *bf = bindings_find(&c.binds, UI_MODE_PREFIX, KEY_F(5), c.prefix_key);
	ok(bf && bf->argc == 2 && strcmp(bf->argv[1], "12") == 0, "is bound with it");
	ok(line_ok(&c, "bind prefix 7 select-tab"), "select-tab on a digit without a number takes the digit");
	const struct ui_binding *b7 = bindings_find(&c.binds, UI_MODE_PREFIX, '7', c.prefix_key);
	ok(b7 && b7->argc == 2 && strcmp(b7->argv[1], "7") == 0, "(select-tab 7)");
	ok(line_ok(&c, "bind list n next-tab") && strcmp(cmd_at(&c, UI_MODE_LIST, 'n'), "next-tab") == 0,
	    "any command binds in any mode");
	ok(line_ok(&c, "unbind prefix C-a"), "unbind prefix C-a unbinds the prefix's own binding");
	is_str(cmd_at(&c, UI_MODE_PREFIX, 1), "(none)", "(gone)");
	is_int(c.logs_tail, 1000, "logs tabs show the last 1000 lines at first");
	ok(line_ok(&c, "set logs-tail 50") && c.logs_tail == 50, "set logs-tail 50");
	ok(line_ok(&c, "set logs-tail all") && c.logs_tail == -1, "set logs-tail all");
	ok(line_ok(&c, "set logs-timestamps on") && c.logs_timestamps == 1, "set logs-timestamps on");
	ok(line_ok(&c, "set logs-stderr-prefix 'E| '") && strcmp(c.logs_stderr_prefix, "E| ") == 0,
	    "set logs-stderr-prefix 'E| '");
	ok(line_ok(&c, "bind logs r logs-timestamps") && strcmp(cmd_at(&c, UI_MODE_LOGS, 'r'), "logs-timestamps") == 0,
	    "bind logs r logs-timestamps");

	struct {
		const char *line, *cause;
	} bad[] = {
		{ "bind list q no-such-command", "unknown command \"no-such-command\"" },
		{ "bind prefix t select-tab", "usage: select-tab N" },
		{ "bind prefix t select-tab x", "select-tab: \"x\" is not a number 0 to 99" },
		{ "bind list q quit now", "quit takes no arguments" },
		{ "bind nowhere q quit", "unknown mode \"nowhere\"" },
		{ "bind list Ctrl-q quit", "unknown key \"Ctrl-q\"" },
		{ "unbind list z", "z is not bound in list mode" },
		{ "set prefix Prefix", "bad prefix \"Prefix\"" },
		{ "set frob 1", "unknown setting \"frob\"" },
		{ "set logs-tail -3", "bad logs-tail \"-3\"" },
		{ "set logs-timestamps maybe", "bad logs-timestamps \"maybe\": give on or off" },
		{ "set logs-stderr-prefix 0123456789012345678901234567890123", "logs-stderr-prefix is too long" },
		{ "frob", "unknown command \"frob\" (set, bind or unbind)" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *why = refused(&c, bad[i].line);
		ok(strncmp(why, bad[i].cause, strlen(bad[i].cause)) == 0, "\"%s\" is refused: %s", bad[i].line, why);
		free(why);
	}
	ui_config_clear(&c);

	/* porthole help keys: the same lines from a file. */
	char path[] = "/tmp/ph-test-bindings-XXXXXX";
	int fd = mkstemp(path);
	const char *conf = "unbind list q\nbind list Q quit\nset prefix C-x\n";
	ok(fd >= 0 && write(fd, conf, strlen(conf)) == (ssize_t)strlen(conf), "a configuration file");
	close(fd);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	char *cause = NULL;
	is_int(ui_print_keys(out, path, &cause), 0, "ui_print_keys reads it");
	fclose(out);
	ok(text && strstr(text, "\n  Q         quit (asks while sessions run)\n") != NULL, "and prints Q quit");
	ok(text && strstr(text, "  q         quit") == NULL, "not q");
	ok(text && strstr(text, "terminal (after the prefix C-x)\n  C-x n     next tab\n") != NULL, "with the prefix C-x");
	ok(text && strncmp(text, "list\n  Down/j    select the next container\n", 42) == 0, "from the list's heading on");
	free(text);
	unlink(path);
	out = open_memstream(&text, &len);
	cause = NULL;
	is_int(ui_print_keys(out, path, &cause), -1, "a missing file is an error");
	ok(cause && strstr(cause, "No such file") != NULL, "saying so (%s)", cause ? cause : "");
	fclose(out);
	free(text);
	free(cause);
	return done_testing();
}
