/* test-layout.c: the layout arithmetic (session/layout.c). Known sizes are
 * checked exactly; then every size from 1x1 to 60x130 with every show/hide
 * combination and a range of wanted widths is checked against the rules a
 * screen needs: nothing negative, nothing outside the screen, no overlap,
 * list + pane + panel = the columns, the tab bar on top of the pane, the
 * status line as the last row, a pane of at least 10 columns, and hiding the
 * panel (or the list) hands its columns to the pane. A rule that breaks is
 * reported once with the first size that breaks it. */
#include "config.h"
#include "session/layout.h"
#include "../tap.h"
#include <stdio.h>
#include <string.h>

static struct layout lay(int rows, int cols, int show_list, int show_panel, int lw, int pw)
{
	struct layout_in in = { rows, cols, show_list, show_panel, lw, pw };
	struct layout out;
	memset(&out, 0x5a, sizeof out); /* garbage: layout_compute must set all */
	layout_compute(&in, &out);
	return out;
}

static int empty(const struct rect *r) { return r->h == 0 || r->w == 0; }

static int rect_is(const struct rect *r, int y, int x, int h, int w)
{
	return r->y == y && r->x == x && r->h == h && r->w == w;
}

static void show_rect(const char *name, const struct rect *r)
{
	diag("  %-6s y=%d x=%d h=%d w=%d", name, r->y, r->x, r->h, r->w);
}

static void show(const struct layout *l)
{
	show_rect("list", &l->list);
	show_rect("tabbar", &l->tabbar);
	show_rect("pane", &l->pane);
	show_rect("panel", &l->panel);
	show_rect("status", &l->status);
}

static int overlap(const struct rect *a, const struct rect *b)
{
	if (empty(a) || empty(b))
		return 0;
	return a->y < b->y + b->h && b->y < a->y + a->h && a->x < b->x + b->w && b->x < a->x + a->w;
}

/* ---- exact cases ---- */

static void test_exact(void)
{
	struct layout l = lay(24, 80, 1, 1, 0, 0);
	ok(rect_is(&l.list, 0, 0, 23, 30), "24x80 list: default width 30, full body height");
	ok(rect_is(&l.panel, 0, 46, 23, 34), "24x80 panel: default width 34 at the right edge");
	ok(rect_is(&l.tabbar, 0, 30, 1, 16), "24x80 tab bar: one row over the pane");
	ok(rect_is(&l.pane, 1, 30, 22, 16), "24x80 pane: 22x16 under the tab bar");
	ok(rect_is(&l.status, 23, 0, 1, 80), "24x80 status: the whole last row");
	if (tap_failed)
		show(&l);

	l = lay(24, 80, 0, 0, 0, 0);
	ok(empty(&l.list) && empty(&l.panel), "24x80 nothing on the sides: list and panel empty");
	ok(rect_is(&l.pane, 1, 0, 22, 80), "24x80 nothing on the sides: pane 22x80 at 1,0");
	ok(rect_is(&l.tabbar, 0, 0, 1, 80), "24x80 nothing on the sides: tab bar the full width");

	l = lay(24, 80, 1, 0, 20, 0);
	ok(rect_is(&l.list, 0, 0, 23, 20) && rect_is(&l.pane, 1, 20, 22, 60),
	    "24x80 list width 20: list 20, pane 60 beside it");
	l = lay(24, 80, 0, 1, 0, 25);
	ok(rect_is(&l.panel, 0, 55, 23, 25) && rect_is(&l.pane, 1, 0, 22, 55),
	    "24x80 panel width 25: pane 55, panel 25 at x 55");

	l = lay(24, 80, 1, 1, 1000, 1000);
	ok(l.pane.w >= 10 && l.list.w + l.pane.w + l.panel.w == 80,
	    "24x80 huge wanted widths are clamped: pane %d columns", l.pane.w);
	l = lay(24, 80, 1, 0, 2, 0);
	ok(l.list.w >= 8, "a list narrower than 8 columns is widened to 8 (got %d)", l.list.w);

	l = lay(24, 23, 1, 1, 1, 1);
	ok(l.pane.w >= 10 && l.list.w + l.pane.w + l.panel.w == 23,
	    "24x23, both side parts wanted 1 column wide: the pane keeps 10 columns (got %d)", l.pane.w);

	l = lay(4, 20, 1, 1, 0, 0);
	ok(l.pane.h >= 2 && l.pane.w >= 10, "4x20 with both sides: pane at least 2x10 (got %dx%d)",
	    l.pane.h, l.pane.w);

	l = lay(1, 1, 1, 1, 0, 0);
	ok(rect_is(&l.status, 0, 0, 1, 1), "1x1: the status line is the only cell");
	ok(empty(&l.pane) && empty(&l.tabbar) && empty(&l.list) && empty(&l.panel),
	    "1x1: pane, tab bar, list and panel are empty");
	ok(l.pane.h >= 0 && l.pane.w >= 0 && l.list.w >= 0 && l.panel.w >= 0,
	    "1x1: no negative size");

	l = lay(3, 15, 1, 1, 0, 0);
	ok(l.pane.h >= 0 && l.pane.w >= 0 && l.list.h >= 0 && l.list.w >= 0 && l.panel.h >= 0 &&
	    l.panel.w >= 0 && l.tabbar.h >= 0 && l.tabbar.w >= 0, "3x15: no negative size");
	ok(l.pane.w >= 10 && l.list.w + l.pane.w + l.panel.w == 15,
	    "3x15: pane keeps 10 columns (got %d), the widths add up to 15", l.pane.w);
	ok(rect_is(&l.status, 2, 0, 1, 15) && l.pane.h == 1 && l.tabbar.h == 1,
	    "3x15: status on row 2, one tab bar row and one pane row");

	l = lay(0, -5, 1, 1, 0, 0);
	ok(rect_is(&l.status, 0, 0, 1, 1) && empty(&l.pane),
	    "0x-5 is taken as 1x1: status 1x1, no pane");
	l = lay(2, 40, 1, 1, 0, 0);
	ok(l.tabbar.h == 1 && l.pane.h == 0 && l.status.y == 1, "2x40: tab bar, no pane row, status");
}

/* ---- rules over many sizes ---- */

enum {
	R_NONNEG, R_INSIDE, R_OVERLAP, R_SUM, R_STATUS, R_TABBAR, R_HEIGHT, R_PANE10, R_PANE10_SMALL,
	R_PANEL_GIVES, R_LIST_GIVES, R_SIDES, R_NRULES
};

static const char *const rule_text[R_NRULES] = {
	"no rectangle has a negative size or position",
	"every rectangle is inside the screen",
	"no two rectangles overlap",
	"list + pane + panel widths add up to the columns (rows >= 2)",
	"the status line is the whole last row",
	"the tab bar sits right over the pane, as wide as it",
	"list and panel span the body; tab bar + pane rows = rows - 1",
	"the pane keeps >= 10 columns whenever cols >= 10 (wanted widths 0 or >= 8)",
	"the pane keeps >= 10 columns whenever cols >= 10 (a wanted width of 1 to 7)",
	"hiding the panel gives its columns to the pane",
	"hiding the list gives its columns to the pane",
	"a hidden side part is empty; list on the left, panel on the right",
};

static long rule_fail[R_NRULES];
static char rule_first[R_NRULES][160];
static long ncases;

static void fail_rule(int r, int rows, int cols, int sl, int sp, int lw, int pw)
{
	if (rule_fail[r]++ == 0)
		snprintf(rule_first[r], sizeof rule_first[r],
		    "first at %dx%d list %s (width %d) panel %s (width %d)", rows, cols,
		    sl ? "shown" : "hidden", lw, sp ? "shown" : "hidden", pw);
}

static int inside(const struct rect *r, int rows, int cols)
{
	if (empty(r))
		return 1;
	return r->y >= 0 && r->x >= 0 && r->y + r->h <= rows && r->x + r->w <= cols;
}

static int nonneg(const struct rect *r)
{
	return r->y >= 0 && r->x >= 0 && r->h >= 0 && r->w >= 0;
}

static void check_case(int rows, int cols, int sl, int sp, int lw, int pw)
{
	struct layout l = lay(rows, cols, sl, sp, lw, pw);
	const struct rect *all[5] = { &l.list, &l.tabbar, &l.pane, &l.panel, &l.status };
	ncases++;
#define FAIL(r) fail_rule(r, rows, cols, sl, sp, lw, pw)
	for (int i = 0; i < 5; i++) {
		if (!nonneg(all[i]))
			FAIL(R_NONNEG);
		if (!inside(all[i], rows, cols))
			FAIL(R_INSIDE);
		for (int j = i + 1; j < 5; j++)
			if (overlap(all[i], all[j]))
				FAIL(R_OVERLAP);
	}
	if (rows >= 2 && l.list.w + l.pane.w + l.panel.w != cols)
		FAIL(R_SUM);
	if (!rect_is(&l.status, rows - 1, 0, 1, cols))
		FAIL(R_STATUS);
	if (rows >= 2 && (l.tabbar.x != l.pane.x || l.tabbar.w != l.pane.w || l.tabbar.y != 0 ||
	    l.tabbar.h != 1 || l.pane.y != 1))
		FAIL(R_TABBAR);
	if (rows >= 2 && ((!empty(&l.list) && l.list.h != rows - 1) ||
	    (!empty(&l.panel) && l.panel.h != rows - 1) || l.tabbar.h + l.pane.h != rows - 1))
		FAIL(R_HEIGHT);
	int small = (sl && lw > 0 && lw < 8) || (sp && pw > 0 && pw < 8);
	if (rows >= 2 && cols >= 10 && l.pane.w < 10)
		FAIL(small ? R_PANE10_SMALL : R_PANE10);
	if ((!sl && !empty(&l.list)) || (!sp && !empty(&l.panel)) ||
	    (!empty(&l.list) && l.list.x != 0) ||
	    (!empty(&l.panel) && l.panel.x + l.panel.w != cols) ||
	    (!empty(&l.list) && l.pane.x != l.list.w))
		FAIL(R_SIDES);
	if (sp && rows >= 2) {
		struct layout h = lay(rows, cols, sl, 0, lw, pw);
		if (h.pane.w != l.pane.w + l.panel.w || h.list.w != l.list.w || h.pane.h != l.pane.h)
			FAIL(R_PANEL_GIVES);
	}
	if (sl && rows >= 2 && !sp) {
		struct layout h = lay(rows, cols, 0, sp, lw, pw);
		if (h.pane.w != l.pane.w + l.list.w || h.pane.x != 0)
			FAIL(R_LIST_GIVES);
	}
#undef FAIL
}

static void test_rules(void)
{
	static const int widths[] = { 0, 1, 3, 7, 8, 9, 12, 20, 30, 34, 50, 200 };
	const int nw = (int)(sizeof widths / sizeof widths[0]);
	for (int rows = 1; rows <= 60; rows++)
		for (int cols = 1; cols <= 130; cols++)
			for (int sl = 0; sl <= 1; sl++)
				for (int sp = 0; sp <= 1; sp++)
					for (int a = 0; a < (sl ? nw : 1); a++)
						for (int b = 0; b < (sp ? nw : 1); b++)
							check_case(rows, cols, sl, sp, widths[a], widths[b]);
	diag("%ld layouts checked", ncases);
	for (int r = 0; r < R_NRULES; r++) {
		ok(rule_fail[r] == 0, "%s", rule_text[r]);
		if (rule_fail[r])
			diag("  %ld failures, %s", rule_fail[r], rule_first[r]);
	}
}

int main(void)
{
	test_exact();
	test_rules();
	return done_testing();
}
