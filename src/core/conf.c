/* conf.c: configuration files as lines of words (see conf.h). */
#include "config.h"
#include "core/conf.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void conf_words_free(int argc, char **argv)
{
	for (int i = 0; i < argc; i++)
		free(argv[i]);
	free(argv);
}

int conf_split(const char *line, char ***argvp, char **cause)
{
	char **argv = NULL;
	int argc = 0;
	const char *p = line;
	struct buf w;
	buf_init(&w);
	*argvp = NULL;
	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
			p++;
		if (*p == '\0' || *p == '#')
			break;
		buf_reset(&w);
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && *p != '#') {
			char q = *p;
			if (q != '\'' && q != '"') {
				buf_add(&w, p++, 1);
				continue;
			}
			p++;
			while (*p != '\0' && *p != q) {
				if (q == '"' && *p == '\\' && (p[1] == '"' || p[1] == '\\'))
					p++;
				buf_add(&w, p++, 1);
			}
			if (*p != q) {
				*cause = xasprintf("unterminated %s quote", q == '"' ? "double" : "single");
				conf_words_free(argc, argv);
				buf_free(&w);
				return -1;
			}
			p++;
		}
		argv = xreallocarray(argv, (size_t)argc + 1, sizeof *argv);
		argv[argc++] = xstrndup(buf_ptr(&w), buf_used(&w));
	}
	buf_free(&w);
	*argvp = argv;
	return argc;
}

int conf_parse(const char *name, const char *text, size_t len, conf_line_cb cb, void *arg, char **cause)
{
	size_t off = 0;
	int lineno = 0;
	while (off < len) {
		const char *start = text + off;
		const char *nl = memchr(start, '\n', len - off);
		size_t n = nl ? (size_t)(nl - start) : len - off;
		off += n + (nl != NULL);
		lineno++;
		char *why = NULL;
		if (n > CONF_LINE_MAX) {
			why = xasprintf("line longer than %d bytes", CONF_LINE_MAX);
		} else if (memchr(start, '\0', n) != NULL) {
			why = xstrdup("a NUL byte in the line");
		} else {
			char *line = xstrndup(start, n);
			char **argv;
			int argc = conf_split(line, &argv, &why);
			free(line);
			if (argc > 0) {
				if (cb(argc, argv, arg, &why) != 0 && why == NULL)
					why = xstrdup("refused");
			}
			if (argc >= 0)
				conf_words_free(argc, argv);
		}
		if (why != NULL) {
			*cause = xasprintf("%s:%d: %s", name, lineno, why);
			free(why);
			return -1;
		}
	}
	return 0;
}

int conf_read(const char *path, conf_line_cb cb, void *arg, char **cause)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		int e = errno;
		*cause = xasprintf("%s: %s", path, strerror(e));
		errno = e;
		return -1;
	}
	struct buf b;
	buf_init(&b);
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(&b, chunk, n);
		if (buf_used(&b) > 1 << 20)
			break;
	}
	int err = ferror(f);
	fclose(f);
	int rc;
	if (err) {
		*cause = xasprintf("%s: cannot read it", path);
		rc = -1;
	} else if (buf_used(&b) > 1 << 20) {
		*cause = xasprintf("%s: larger than 1 MiB, not a configuration", path);
		rc = -1;
	} else {
		rc = conf_parse(path, buf_ptr(&b), buf_used(&b), cb, arg, cause);
	}
	buf_free(&b);
	errno = 0;
	return rc;
}
