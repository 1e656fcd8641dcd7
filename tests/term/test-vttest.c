/* test-vttest.c: Debian's vttest run on a pseudo-terminal whose other end
 * is the terminal model (session/term.c) at 24x80: vttest's output is fed
 * to term_feed(), the model's replies (DA, DSR) go back to it, and keys
 * are typed to walk its menus. Each screen checked is one whose text says
 * what it should show (menu 1, cursor movements; menu 2, screen features;
 * menu 8, VT102 insert and delete), and the checks read that from the cells.
 * Skipped when vttest is not installed. PH_VTTEST_DUMP=1 prints each
 * screen checked; PH_VTTEST_EXPLORE=KEYS types KEYS ('_' for Enter) once
 * the checks are done and prints each screen, for writing new checks. */
#include "config.h"
#include "session/term.h"
#include "core/buf.h"
#include "../tap.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROWS 24
#define COLS 80
/* Output is taken as finished after this long without a byte once one of
 * vttest's prompts shows; a screen is given at most QUIET_MAX_MS. These
 * only bound the waits: nothing is timed. */
#define QUIET_MS 300
#define QUIET_MAX_MS 10000

static int master = -1;
static pid_t child;
static struct term *T;
static int dump;

static void on_output(const char *bytes, size_t len, void *arg)
{
	(void)arg;
	while (len > 0) {
		ssize_t n = write(master, bytes, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		bytes += n;
		len -= (size_t)n;
	}
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Feed vttest's output to the model until it has been quiet a while. */
static void settle(void)
{
	long long start = now_ms(), last = start;
	char buf[4096];
	while (now_ms() - last < QUIET_MS && now_ms() - start < QUIET_MAX_MS) {
		struct pollfd p = { .fd = master, .events = POLLIN };
		if (poll(&p, 1, 50) <= 0)
			continue;
		ssize_t n = read(master, buf, sizeof buf);
		if (n <= 0)
			return;
		term_feed(T, buf, (size_t)n);
		last = now_ms();
	}
}

static char *row(int r) { return term_row_text(T, r); }
static int find_row(const char *text);
static void wait_prompt(void);

/* Type keys, then read until vttest waits for the next ones (wait_prompt:
 * its output has gone quiet and a prompt of its is on the screen). */
static void type(const char *keys)
{
	on_output(keys, strlen(keys), NULL);
	wait_prompt();
}

static void wait_prompt(void)
{
	long long start = now_ms();
	do
		settle();
	while (find_row("Push <RETURN>") < 0 && find_row("Enter choice number") < 0 &&
	    now_ms() - start < QUIET_MAX_MS);
}

static void show(const char *what)
{
	if (!dump)
		return;
	diag("--- %s", what);
	for (int r = 0; r < ROWS; r++) {
		char *x = row(r);
		diag("%2d|%s", r, x);
		free(x);
	}
}

/* The row holding text, or -1. */
static int find_row(const char *text)
{
	for (int r = 0; r < ROWS; r++) {
		char *x = row(r);
		int hit = strstr(x, text) != NULL;
		free(x);
		if (hit)
			return r;
	}
	return -1;
}

static uint32_t ch(int r, int c)
{
	struct term_cell cell;
	term_cell(T, r, c, &cell);
	return cell.ch[0];
}

/* Menu 1, the first screen: "an unbroken border of *'s and +'s around the
 * edge, and exactly in the middle there should be a frame of E's around
 * this text with one (1) free position around it." */
static void check_border(void)
{
	int good = 1;
	for (int c = 0; c < COLS; c++)
		for (int r = 0; r < ROWS; r += ROWS - 1)
			if (ch(r, c) != '*' && ch(r, c) != '+')
				good = 0;
	for (int r = 0; r < ROWS; r++)
		for (int c = 0; c < COLS; c += COLS - 1)
			if (ch(r, c) != '*' && ch(r, c) != '+')
				good = 0;
	ok(good, "menu 1: an unbroken border of * and + around the edge");
	int text = find_row("The screen should be cleared");
	ok(text > 1, "menu 1: the text is inside the border (row %d)", text);
	/* The frame of E's: the rows above and below the text block. */
	int top = -1, bottom = -1;
	for (int r = 1; r < ROWS - 1; r++) {
		char *x = row(r);
		if (strstr(x, "EEEEEEEEEE") != NULL) {
			if (top < 0)
				top = r;
			bottom = r;
		}
		free(x);
	}
	ok(top > 0 && bottom > top + 2 && top < text && bottom > text, "menu 1: a frame of E's around the text (rows %d-%d)", top, bottom);
	int left = -1;
	for (int c = 1; c < COLS - 1; c++)
		if (ch(top, c) == 'E') {
			left = c;
			break;
		}
	good = left > 0;
	for (int r = top; r <= bottom && good; r++)
		if (ch(r, left) != 'E')
			good = 0;
	for (int r = top + 1; r < bottom && good; r++)
		if (ch(r, left + 1) != ' ')
			good = 0;
	ok(good, "menu 1: the frame's left side is whole, one free column inside it");
}

/* "Test of autowrap, mixing control and print characters. The left/right
 * margins should have letters in order:" */
static void check_autowrap(void)
{
	int head = find_row("Test of autowrap");
	ok(head == 0, "menu 1: the autowrap test starts at the top of a cleared screen (row %d)", head);
	int good = 1, seen = 0;
	char want = 'I';
	for (int r = 0; r < ROWS; r++) {
		uint32_t l = ch(r, 0), rt = ch(r, COLS - 1);
		if (l >= 'A' && l <= 'Z' && rt >= 'a' && rt <= 'z') {
			if (seen == 0)
				want = (char)l;
			if (l != (uint32_t)want || rt != (uint32_t)(want - 'A' + 'a'))
				good = 0;
			want++;
			seen++;
		}
	}
	ok(good && seen >= 15, "menu 1: letters in order at both margins (%d rows)", seen);
}

static void check_identical(void)
{
	int r = find_row("Below should be four identical lines");
	int good = r >= 0;
	char *first = good ? row(r + 2) : NULL;
	good = good && strstr(first, "A B C D E F G H I") != NULL;
	for (int k = 1; k < 4 && good; k++) {
		char *x = row(r + 2 + k);
		good = strcmp(x, first) == 0;
		free(x);
	}
	free(first);
	ok(good, "menu 1: control characters inside escape sequences: four identical lines");
}

/* The row's text is exactly want. */
static int row_equals(int r, const char *want)
{
	char *x = row(r);
	int same = strcmp(x, want) == 0;
	free(x);
	return same;
}

/* The row is n times c and nothing else. */
static int row_of(int r, char c, int n)
{
	char want[COLS + 1];
	memset(want, c, (size_t)n);
	want[n] = '\0';
	return row_equals(r, want);
}

static int attr_at(int r, int c)
{
	struct term_cell cell;
	term_cell(T, r, c, &cell);
	return cell.attr;
}

/* Menu 2, screen features, at 80 columns (the 132-column screens are
 * drawn at 80: the size stays, as in tmux). */
static void menu2(void)
{
	type("2\r");
	show("menu 2, wrap around");
	ok(row_of(0, '*', COLS) && row_of(1, '*', COLS) && row_of(2, '*', COLS) && row_equals(3, "") &&
	    find_row("three identical lines of *'s") == 4,
	    "menu 2: three identical lines of *'s fill the top of the screen, no empty line between");
	type("\r");
	show("menu 2, tabs");
	char *a = row(0), *b = row(1);
	ok(strlen(a) > 70 && strcmp(a, b) == 0 && find_row("Test of TAB setting/resetting") == 3,
	    "menu 2: the two lines of tab stops look the same");
	free(a);
	free(b);
	for (int i = 0; i < 9; i++) /* column modes, backgrounds, scrolling */
		type("\r");
	show("menu 2, origin mode");
	ok(row_equals(23, "Origin mode test. This line should be at the bottom of the screen.") &&
	    find_row("This line should be the one above the bottom") == 22,
	    "menu 2: origin mode, the bottom line and the one above it");
	type("\r");
	show("menu 2, origin mode, second screen");
	ok(row_equals(0, "This line should be at the top of the screen. Push <RETURN>") &&
	    row_equals(23, "Origin mode test. This line should be at the bottom of the screen."),
	    "menu 2: origin mode off, the top and the bottom line");
	type("\r");
	show("menu 2, graphic rendition");
	int r = find_row("vanilla");
	ok(r > 0 && attr_at(r, 0) == 0 && attr_at(r, 39) == TERM_ATTR_BOLD, "menu 2: vanilla and bold");
	r = find_row("     underline   ");
	ok(r > 0 && attr_at(r, 5) == TERM_ATTR_UNDERLINE && attr_at(r, 44) == (TERM_ATTR_BOLD | TERM_ATTR_UNDERLINE),
	    "menu 2: underline and bold underline");
	r = find_row("blink negative");
	ok(r > 0 && attr_at(r, 0) == (TERM_ATTR_BLINK | TERM_ATTR_REVERSE), "menu 2: blink negative");
	type("\r");
	type("\r");
	show("menu 2, save and restore cursor");
	int good = find_row("SAVE/RESTORE CURSOR") == 20;
	for (int k = 0; k < 4; k++)
		good = good && row_equals(k, "AAAAA");
	r = find_row("stars:");
	good = good && r > 0 && row_equals(r, "stars:     **********  **********  **********  **********  **********");
	ok(good, "menu 2: save/restore cursor: a 5 x 4 rectangle of A's, ten stars of each flavour");
	ok(r > 0 && attr_at(r, 23) == TERM_ATTR_BOLD && attr_at(r, 35) == TERM_ATTR_UNDERLINE &&
	    attr_at(r, 59) == TERM_ATTR_REVERSE, "menu 2: the flavours bold, underscored and reversed");
	type("\r");
	ok(find_row("Test of cursor movements") >= 0, "menu 2 ends at the main menu");
}

/* Menu 8, VT102 insert and delete, at 80 columns. */
static void menu8(void)
{
	type("8\r");
	show("menu 8, accordion");
	ok(find_row("Screen accordion test") == 3 && row_of(0, 'A', COLS) && row_of(23, 'X', COLS),
	    "menu 8: the screen of A's to X's");
	type("\r");
	show("menu 8, after the accordion");
	int good = row_of(0, 'A', COLS) && row_of(23, 'X', COLS) &&
	    row_equals(1, "Top line: A's, bottom line: X's, this line, nothing more. Push <RETURN>");
	for (int r = 2; r < 23; r++)
		good = good && row_equals(r, "");
	ok(good, "menu 8: top line A's, bottom line X's, the text line, nothing more");
	type("\r");
	show("menu 8, insert mode");
	char want[COLS + 1];
	memset(want, '*', COLS);
	want[0] = 'A';
	want[COLS - 1] = 'B';
	want[COLS] = '\0';
	ok(row_equals(0, want) && find_row("Test of 'Insert Mode'") == 3, "menu 8: insert mode: the top line is A*** ... ***B");
	type("\r");
	show("menu 8, delete character");
	ok(row_equals(0, "AB") && find_row("Test of 'Delete Character'") == 3, "menu 8: delete character: the top line is AB");
	type("\r");
	show("menu 8, staggered");
	good = find_row("The right column should be staggered") == 3;
	for (int r = 0; r < ROWS && good; r++) {
		char *x = row(r);
		size_t n = strlen(x);
		good = n == (size_t)(COLS - 1 - r) && x[n - 1] == 'A' + r;
		free(x);
	}
	ok(good, "menu 8: delete character: the right column is staggered by one");
	type("\r"); /* the same at 132 columns */
	type("\r");
	show("menu 8, insert character");
	int r = find_row("A B C D E F G H I J K L M N O P Q R S T U V W X Y Z");
	char *a = row(r >= 0 ? r : 0), *b = row(r + 3 < ROWS ? r + 3 : 0);
	ok(r == 2 && strcmp(a, b) == 0, "menu 8: insert character: the line below is like the line above");
	free(a);
	free(b);
}

int main(void)
{
	const char *e = getenv("PH_VTTEST_DUMP");
	dump = e != NULL && *e != '\0' && strcmp(e, "0") != 0;
	if (access("/usr/bin/vttest", X_OK) != 0) {
		/* scripts/install-deps.sh installs it: in CI a missing vttest
		 * is a failure, not a skip. */
		const char *ci = getenv("CI");
		if (ci != NULL && strcmp(ci, "true") == 0) {
			printf("Bail out! vttest is not installed (apt-get install vttest)\n");
			return 1;
		}
		printf("1..0 # SKIP vttest is not installed (apt-get install vttest)\n");
		return 0;
	}
	struct winsize ws = { .ws_row = ROWS, .ws_col = COLS };
	child = forkpty(&master, NULL, NULL, &ws);
	if (child < 0) {
		printf("Bail out! forkpty: %s\n", strerror(errno));
		return 1;
	}
	if (child == 0) {
		setenv("TERM", "vt100", 1);
		execl("/usr/bin/vttest", "vttest", "24x80.132", (char *)NULL);
		_exit(127);
	}
	const struct term_cb cb = { .output = on_output };
	T = term_new(ROWS, COLS, &cb, NULL);
	wait_prompt();
	show("main menu");
	ok(find_row("VT100 test program") >= 0 || find_row("vttest") >= 0, "vttest's main menu is on the screen");

	type("1\r");
	show("menu 1, screen 1");
	check_border();
	type("\r"); /* the same at 132 columns: the size stays 80 here */
	type("\r");
	show("menu 1, autowrap");
	check_autowrap();
	type("\r"); /* autowrap at 132 columns */
	type("\r");
	show("menu 1, controls in sequences");
	check_identical();
	type("\r");
	show("menu 1, leading zeros");
	ok(find_row("Test of leading zeros") == 0 && row_equals(3, "This is a correct sentence"),
	    "menu 1: leading zeros in escape sequences: the correct sentence, two lines below");
	type("\r");
	show("back at the menu");
	ok(find_row("Test of cursor movements") >= 0, "back at the main menu");
	menu2();
	menu8();
	if (getenv("PH_VTTEST_EXPLORE")) {
		const char *keys = getenv("PH_VTTEST_EXPLORE");
		char one[2] = { 0, 0 };
		for (const char *k = keys; *k; k++) {
			one[0] = *k == '_' ? '\r' : *k;
			type(one);
			show(one[0] == '\r' ? "after RETURN" : one);
		}
	}

	kill(child, SIGKILL);
	waitpid(child, NULL, 0);
	term_free(T);
	close(master);
	return done_testing();
}
