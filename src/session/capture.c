/* capture.c: a term's scrollback and screen as text (see capture.h), for
 * the save-history commands and the tests. */
#include "config.h"
#include "session/capture.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int same_color(const struct term_color *a, const struct term_color *b)
{
	return a->kind == b->kind && a->index == b->index && a->r == b->r && a->g == b->g && a->b == b->b;
}

static int plain(const struct term_cell *c)
{
	return c->attr == 0 && c->fg.kind == TERM_COLOR_DEFAULT && c->bg.kind == TERM_COLOR_DEFAULT;
}

static void add_color(struct buf *b, const struct term_color *c, int base)
{
	if (c->kind == TERM_COLOR_INDEXED)
		buf_addf(b, ";%d;5;%d", base + 8, c->index);
	else if (c->kind == TERM_COLOR_RGB)
		buf_addf(b, ";%d;2;%d;%d;%d", base + 8, c->r, c->g, c->b);
}

/* The SGR sequence that sets c's attributes and colours from a reset. */
static void add_sgr(struct buf *b, const struct term_cell *c)
{
	static const struct { int bit, code; } map[] = {
		{ TERM_ATTR_BOLD, 1 }, { TERM_ATTR_FAINT, 2 }, { TERM_ATTR_ITALIC, 3 },
		{ TERM_ATTR_UNDERLINE, 4 }, { TERM_ATTR_BLINK, 5 }, { TERM_ATTR_REVERSE, 7 },
		{ TERM_ATTR_CONCEAL, 8 }, { TERM_ATTR_STRIKE, 9 },
	};
	buf_adds(b, "\033[0");
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (c->attr & map[i].bit)
			buf_addf(b, ";%d", map[i].code);
	add_color(b, &c->fg, 30);
	add_color(b, &c->bg, 40);
	buf_adds(b, "m");
}

/* A line's end: back to plain, then the newline. */
static void end_line(struct buf *b, struct term_cell *pen)
{
	if (!plain(pen))
		buf_adds(b, "\033[0m");
	memset(pen, 0, sizeof *pen);
	buf_add(b, "\n", 1);
}

static int same_pen(const struct term_cell *a, const struct term_cell *b)
{
	return a->attr == b->attr && same_color(&a->fg, &b->fg) && same_color(&a->bg, &b->bg);
}

/* Row's cells onto b. A row that wraps keeps its trailing blanks (the
 * next row goes on from them); *pen is the SGR in force (zeroed: none). */
static void add_row(struct buf *b, const struct term *t, int row, int cols, int flags, struct term_cell *pen)
{
	struct term_cell c, keep_pen = *pen;
	size_t keep = b->len;
	int wrapped = term_row_wrapped(t, row);
	/* A wide character that did not fit left the last column blank. */
	if (wrapped && term_cell(t, row + 1, 0, &c) == 0 && c.width == 2 &&
	    term_cell(t, row, cols - 1, &c) == 0 && c.nch == 1 && c.ch[0] == ' ')
		cols--;
	for (int col = 0; col < cols; col++) {
		term_cell(t, row, col, &c);
		if (c.width == 0)
			continue;
		if ((flags & CAPTURE_ESCAPES) && !same_pen(&c, pen)) {
			if (plain(&c))
				buf_adds(b, "\033[0m");
			else
				add_sgr(b, &c);
			*pen = c;
		}
		if (c.nch == 0) {
			buf_add(b, " ", 1);
			continue;
		}
		char u[4];
		for (int k = 0; k < c.nch && k < TERM_MAX_CHARS; k++)
			buf_add(b, u, (size_t)utf8_encode(c.ch[k], u));
		/* A blank with a background colour shows: keep it. */
		if (c.nch > 1 || c.ch[0] != ' ' || ((flags & CAPTURE_ESCAPES) && !plain(&c))) {
			keep = b->len;
			keep_pen = *pen;
		}
	}
	if (!wrapped) {
		b->len = keep;
		*pen = keep_pen;
		end_line(b, pen);
	}
}

char *term_capture(const struct term *t, int flags, size_t *len)
{
	int rows, cols;
	term_size(t, &rows, &cols);
	/* The last screen row with something written on it. */
	int last = rows - 1;
	for (; last >= 0; last--) {
		char *s = term_row_text(t, last);
		int empty = s == NULL || *s == '\0';
		free(s);
		if (!empty || term_row_wrapped(t, last))
			break;
	}
	struct buf b;
	buf_init(&b);
	struct term_cell pen;
	memset(&pen, 0, sizeof pen);
	for (int row = -term_scrollback_lines(t); row <= last; row++)
		add_row(&b, t, row, cols, flags, &pen);
	/* A last row that wraps into nothing still ends its line. */
	if (b.len > 0 && b.data[b.len - 1] != '\n')
		end_line(&b, &pen);
	buf_add(&b, "", 1);
	size_t n;
	char *s = buf_steal(&b, &n);
	if (len)
		*len = n - 1;
	return s;
}

int term_capture_save(const struct term *t, const char *path, int flags, char **cause)
{
	size_t n;
	char *s = term_capture(t, flags, &n);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
		free(s);
		return -1;
	}
	size_t off = 0;
	while (off < n) {
		ssize_t w = write(fd, s + off, n - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
			close(fd);
			free(s);
			return -1;
		}
		off += (size_t)w;
	}
	free(s);
	if (close(fd) != 0) {
		*cause = xasprintf("cannot write %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}
