/* test-capture.c: the history as text (session/capture.c): bytes into a
 * term, the text of its scrollback and screen out, wrapped lines joined,
 * wide characters, trailing blanks and rows dropped, SGR runs when asked,
 * and the file written. */
#include "config.h"
#include "session/capture.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct term *fed(int rows, int cols, const char *bytes)
{
	struct term *t = term_new(rows, cols, NULL, NULL);
	term_feed(t, bytes, strlen(bytes));
	return t;
}

static void check(int rows, int cols, const char *bytes, int flags, const char *want, const char *what)
{
	struct term *t = fed(rows, cols, bytes);
	size_t n;
	char *got = term_capture(t, flags, &n);
	is_str(got, want, "%s", what);
	is_int(n, strlen(want), "%s: the length", what);
	free(got);
	term_free(t);
}

int main(void)
{
	check(4, 10, "", 0, "", "an empty term gives nothing");
	check(4, 10, "one\r\ntwo  \r\n", 0, "one\ntwo\n", "rows, trailing blanks and blank rows left out");
	check(4, 10, "a\r\n\r\nb", 0, "a\n\nb\n", "a blank row between two is kept");
	check(3, 5, "abcdefghijkl\r\nend", 0, "abcdefghijkl\nend\n", "a line wrapped over three rows is one line");
	check(3, 5, "abcde", 0, "abcde\n", "a full row (the cursor waits at its end) is one line");
	check(2, 10, "1\r\n2\r\n3\r\n4\r\n5", 0, "1\n2\n3\n4\n5\n", "the scrollback comes first, oldest line first");
	check(2, 5, "\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\xaa\r\nx", 0, "\xe6\xbc\xa2\xe5\xad\x97\xe3\x81\xaa\nx\n",
	    "wide characters wrapped over two rows (one column left blank) come back whole");
	check(2, 10, "e\xcc\x81t\xc3\xa9", 0, "e\xcc\x81t\xc3\xa9\n", "a combining mark stays with its base");
	check(2, 20, "\033[1;31mred\033[0m plain", CAPTURE_ESCAPES, "\033[0;1;38;5;1mred\033[0m plain\n",
	    "with escapes: a bold red run, then a reset");
	check(2, 20, "\033[38;2;1;2;3mrgb\r\nnext", CAPTURE_ESCAPES,
	    "\033[0;38;2;1;2;3mrgb\033[0m\n\033[0;38;2;1;2;3mnext\033[0m\n",
	    "with escapes: each line ends plain and starts with the pen it had");
	check(2, 20, "\033[1;31mred\033[0m plain", 0, "red plain\n", "without escapes, only the text");

	/* The file. */
	char path[] = "/tmp/ph-capture-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0, "a temporary file");
	close(fd);
	struct term *t = fed(2, 10, "x1\r\nx2\r\nx3");
	char *cause = NULL;
	ok(term_capture_save(t, path, 0, &cause) == 0, "term_capture_save writes it");
	FILE *f = fopen(path, "r");
	char got[64] = "";
	size_t n = f ? fread(got, 1, sizeof got - 1, f) : 0;
	got[n] = '\0';
	if (f)
		fclose(f);
	is_str(got, "x1\nx2\nx3\n", "the file holds the history");
	unlink(path);
	ok(term_capture_save(t, "/nonexistent-dir/h.txt", 0, &cause) == -1 && cause &&
	    strstr(cause, "cannot write /nonexistent-dir/h.txt: No such file or directory"), "a bad path says why: %s",
	    cause ? cause : "(none)");
	free(cause);
	term_free(t);
	return done_testing();
}
