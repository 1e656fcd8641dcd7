/* mouse.c: the mouse in the console (see mouse.h): the terminal's
 * reporting asked for and given back, the SGR reports read from the keys,
 * and what each does: passed to the pane's program, or the wheel, the drag
 * and the clicks of `set mouse on`. */
#include "config.h"
#include "ui/mouse.h"
#include "ui/commands.h"
#include "ui/copy.h"
#include "ui/draw.h"
#include "ui/selection.h"
#include "session/copymode.h"
#include "core/buf.h"
#include <curses.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

/* The key ncurses gives for "ESC [ <" (define_key()). */
#define KEY_MOUSE_SGR (KEY_MAX + 1)
/* Lines the wheel scrolls, as tmux's `send -N5 -X scroll-up`. */
#define WHEEL_LINES 5

/* The reporting asked of the terminal: 1000, 1002, 1003 or 0 (none). */
static volatile sig_atomic_t asked;

static int decset_of(int level)
{
	return level == MOUSE_MODE_MOVE ? 1003 : level == MOUSE_MODE_DRAG ? 1002 : level ? 1000 : 0;
}

/* The session shown live whose program takes the mouse, or NULL. */
static struct session *program(struct ui *u)
{
	struct session *s = app_current_session(u->app);
	if (s == NULL || session_logs(s) || ui_copy_current(u) != NULL)
		return NULL;
	return (term_mouse_mode(session_term(s)) & MOUSE_MODE_LEVEL) ? s : NULL;
}

/* The reporting level wanted: as tmux, `set mouse on` asks for button
 * events (drags) or every motion when the program wants those. */
static int wanted(const struct ui *u)
{
	struct session *s = app_current_session(u->app);
	int prog = 0;
	if (s && !session_logs(s) && !(u->copy && u->copy_term == session_term(s)))
		prog = term_mouse_mode(session_term(s)) & MOUSE_MODE_LEVEL;
	if (!u->conf.mouse)
		return prog;
	return prog == MOUSE_MODE_MOVE ? MOUSE_MODE_MOVE : MOUSE_MODE_DRAG;
}

void ui_mouse_sync(const struct ui *u)
{
	static int keyed;
	if (!keyed) {
		define_key("\033[<", KEY_MOUSE_SGR);
		keyed = 1;
	}
	int want = decset_of(wanted(u));
	if (want == asked)
		return;
	struct buf b;
	buf_init(&b);
	if (asked)
		buf_addf(&b, "\033[?1006l\033[?%dl", (int)asked);
	if (want)
		buf_addf(&b, "\033[?%dh\033[?1006h", want);
	fflush(stdout);
	buf_write_all(&b, STDOUT_FILENO);
	buf_free(&b);
	asked = want;
}

void ui_mouse_end(void)
{
	static const char off[] = "\033[?1006l\033[?1003l\033[?1002l\033[?1000l";
	if (asked == 0)
		return;
	asked = 0;
	ssize_t w = write(STDOUT_FILENO, off, sizeof off - 1);
	(void)w; /* the terminal may be gone */
}

int ui_mouse_input(struct ui *u, int is_key, wint_t k)
{
	struct ui_mouse *m = &u->mouse;
	if (is_key && k == KEY_MOUSE_SGR) {
		m->reading = 1;
		mouse_reader_reset(&m->reader);
		return 1;
	}
	if (is_key && k == KEY_MOUSE)
		return 1; /* an X10 report ncurses took: never asked for */
	if (!m->reading)
		return 0;
	if (is_key || k > 0x7f) {
		m->reading = 0; /* not a report after all */
		return 0;
	}
	struct mouse_event ev;
	int rc = mouse_reader_feed(&m->reader, (int)k, &ev);
	if (rc == 0)
		return 1;
	m->reading = 0;
	if (rc < 0)
		return 0;
	ui_mouse_event(u, &ev);
	return 1;
}

static int inside(struct rect r, int x, int y)
{
	return x >= r.x && x < r.x + r.w && y >= r.y && y < r.y + r.h;
}

static int clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* To the pane's program, the cell made relative to the pane. */
static void to_program(struct ui *u, struct session *s, const struct mouse_event *ev)
{
	struct rect p = u->lay.pane;
	struct mouse_event rel = *ev;
	rel.x = clamp(ev->x - p.x, 0, p.w - 1);
	rel.y = clamp(ev->y - p.y, 0, p.h - 1);
	term_mouse(session_term(s), &rel);
}

static void copy_scroll(struct ui *u, const char *cmd, int times)
{
	for (int i = 0; i < times && ui_copy_current(u); i++)
		ui_copy_command(u, cmd);
}

static void wheel_pane(struct ui *u, int down)
{
	struct session *s = app_current_session(u->app);
	if (s == NULL)
		return;
	if (!down && ui_copy_current(u) == NULL) {
		if (term_altscreen(session_term(s)))
			return; /* a full-screen program's screen has no history */
		if (ui_copy_enter(u) != 0)
			return;
		u->copy_wheel = 1;
	}
	struct copymode *cm = ui_copy_current(u);
	if (cm == NULL)
		return;
	copy_scroll(u, down ? "scroll-down" : "scroll-up", WHEEL_LINES);
	cm = ui_copy_current(u);
	if (down && cm && u->copy_wheel && copymode_top(cm) >= 0)
		ui_copy_leave(u); /* back at the bottom, as tmux's copy-mode -e */
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

/* Copy mode's cursor to the screen cell x, y over the pane, scrolling a
 * line when it is above or below it. */
static void cursor_to(struct ui *u, int x, int y)
{
	struct rect p = u->lay.pane;
	struct copymode *cm = ui_copy_current(u);
	if (cm == NULL)
		return;
	if (y < p.y)
		copy_scroll(u, "scroll-up", 1);
	else if (y >= p.y + p.h)
		copy_scroll(u, "scroll-down", 1);
	if ((cm = ui_copy_current(u)) == NULL)
		return;
	copymode_set_cursor(cm, copymode_top(cm) + clamp(y - p.y, 0, p.h - 1), clamp(x - p.x, 0, p.w - 1));
	ui_redraw(u, UI_DRAW_PANE_FULL | UI_DRAW_STATUS);
}

/* The left button over the pane: down, moved (a selection in copy mode,
 * entering it), up (the selection copied, copy mode left). */
static void drag_pane(struct ui *u, const struct mouse_event *ev)
{
	struct ui_mouse *m = &u->mouse;
	if (mouse_is_press(ev, MOUSE_BUTTON_LEFT)) {
		m->held = 1;
		m->dragged = 0;
		m->px = ev->x;
		m->py = ev->y;
		return;
	}
	if (ev->release) {
		if (m->dragged && ui_copy_current(u))
			ui_copy_command(u, "copy-selection-and-cancel");
		m->held = m->dragged = 0;
		return;
	}
	if (!mouse_is_drag(ev, MOUSE_BUTTON_LEFT))
		return;
	if (!m->dragged) {
		if (ui_copy_current(u) == NULL && ui_copy_enter(u) != 0) {
			m->held = 0;
			return;
		}
		m->dragged = 1;
		ui_copy_command(u, "clear-selection");
		cursor_to(u, m->px, m->py);
		ui_copy_command(u, "begin-selection");
	}
	cursor_to(u, ev->x, ev->y);
}

/* The row drawn at screen row y of the list (draw-list.c: a header, then
 * two screen rows a row from list_top): a container, or an engine's
 * header when there are several. */
static void click_list(struct ui *u, int y)
{
	int row = y - u->lay.list.y - 1;
	if (row < 0)
		return;
	struct ui_row *rows;
	size_t n = ui_visible_rows(u, &rows);
	size_t k = (size_t)u->list_top + (size_t)(row / 2);
	if (k < n && row / 2 < (u->lay.list.h - 1) / 2) {
		const struct ctr *c = ui_row_ctr(&rows[k]);
		ui_select(u, rows[k].conn, c ? c->id : NULL);
		u->focus = UI_FOCUS_LIST;
		ui_redraw(u, UI_DRAW_CHROME | UI_DRAW_PANE_FULL);
	}
	free(rows);
}

void ui_mouse_event(struct ui *u, const struct mouse_event *ev)
{
	struct ui_mouse *m = &u->mouse;
	if (u->help || u->prompt.kind != UI_PROMPT_NONE || u->choose) {
		m->held = m->dragged = m->to_program = 0;
		return;
	}
	struct session *s = program(u);
	struct rect pane = u->lay.pane;
	if (m->to_program) {
		/* A press went to the program: its motions and release too. */
		if (s)
			to_program(u, s, ev);
		if (ev->release)
			m->to_program = 0;
		return;
	}
	int press = !ev->release && !(ev->b & MOUSE_MOTION);
	if (press && !(ev->b & MOUSE_WHEEL))
		m->held = m->dragged = 0; /* a release that never came */
	if (s && inside(pane, ev->x, ev->y) && !m->held) {
		if (press && !(ev->b & MOUSE_WHEEL)) {
			m->to_program = 1;
			u->focus = UI_FOCUS_TERM;
			ui_redraw(u, UI_DRAW_CHROME);
		}
		to_program(u, s, ev);
		return;
	}
	if (!u->conf.mouse)
		return;
	if (m->held) {
		drag_pane(u, ev);
		return;
	}
	if (inside(pane, ev->x, ev->y) && app_current_session(u->app)) {
		if (mouse_is_wheel(ev, 0) || mouse_is_wheel(ev, 1)) {
			wheel_pane(u, mouse_is_wheel(ev, 1));
		} else if (mouse_is_press(ev, MOUSE_BUTTON_LEFT)) {
			if (u->focus != UI_FOCUS_TERM) {
				u->focus = UI_FOCUS_TERM;
				ui_redraw(u, UI_DRAW_CHROME);
			}
			drag_pane(u, ev);
		}
	} else if (inside(u->lay.tabbar, ev->x, ev->y)) {
		int tab = draw_tab_at(ev->x);
		if (mouse_is_press(ev, MOUSE_BUTTON_LEFT) && tab >= 0) {
			app_select_tab(u->app, tab);
			u->focus = UI_FOCUS_TERM;
		} else if (mouse_is_wheel(ev, 0) || mouse_is_wheel(ev, 1)) {
			app_next_tab(u->app, mouse_is_wheel(ev, 1) ? 1 : -1);
		}
		ui_redraw(u, UI_DRAW_ALL);
	} else if (inside(u->lay.list, ev->x, ev->y)) {
		if (mouse_is_press(ev, MOUSE_BUTTON_LEFT))
			click_list(u, ev->y);
		else if (mouse_is_wheel(ev, 0) || mouse_is_wheel(ev, 1))
			ui_list_move(u, mouse_is_wheel(ev, 1) ? 1 : -1);
		ui_redraw(u, UI_DRAW_LIST | UI_DRAW_PANEL);
	}
}
