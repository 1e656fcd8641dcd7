/* test-conf.c: the configuration reader (core/conf.c): words, quotes,
 * comments, the callback's refusals and read errors, each with its line
 * number. */
#include "config.h"
#include "core/conf.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* What the callback saw: each line's words joined by "|", lines by "\n". */
struct seen {
	struct buf text;
	int refuse_at; /* refuse the Nth line (1-based), 0: none */
	int lines;
};

static int on_line(int argc, char **argv, void *arg, char **cause)
{
	struct seen *s = arg;
	s->lines++;
	for (int i = 0; i < argc; i++)
		buf_addf(&s->text, "%s%s", i ? "|" : "", argv[i]);
	buf_adds(&s->text, "\n");
	if (s->lines == s->refuse_at) {
		*cause = xasprintf("no \"%s\" here", argv[0]);
		return -1;
	}
	return 0;
}

/* Parse text; returns what was seen (allocated) and the cause in *cause. */
static char *parse(const char *text, int refuse_at, int *rc, char **cause)
{
	struct seen s = { .refuse_at = refuse_at };
	buf_init(&s.text);
	*cause = NULL;
	*rc = conf_parse("t.conf", text, strlen(text), on_line, &s, cause);
	buf_adds(&s.text, "");
	return buf_steal(&s.text, NULL);
}

static void test_split(void)
{
	char **argv;
	char *cause = NULL;
	int n = conf_split("  set\tprefix   C-a  # a comment", &argv, &cause);
	ok(n == 3 && strcmp(argv[0], "set") == 0 && strcmp(argv[2], "C-a") == 0, "words split on blanks, comment dropped");
	conf_words_free(n, argv);
	n = conf_split("bind list \"a b\" 'c \\\"d' \"e\\\"f\\\\g\" x'#'y", &argv, &cause);
	ok(n == 6, "quoted words count as one (%d)", n);
	if (n == 6) {
		is_str(argv[2], "a b", "double quotes keep blanks");
		is_str(argv[3], "c \\\"d", "single quotes keep everything");
		is_str(argv[4], "e\"f\\g", "\\\" and \\\\ inside double quotes");
		is_str(argv[5], "x#y", "a quoted # is not a comment");
	}
	conf_words_free(n, argv);
	n = conf_split("   # only a comment", &argv, &cause);
	ok(n == 0 && argv == NULL, "a comment line has no words");
	n = conf_split("", &argv, &cause);
	ok(n == 0, "an empty line has no words");
	n = conf_split("set 'unterminated", &argv, &cause);
	ok(n == -1 && cause && strstr(cause, "unterminated single quote"), "an open single quote is an error");
	free(cause);
	cause = NULL;
	n = conf_split("set \"x\\\"", &argv, &cause);
	ok(n == -1 && cause && strstr(cause, "unterminated double quote"), "an escaped closing quote leaves it open");
	free(cause);
	n = conf_split("''", &argv, &cause);
	ok(n == 1 && argv[0][0] == '\0', "'' is an empty word");
	conf_words_free(n, argv);
}

static void test_parse(void)
{
	int rc;
	char *cause;
	char *seen = parse("# porthole\n\nset prefix C-a\r\n  bind prefix t next-tab\nunbind list q", 0, &rc, &cause);
	ok(rc == 0 && cause == NULL, "a good file parses");
	is_str(seen, "set|prefix|C-a\nbind|prefix|t|next-tab\nunbind|list|q\n", "each non-empty line reaches the callback once");
	free(seen);

	seen = parse("set a\n\n# c\nbad line\nset b\n", 2, &rc, &cause);
	ok(rc == -1, "a refused line fails the parse");
	is_str(cause, "t.conf:4: no \"bad\" here", "the message has the file, the line number and the cause");
	is_str(seen, "set|a\nbad|line\n", "nothing after the refused line is read");
	free(seen);
	free(cause);

	seen = parse("set a\nset \"b\n", 0, &rc, &cause);
	is_str(cause, "t.conf:2: unterminated double quote", "a quote error has its line number");
	free(seen);
	free(cause);

	char big[CONF_LINE_MAX + 10];
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	seen = parse(big, 0, &rc, &cause);
	ok(rc == -1 && cause && strstr(cause, "t.conf:1: line longer than"), "an over-long line is refused");
	free(seen);
	free(cause);

	struct seen s = { 0 };
	buf_init(&s.text);
	cause = NULL;
	rc = conf_parse("t.conf", "set a\nset\0b\n", 12, on_line, &s, &cause);
	ok(rc == -1 && cause && strstr(cause, "t.conf:2: a NUL byte"), "a NUL byte is refused");
	buf_free(&s.text);
	free(cause);
}

static void test_read(void)
{
	char path[] = "/tmp/ph-conf-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0, "temp file");
	const char text[] = "set panel off\nbind scroll x leave\n";
	ok(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1), "written");
	close(fd);
	struct seen s = { 0 };
	buf_init(&s.text);
	char *cause = NULL;
	ok(conf_read(path, on_line, &s, &cause) == 0 && s.lines == 2, "a file is read line by line");
	buf_free(&s.text);
	unlink(path);
	errno = 0;
	int rc = conf_read(path, on_line, &s, &cause);
	ok(rc == -1 && errno == ENOENT, "a missing file: -1 with ENOENT");
	ok(cause && strstr(cause, path) && strstr(cause, "No such file"), "and its name in the message");
	free(cause);
	cause = NULL;
	rc = conf_read("/", on_line, &s, &cause);
	ok(rc == -1 && errno != ENOENT && cause != NULL, "a directory is an error, not a missing file");
	free(cause);
}

int main(void)
{
	test_split();
	test_parse();
	test_read();
	return done_testing();
}
