/* draw.c: one frame of the console and the drawing helpers (see draw.h). */
#include "config.h"
#include "ui/draw.h"
#include "ui/prompt.h"
#include "ui/text.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

void draw_text(int y, int x, int w, const char *s, attr_t attr, int pair)
{
	int col = 0;
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s), i = 0;
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

void draw_text_fit(int y, int x, int w, const char *s, attr_t attr, int pair)
{
	char *fit = text_fit(s, w, MB_CUR_MAX > 1 ? "\xe2\x80\xa6" : "~");
	draw_text(y, x, w, fit, attr, pair);
	free(fit);
}

void draw_vline(int x, int y, int h)
{
	for (int i = 0; i < h; i++)
		mvaddch(y + i, x, ACS_VLINE);
}

static int rect_eq(struct rect a, struct rect b)
{
	return a.y == b.y && a.x == b.x && a.h == b.h && a.w == b.w;
}

/* Place the cursor: in the focused running terminal where its process
 * has it (a logs tab has no process to type to), in a prompt's line, else
 * hidden. */
static void place_cursor(const struct ui *u)
{
	struct session *s = app_current_session(u->app);
	int crow, ccol, vis = 0, shape = 0;
	if (s && u->focus == UI_FOCUS_TERM && !u->scroll && !u->choose && u->prompt.kind == UI_PROMPT_NONE && !u->help &&
	    session_state(s) == SESSION_RUNNING && session_logs(s) == NULL) {
		term_cursor(session_term(s), &crow, &ccol, &vis, &shape);
		if (vis && crow < u->lay.pane.h && ccol < u->lay.pane.w)
			move(u->lay.pane.y + crow, u->lay.pane.x + ccol);
		else
			vis = 0;
	} else if (ui_prompt_edits(u->prompt.kind)) {
		vis = 1;
	}
	/* curses knows two visible cursors: "very visible" (a block on most
	 * terminals) for a block cursor, the normal one for bar and underline. */
	curs_set(!vis ? 0 : (s && u->focus == UI_FOCUS_TERM && shape == TERM_CURSOR_BLOCK) ? 2 : 1);
}

/* Lines the overlay painted on are rewritten whole at the next doupdate:
 * a cell curses thinks unchanged may still show the overlay's look. */
static void forget_painted(struct draw_cache *cache)
{
	for (int y = 0; y < cache->npainted; y++)
		if (cache->painted[y]) {
			wredrawln(stdscr, y, 1);
			cache->painted[y] = 0;
		}
}

static void note_painted(struct draw_cache *cache)
{
	const struct overlay *o = &cache->overlay;
	for (size_t i = 0; i < o->n; i++) {
		int y = o->v[i].y;
		if (y >= cache->npainted) {
			cache->painted = xrealloc(cache->painted, (size_t)y + 1);
			memset(cache->painted + cache->npainted, 0, (size_t)(y + 1 - cache->npainted));
			cache->npainted = y + 1;
		}
		cache->painted[y] = 1;
	}
}

void draw_cache_free(struct draw_cache *cache)
{
	overlay_free(&cache->overlay);
	free(cache->painted);
	cache->painted = NULL;
	cache->npainted = 0;
}

/* Where the tab bar last put each tab shown: the mouse's map of it. */
#define TAB_SPANS_MAX 256
struct tab_span {
	size_t tab;
	int x, w;
};
static struct tab_span tab_spans[TAB_SPANS_MAX];
static int ntab_spans;

void draw_tab_drawn(size_t i, int x, int w)
{
	if (ntab_spans < TAB_SPANS_MAX && w > 0)
		tab_spans[ntab_spans++] = (struct tab_span){ i, x, w };
}

int draw_tab_at(int x)
{
	for (int i = 0; i < ntab_spans; i++)
		if (x >= tab_spans[i].x && x < tab_spans[i].x + tab_spans[i].w)
			return (int)tab_spans[i].tab;
	return -1;
}

void draw_frame(const struct ui *u, struct draw_cache *cache)
{
	int what = u->redraw;
	struct session *s = app_current_session(u->app);
	int offset = s ? term_view_offset(session_term(s)) : 0;
	int full = !cache->drawn || (what & UI_DRAW_PANE_FULL) || cache->session != s ||
	    !rect_eq(cache->rect, u->lay.pane) || cache->offset != offset;
	if (what & UI_DRAW_LIST)
		draw_list(u);
	if (what & UI_DRAW_TABS) {
		ntab_spans = 0;
		draw_tabs(u);
	}
	if (full)
		forget_painted(cache);
	if (full || (what & UI_DRAW_PANE) || (s && term_damaged(session_term(s))))
		draw_pane(u, full, cache);
	if (what & UI_DRAW_PANEL)
		draw_panel(u);
	if (what & UI_DRAW_STATUS)
		draw_status(u);
	if (u->help) {
		draw_help(u);
		overlay_drop(&cache->overlay, 0, 0, -1); /* the box covers the pane */
	}
	place_cursor(u);
	wnoutrefresh(stdscr);
	doupdate();
	note_painted(cache);
	overlay_paint(&cache->overlay);
	cache->drawn = 1;
	cache->session = s;
	cache->rect = u->lay.pane;
	cache->offset = offset;
}
