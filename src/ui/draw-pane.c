/* draw-pane.c: the terminal pane: the current tab's screen (or the part of
 * its scrollback in view) a row at a time, only the rows its terminal marked
 * dirty unless the whole pane is to be drawn; the scroll position when
 * scrolled back; the hint when no tab is open. */
#include "config.h"
#include "ui/draw.h"
#include "ui/copy.h"
#include "session/copymode.h"
#include "ui/hints.h"
#include "ui/style.h"
#include "ui/text.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static void draw_empty(const struct ui *u)
{
	struct rect r = u->lay.pane;
	for (int y = 0; y < r.h; y++)
		draw_text(r.y + y, r.x, r.w, "", A_NORMAL, 0);
	if (app_ntabs(u->app) || r.w <= 4)
		return;
	char *hint = hints_empty_pane(&u->conf);
	struct strv lines = { 0 };
	text_wrap(hint, r.w - 4, &lines);
	int y = r.h / 2 - (int)lines.n / 2;
	for (size_t i = 0; i < lines.n && y + (int)i < r.h; i++)
		if (y + (int)i >= 0)
			draw_text(r.y + y + (int)i, r.x + 2, r.w - 2, lines.v[i], A_DIM, 0);
	strv_clear(&lines);
	free(hint);
}

/* One row of the pane. Its cells are made into one array of cchar_t and
 * handed to curses in one add_wchnstr call (no cursor movement or wrap
 * processing a cell); the style (an alloc_pair lookup) is worked out once
 * a run of cells of equal attributes and colours. */
/* choose-buffer's list over the pane's top rows: a line a buffer, newest
 * first, the chosen one in reverse video. */
static void draw_choose(const struct ui *u)
{
	struct rect r = u->lay.pane;
	draw_text(r.y, r.x, r.w, " paste buffers (Enter or 0-9 pastes, j/k move, other keys close)", A_BOLD, 0);
	for (size_t i = 0; i < ui_buffer_count(u) && (int)i + 1 < r.h; i++) {
		char *flat = xstrdup(ui_buffer(u, i));
		for (char *p = flat; *p; p++)
			if (*p == '\n' || *p == '\t')
				*p = ' ';
		char *inert = str_inert(flat);
		char *line = xasprintf(" buffer%zu: %zu bytes: %s", i, strlen(flat), inert);
		draw_text_fit(r.y + 1 + (int)i, r.x, r.w, line, (int)i == u->choose_sel ? A_REVERSE : A_NORMAL, 0);
		free(line);
		free(inert);
		free(flat);
	}
}

/* In copy mode: the cursor, the selection and the search's matches drawn
 * over the cell (reverse, and bold underline for matches). */
static attr_t copy_attr(const struct copymode *cm, int row, int x, const struct copymode_span *sp, int nsp)
{
	attr_t a = 0;
	int crow, ccol;
	copymode_cursor(cm, &crow, &ccol);
	if ((crow == row && ccol == x) || copymode_selected(cm, row, x))
		a |= A_REVERSE;
	for (int i = 0; i < nsp; i++)
		if (sp[i].row == row && x >= sp[i].col && x < sp[i].end)
			a |= sp[i].current ? A_BOLD | A_UNDERLINE | A_STANDOUT : A_UNDERLINE;
	return a;
}

static void draw_row(const struct ui *u, struct term *t, const struct copymode *cm, int y,
    struct draw_cache *cache)
{
	static cchar_t *line;
	static int cap;
	struct rect r = u->lay.pane;
	struct overlay *ov = &cache->overlay;
	struct term_cell cell;
	if (r.y + y < cache->npainted && cache->painted[r.y + y]) {
		wredrawln(stdscr, r.y + y, 1);
		cache->painted[r.y + y] = 0;
	}
	if (r.w > cap) {
		line = xreallocarray(line, (size_t)r.w, sizeof *line);
		cap = r.w;
	}
	static const wchar_t space[] = L" ";
	attr_t a = A_NORMAL;
	int pair = 0, extra = 0, styled = 0, n_line = 0, covered = 0;
	uint16_t last_attr = 0;
	struct term_color last_fg = { 0 }, last_bg = { 0 };
	struct copymode_span spans[32];
	int nspans = 0, row = cm ? copymode_top(cm) + y : 0;
	if (cm) {
		nspans = copymode_matches(cm, row, 1, spans, 32);
		if (nspans > 32)
			nspans = 32;
	}
	for (int x = 0; x < r.w; x++) {
		if (x < covered)
			continue; /* the right half of a wide character */
		int got = cm ? copymode_view_cell(cm, y, x, &cell) : term_view_cell(t, y, x, &cell);
		if (got != 0 || cell.width == 0) {
			int zero = 0;
			setcchar(&line[n_line++], space, A_NORMAL, 0, &zero);
			covered = x + 1;
			continue;
		}
		if (!styled || cell.attr != last_attr || memcmp(&cell.fg, &last_fg, sizeof last_fg) != 0 ||
		    memcmp(&cell.bg, &last_bg, sizeof last_bg) != 0) {
			style_cell(&cell, &a, &pair, &extra);
			last_attr = cell.attr;
			last_fg = cell.fg;
			last_bg = cell.bg;
			styled = 1;
		}
		wchar_t wc[TERM_MAX_CHARS + 1];
		int n = 0;
		for (int i = 0; i < cell.nch && i < TERM_MAX_CHARS; i++)
			wc[n++] = (wchar_t)cell.ch[i];
		if (n == 0 || ((wc[0] < 0x20 || wc[0] >= 0x7f) && wcwidth(wc[0]) < 0) ||
		    (cell.attr & TERM_ATTR_CONCEAL))
			wc[0] = L' ', n = 1;
		int cols = cell.width == 2 ? 2 : 1;
		if (cols == 2 && (x + 1 >= r.w || wc[0] == L' '))
			wc[0] = L' ', n = 1, cols = 1;
		wc[n] = 0;
		attr_t ca = cm ? a ^ copy_attr(cm, row, x, spans, nspans) : a;
		setcchar(&line[n_line++], wc, ca, 0, &pair);
		covered = x + cols;
		if (extra) {
			char utf8[4 * TERM_MAX_CHARS];
			size_t len = 0;
			for (int i = 0; i < n; i++)
				len += (size_t)utf8_encode((uint32_t)wc[i], utf8 + len);
			overlay_add(ov, r.y + y, r.x + x, cols, a, pair, extra, utf8, len);
		}
	}
	mvadd_wchnstr(r.y + y, r.x, line, n_line);
}

void draw_pane(const struct ui *u, int full, struct draw_cache *cache)
{
	struct rect r = u->lay.pane;
	struct session *s = app_current_session(u->app);
	if (r.h <= 0 || r.w <= 0)
		return;
	if (s == NULL) {
		if (full)
			draw_empty(u);
		return;
	}
	struct term *t = session_term(s);
	const struct copymode *cm = u->copy && u->copy_term == t ? u->copy : NULL;
	for (int y = 0; y < r.h; y++)
		/* Copy mode shows a frozen copy: output marks rows dirty that
		 * it does not show, and its own moves ask for a full redraw. */
		if (full || (!cm && term_row_dirty(t, y)))
			draw_row(u, t, cm, y, cache);
	if (u->choose) {
		draw_choose(u);
		overlay_drop(&cache->overlay, 0, 0, -1);
		return;
	}
	int off = term_view_offset(t);
	if (cm) {
		/* tmux's indicator: lines above the view, of all there are. */
		char tag[48];
		int top = copymode_top(cm);
		snprintf(tag, sizeof tag, "[copy %d/%d]", top < 0 ? -top : 0, -copymode_first_row(cm));
		int w = (int)strlen(tag);
		if (w < r.w) {
			draw_text(r.y, r.x + r.w - w, w, tag, A_REVERSE, 0);
			overlay_drop(&cache->overlay, r.y, r.x + r.w - w, w);
		}
	} else if (off > 0 || u->scroll) {
		char tag[48];
		snprintf(tag, sizeof tag, "[scroll %d/%d]", off, term_scrollback_lines(t));
		int w = (int)strlen(tag);
		if (w < r.w) {
			draw_text(r.y, r.x + r.w - w, w, tag, A_REVERSE, 0);
			overlay_drop(&cache->overlay, r.y, r.x + r.w - w, w);
		}
	}
}
