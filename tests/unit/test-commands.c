/* test-commands.c: the console's commands run by name, by key and from the
 * command prompt on a console state built without a screen (ui/commands.c,
 * ui/input.c, ui/prompt.c), over an app whose engine is not there; the exec
 * line's words, the status line's text and the word wrap. No terminal, no
 * engine. */
#include "config.h"
#include "ui/commands.h"
#include "ui/input.h"
#include "ui/prompt.h"
#include "ui/state.h"
#include "ui/status.h"
#include "ui/text.h"
#include "core/conf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <curses.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

static void changed(struct app *a, int what, void *arg)
{
	(void)a, (void)what, (void)arg;
}

/* Run a command line by name: 0 or -1, with the cause into *why. */
static int run(struct ui *u, const char *line, char **why)
{
	char **argv;
	*why = NULL;
	int argc = conf_split(line, &argv, why);
	int rc = ui_command_run(u, argc, argv, why);
	conf_words_free(argc, argv);
	return rc;
}

static int run_ok(struct ui *u, const char *line)
{
	char *why;
	int rc = run(u, line, &why);
	if (rc != 0)
		diag("%s: %s", line, why);
	free(why);
	return rc == 0;
}

static void keys(struct ui *u, const char *text)
{
	for (const char *p = text; *p; p++)
		ui_input_key(u, 0, (wint_t)(unsigned char)*p);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	struct loop *loop = loop_new();
	struct endpoint_opts o = { "unix:///nonexistent/ph-test-commands.sock", 0, 0, NULL, NULL };
	struct endpoint *eps;
	size_t neps;
	char *cause = NULL;
	if (endpoint_candidates(&o, getenv, &eps, &neps, &cause) != 0 || neps == 0) {
		diag("%s", cause ? cause : "no endpoint");
		return 1;
	}
	struct engine *e = engine_new(loop, &eps[0]);
	struct app *app = app_new(loop, e, changed, NULL);
	struct ui_config conf;
	ui_config_init(&conf);
	struct ui u;
	ui_state_init(&u, app, &conf, 40, 160);
	ok(u.show_panel && u.show_list && u.focus == UI_FOCUS_LIST, "a state from the defaults: panel, list, list focus");
	ok(u.lay.pane.w > 0 && u.lay.pane.h == 38, "its layout gives the pane %dx%d", u.lay.pane.h, u.lay.pane.w);

	/* By name. */
	ok(run_ok(&u, "panel") && !u.show_panel, "panel hides the panel");
	int w = u.lay.pane.w;
	ok(run_ok(&u, "panel") && u.show_panel && u.lay.pane.w < w, "and shows it again (the pane narrows)");
	ok(run_ok(&u, "toggle-list") && !u.show_list && u.focus == UI_FOCUS_TERM, "toggle-list hides the list, focus to the terminal");
	ok(run_ok(&u, "focus-list") && u.show_list && u.focus == UI_FOCUS_LIST, "focus-list shows it and focuses it");
	ok(run_ok(&u, "focus-terminal") && u.focus == UI_FOCUS_LIST, "focus-terminal without a tab stays");
	is_str(app_message(app), "no tab open: Enter opens a shell", "and says why");
	ok(run_ok(&u, "shell"), "shell without a selection");
	is_str(app_message(app), "no container selected", "says so");
	ok(run_ok(&u, "help") && u.help, "help shows the help");
	u.help = 0;
	ok(run_ok(&u, "select-tab 3") && app_current(app) == -1, "select-tab 3 without tabs does nothing");
	ok(run_ok(&u, "scroll") && !u.scroll, "scroll without a tab does nothing");
	char *why;
	ok(run(&u, "select-tab", &why) == -1 && strcmp(why, "usage: select-tab N") == 0, "select-tab needs its number");
	free(why);
	ok(run(&u, "panel now", &why) == -1 && strcmp(why, "panel takes no arguments") == 0, "panel takes none");
	free(why);
	ok(run(&u, "frobnicate", &why) == -1 && strcmp(why, "unknown command \"frobnicate\"") == 0, "an unknown name");
	free(why);
	int all_found = 1;
	for (size_t i = 0; i < ui_command_count(); i++)
		all_found &= ui_command_find(ui_command_at(i)->name) == ui_command_at(i) && ui_command_at(i)->help;
	ok(all_found && ui_command_count() >= 26, "every command (%zu) is found by its name and has its help", ui_command_count());

	/* By key, through the mode in force. */
	keys(&u, "i");
	ok(!u.show_panel, "list i: panel");
	ui_input_key(&u, 0, 2);
	ok(u.prefix, "C-b starts the prefix");
	keys(&u, "i");
	ok(!u.prefix && u.show_panel, "C-b i: panel (and the prefix is over)");
	ui_input_key(&u, 0, 2);
	keys(&u, "Z");
	is_str(app_message(app), "unknown prefix key (C-b ? for help)", "an unbound key after the prefix says so");
	keys(&u, "/");
	ok(u.prompt.kind == UI_PROMPT_FILTER, "/ opens the filter prompt");
	keys(&u, "web");
	ui_input_key(&u, 1, KEY_BACKSPACE);
	keys(&u, "\r");
	ok(u.prompt.kind == UI_PROMPT_NONE && strcmp(u.filter, "we") == 0, "typing, BSpace, Enter: the filter is \"%s\"", u.filter);
	keys(&u, "/\x15\r");
	is_str(u.filter, "", "C-u empties the line");
	keys(&u, "/abc\x1b");
	ok(u.prompt.kind == UI_PROMPT_NONE && u.filter[0] == '\0', "Esc leaves the prompt, the filter unchanged");
	keys(&u, "q");
	ok(u.quit, "q quits when nothing runs");
	u.quit = 0;

	/* The command prompt. */
	ui_input_key(&u, 0, 2);
	keys(&u, ":");
	ok(u.prompt.kind == UI_PROMPT_COMMAND, "C-b : opens the command prompt");
	char *st = status_line(&u, 160);
	is_str(st, ":", "the status line shows its label");
	free(st);
	keys(&u, "toggle-list\r");
	ok(u.prompt.kind == UI_PROMPT_NONE && !u.show_list, "a command typed there runs");
	ui_input_key(&u, 0, 2);
	keys(&u, ":unbind list q\r");
	ui_input_key(&u, 0, 2);
	keys(&u, ":bind list Q quit\r");
	ui_input_key(&u, 0, 2);
	keys(&u, ":set list on\r");
	ok(u.show_list, "set list on takes effect at once");
	ui_input_key(&u, 0, 2);
	keys(&u, "l");
	app_set_message(app, "%s", "");
	st = status_line(&u, 200);
	ok(strstr(st, "Q quit") && !strstr(st, "q quit"), "bind and unbind there change the hints: %s", st);
	free(st);
	st = status_line(&u, 90);
	ok(text_width(st) <= 90 && strstr(st, "e exec") && !strstr(st, "panel"), "hints that do not fit are left out whole: %s", st);
	free(st);
	keys(&u, "q");
	ok(!u.quit, "q no longer quits");
	keys(&u, "Q");
	ok(u.quit, "Q does");
	u.quit = 0;
	ui_input_key(&u, 0, 2);
	keys(&u, ":set scrollback 77\r");
	is_int(u.conf.scrollback, 77, "set scrollback there");
	ui_input_key(&u, 0, 2);
	keys(&u, ":no-such-thing 1\r");
	is_str(app_message(app), "unknown command \"no-such-thing\"", "a bad line's cause goes to the status message");
	ui_input_key(&u, 0, 2);
	keys(&u, ":set 'open\r");
	is_str(app_message(app), "unterminated single quote", "and an open quote's");

	/* The exec line. */
	struct session_spec spec;
	cause = NULL;
	ok(ui_parse_exec("-u nobody -w /tmp -e K=V -e 'A=b c' sh -c 'echo \"hi\"'", &spec, &cause) == 0,
	    "an exec line with options");
	ok(spec.user && strcmp(spec.user, "nobody") == 0 && spec.workdir && strcmp(spec.workdir, "/tmp") == 0,
	    "user and workdir");
	ok(spec.env.n == 2 && strcmp(spec.env.v[1], "A=b c") == 0, "two variables, quoted words whole");
	ok(spec.cmd.n == 3 && strcmp(spec.cmd.v[2], "echo \"hi\"") == 0, "and the command's words");
	ui_exec_spec_clear(&spec);
	ok(ui_parse_exec("-- -u x", &spec, &cause) == 0 && spec.cmd.n == 2 && spec.user == NULL, "-- ends the options");
	ui_exec_spec_clear(&spec);
	ok(ui_parse_exec("-e nope id", &spec, &cause) == -1 && strcmp(cause, "bad -e \"nope\": expected KEY=VALUE") == 0,
	    "a bad -e");
	free(cause);
	cause = NULL;
	ok(ui_parse_exec("sh -c 'x", &spec, &cause) == -1 && strcmp(cause, "unterminated single quote") == 0,
	    "an open quote");
	free(cause);

	/* Wrapping. */
	struct strv lines = { 0 };
	text_wrap("Select a container and press Enter for a shell", 16, &lines);
	ok(lines.n == 4 && strcmp(lines.v[0], "Select a") == 0 && strcmp(lines.v[3], "a shell") == 0,
	    "words wrap at the width (%zu lines)", lines.n);
	strv_clear(&lines);
	text_wrap("abcdefghij", 4, &lines);
	ok(lines.n == 3 && strcmp(lines.v[2], "ij") == 0, "a longer word is cut");
	strv_clear(&lines);
	is_int(text_width("a\xe2\x97\x8f\xe4\xb8\xad"), 4, "widths: ASCII 1, a dot 1, a CJK character 2");

	/* Cutting with a mark. */
	static const struct { const char *s; int w; const char *want, *what; } fits[] = {
		{ "started 2026-12-02 06:59:03 (41 seconds ago)", 20, "started 2026-12-02 \xe2\x80\xa6", "a long value ends in the mark at the width" },
		{ "exit code -", 11, "exit code -", "a value that fits is left as it is" },
		{ "abc\xe4\xb8\xad", 4, "abc\xe2\x80\xa6", "a wide character that would pass the width is not split" },
		{ "abcdef", 1, "\xe2\x80\xa6", "a width of one is the mark alone" },
		{ "abcdef", 0, "", "a width of nothing is empty" },
	};
	for (size_t i = 0; i < sizeof fits / sizeof fits[0]; i++) {
		char *f = text_fit(fits[i].s, fits[i].w, "\xe2\x80\xa6");
		ok(strcmp(f, fits[i].want) == 0 && text_width(f) <= fits[i].w, "%s: '%s'", fits[i].what, f);
		free(f);
	}

	ui_state_clear(&u);
	app_free(app);
	engine_free(e);
	for (size_t i = 0; i < neps; i++)
		endpoint_clear(&eps[i]);
	free(eps);
	loop_free(loop);
	return done_testing();
}
