/* ui.c: the console's entry point (ui.h): the configuration, the engine,
 * curses' start and its restore on every exit path, and the loop glue: keys
 * from stdin to ui/input.c, signals, the app's change marks, and one frame
 * (ui/draw.h) after each batch of input, at most every 30 ms while the
 * focused tab's output waits to be parsed. Quitting (a key, SIGHUP,
 * SIGTERM) first stops the running sessions' processes, bounded in time,
 * unless `set leave-running on`. */
#include "config.h"
#include "ui/ui.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/selection.h"
#include "ui/state.h"
#include "ui/style.h"
#include "core/fatal.h"
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

/* Frames while the focused tab floods: nobody reads a flood at 100 frames
 * a second, and each of its frames redraws every row. */
#define DRAW_INTERVAL_MS 30
/* Output since the last frame up to this much is drawn at once. */
#define DRAW_ECHO_BYTES 512

struct console {
	const struct cli_global *g;
	struct loop *loop;
	struct engine **es;     /* the engines of the command line (the app borrows them) */
	size_t nes;
	struct ui ui;
	struct draw_cache cache;
	int64_t last_draw;
	const struct session *drawn;    /* the focused session at the last frame */
	unsigned long long drawn_bytes; /* and the output it had received then */
	struct loop_timer *draw_timer;
	struct loop_fd *in;
	int stopping;   /* quitting: the sessions are being stopped */
	int abandon;    /* a signal while stopping: exit at once */
	int no_draw;    /* the terminal is gone (SIGHUP, stdin hung up) */
};

static int curses_on;

static void curses_end(void)
{
	if (curses_on) {
		curses_on = 0;
		ui_mouse_end();
		endwin();
	}
}

/* With COLORTERM=truecolor (or 24bit) and a terminal description without
 * direct colour, the same terminal's "-direct" description when there is
 * one ("tmux-256color" -> "tmux-direct"); NULL otherwise. Allocated. */
static char *direct_variant(void)
{
	const char *ct = getenv("COLORTERM"), *term = getenv("TERM");
	if (ct == NULL || (strcmp(ct, "truecolor") != 0 && strcmp(ct, "24bit") != 0) || term == NULL || *term == '\0')
		return NULL;
	size_t n = strcspn(term, "-");
	if (strcmp(term + n, "-direct") == 0)
		return NULL;
	return xasprintf("%.*s-direct", (int)n, term);
}

static int curses_start(void)
{
	char *direct = direct_variant();
	SCREEN *sc = NULL;
	if (direct) {
		/* newterm, unlike initscr, returns NULL for an unknown name. */
		sc = newterm(direct, stdout, stdin);
		free(direct);
	}
	if (sc == NULL && newterm(NULL, stdout, stdin) == NULL)
		return -1;
	curses_on = 1;
	atexit(curses_end);
	xmalloc_set_fatal_hook(curses_end);
	/* Emergency restore on a crash: endwin is not async-signal-safe, but
	 * the process is dying and a usable terminal matters more. */
	fatal_on(curses_end);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	style_init();
	/* ncurses 6.4 flushes its output after every cursor move while the
	 * screen is in its initial state, which only an endwin and the next
	 * doupdate leave: without this, a frame goes out as one write per
	 * changed run of cells instead of one write. */
	endwin();
	doupdate();
	return 0;
}

static void frame(struct console *c)
{
	struct ui *u = &c->ui;
	/* Selection follows the list and the focus here, not while drawing:
	 * selecting starts the panel's inspect request. */
	ui_selection_sync(u);
	c->last_draw = loop_now_ms();
	draw_frame(u, &c->cache);
	ui_mouse_sync(u);
	u->redraw = 0;
	struct session *s = app_current_session(u->app);
	c->drawn = s;
	c->drawn_bytes = s ? session_bytes(s) : 0;
	if (s)
		term_take_damage(session_term(s));
}

static int pending(struct console *c)
{
	struct session *s = app_current_session(c->ui.app);
	return c->ui.redraw != 0 || (s && term_damaged(session_term(s)));
}

static void on_draw_timer(void *arg)
{
	struct console *c = arg;
	if (pending(c))
		frame(c);
}

static void on_idle(void *arg)
{
	struct console *c = arg;
	if (c->no_draw || !pending(c))
		return;
	/* Frames are spaced DRAW_INTERVAL_MS apart only while the focused tab
	 * floods: its output waits to be parsed, or more than a line or two
	 * came since the last frame. An echo, or a flood in a background tab
	 * (its activity mark), is drawn at once. */
	struct session *s = app_current_session(c->ui.app);
	int flooding = 0;
	if (s != NULL) {
		unsigned long long got = session_bytes(s);
		flooding = session_output_pending(s) > 0 ||
		    (s == c->drawn && got > c->drawn_bytes && got - c->drawn_bytes > DRAW_ECHO_BYTES);
	}
	int64_t since = loop_now_ms() - c->last_draw;
	if (!flooding || since >= DRAW_INTERVAL_MS)
		frame(c);
	else if (!loop_timer_pending(c->draw_timer))
		loop_timer_start(c->draw_timer, DRAW_INTERVAL_MS - since);
}

static void on_app(struct app *a, int what, void *arg)
{
	struct console *c = arg;
	(void)a;
	int r = 0;
	if (what & APP_CHANGED_LIST)
		r |= UI_DRAW_LIST | UI_DRAW_TABS;
	if (what & APP_CHANGED_TABS)
		r |= UI_DRAW_TABS | UI_DRAW_STATUS | UI_DRAW_PANE;
	if (what & APP_CHANGED_PANEL)
		r |= UI_DRAW_PANEL;
	if (what & APP_CHANGED_STATUS)
		r |= UI_DRAW_STATUS;
	if (what & APP_CHANGED_OUTPUT)
		r |= UI_DRAW_PANE;
	ui_redraw(&c->ui, r);
}

static void on_stdin(int fd, short revents, void *arg)
{
	struct console *c = arg;
	wint_t k;
	int r, n = 0;
	(void)fd;
	if (revents & (POLLHUP | POLLERR | POLLNVAL)) {
		c->ui.quit = 1;
		c->no_draw = 1;
		return;
	}
	while (n++ < 4096 && !c->ui.quit && (r = wget_wch(stdscr, &k)) != ERR)
		ui_input_key(&c->ui, r == KEY_CODE_YES, k);
	ui_input_flush(&c->ui);
	app_note_use(c->ui.app);
}

static void on_signal(int sig, void *arg)
{
	struct console *c = arg;
	if (sig == SIGWINCH) {
		struct winsize ws;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
			resizeterm(ws.ws_row, ws.ws_col);
			clear();
			ui_resize(&c->ui, ws.ws_row, ws.ws_col);
		}
		return;
	}
	/* A hang-up comes twice (the tty's and the terminal emulator's): only
	 * another signal cuts the stopping short. */
	if (c->stopping && sig != SIGHUP)
		c->abandon = 1;
	c->ui.quit = 1;
	if (c->ui.quit_signal == 0)
		c->ui.quit_signal = sig;
	if (sig == SIGHUP)
		c->no_draw = 1;
}

/* Quitting: every running session's process is stopped, all at once, in
 * at most UI_QUIT_STOP_S; the status line counts them down. A second
 * signal (but SIGHUP) ends the wait. Keys are no
 * longer read (a hung-up terminal would wake the loop for ever). Returns
 * how many could not be stopped in time. */
static size_t stop_sessions(struct console *c)
{
	struct app *a = c->ui.app;
	size_t n = app_stop_all(a), first = n;
	if (n == 0)
		return 0;
	loop_fd_del(c->in);
	c->in = NULL;
	c->stopping = 1;
	int64_t end = loop_now_ms() + UI_QUIT_STOP_S * 1000;
	for (size_t shown = 0; n > 0 && !c->abandon; n = app_stop_all(a)) {
		int64_t left = end - loop_now_ms();
		if (left <= 0)
			break;
		if (n != shown) {
			app_set_message(a, "stopping %zu of %zu session%s (at most %d s)...", n, first,
			    first == 1 ? "" : "s", UI_QUIT_STOP_S);
			shown = n;
		}
		if (loop_run_once(c->loop, left) < 0 && errno != EINTR)
			break;
	}
	return n;
}

/* engine-add's engines: a context name or an address, with the command
 * line's TLS options and timeout. */
static struct engine *new_engine(void *arg, const char *spec, char **cause)
{
	struct console *c = arg;
	return cli_engine_new(c->g, spec, cli_spec_is_context(spec), c->loop, cause);
}

/* The console's engines: each -H and --context, or the one the
 * environment names (else the first default socket that exists). Nothing
 * here waits for an engine: the console connects in the background. */
static int open_engines(struct console *c)
{
	const struct cli_global *g = c->g;
	size_t n = g->nengines ? g->nengines : 1;
	c->es = xcalloc(n, sizeof *c->es);
	for (size_t i = 0; i < n; i++) {
		char *cause = NULL;
		const struct cli_engine_spec *sp = g->nengines ? &g->engines[i] : NULL;
		c->es[i] = cli_engine_new(g, sp ? sp->spec : NULL, sp && sp->is_context, c->loop, &cause);
		if (c->es[i] == NULL) {
			cli_error("%s", cause);
			free(cause);
			return -1;
		}
		c->nes++;
	}
	return 0;
}

static void close_engines(struct console *c)
{
	for (size_t i = 0; i < c->nes; i++)
		engine_free(c->es[i]);
	free(c->es);
}

int ui_main(const struct cli_global *g, int argc, char **argv)
{
	(void)argc, (void)argv;
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error("the console needs a terminal; for scripts use porthole ls, inspect or exec");
		return 2;
	}
	struct stat st;
	if (g->record_dir && (stat(g->record_dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    access(g->record_dir, W_OK | X_OK) != 0)) {
		cli_error("--record %s: not a directory porthole can write in", g->record_dir);
		return 2;
	}
	struct ui_config conf;
	char *cause = NULL;
	if (ui_config_load(&conf, g->config, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		ui_config_clear(&conf);
		return 2;
	}
	struct console c;
	memset(&c, 0, sizeof c);
	c.g = g;
	c.loop = loop_new();
	if (open_engines(&c) != 0) {
		close_engines(&c);
		loop_free(c.loop);
		ui_config_clear(&conf);
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if (curses_start() != 0) {
		cli_error("cannot start curses on this terminal (TERM=%s)", getenv("TERM") ? getenv("TERM") : "");
		close_engines(&c);
		loop_free(c.loop);
		ui_config_clear(&conf);
		return 1;
	}
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	c.draw_timer = loop_timer_new(c.loop, on_draw_timer, &c);
	struct app *app = app_new(c.loop, c.es[0], on_app, &c);
	if (g->nengines)
		app_set_engine_name(app, 0, g->engines[0].spec);
	for (size_t i = 1; i < c.nes; i++)
		app_add_engine(app, c.es[i], g->engines[i].spec, 0);
	app_set_record_dir(app, g->record_dir);
	ui_state_init(&c.ui, app, &conf, rows, cols);
	c.ui.engine_new = new_engine;
	c.ui.engine_arg = &c;
	c.in = loop_fd_add(c.loop, STDIN_FILENO, POLLIN, on_stdin, &c);
	loop_signal(c.loop, SIGWINCH, on_signal, &c);
	loop_signal(c.loop, SIGTERM, on_signal, &c);
	loop_signal(c.loop, SIGHUP, on_signal, &c);
	loop_signal(c.loop, SIGINT, on_signal, &c);
	loop_signal(c.loop, SIGQUIT, on_signal, &c);
	loop_set_idle(c.loop, on_idle, &c);
	frame(&c);
	while (!c.ui.quit)
		if (loop_run_once(c.loop, -1) < 0 && errno != EINTR)
			break;
	size_t left = c.ui.conf.leave_running ? 0 : stop_sessions(&c);
	curses_end();
	if (left > 0)
		fprintf(stderr, "porthole: %zu session%s still running: not stopped in %d s\n", left,
		    left == 1 ? "" : "s", UI_QUIT_STOP_S);
	fatal_off(curses_end);
	draw_cache_free(&c.cache);
	app_free(app);
	close_engines(&c);
	loop_free(c.loop);
	ui_state_clear(&c.ui);
	int sig = c.ui.quit_signal;
	if (sig) {
		/* Die of the signal, terminal restored, so the caller sees it. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
	return 0;
}
