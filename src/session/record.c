/* record.c: asciicast v2 recordings of a tab's output. */
#include "config.h"
#include "session/record.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct recorder {
	char *path;
	FILE *f;
	int64_t t0;
	char partial[4];      /* the start of a sequence the next piece ends */
	size_t npartial;
	char *error;
	int cols, rows;
};

static void fail_write(struct recorder *r)
{
	if (r->error)
		return;
	r->error = xasprintf("cannot write %s: %s", r->path, strerror(errno ? errno : EIO));
	fclose(r->f);
	r->f = NULL;
}

/* One event line: [t, kind, data]. */
static void event(struct recorder *r, int64_t now_ms, const char *kind, const char *data)
{
	if (r->f == NULL)
		return;
	cJSON *a = cJSON_CreateArray();
	double t = (double)(now_ms - r->t0) / 1000.0;
	cJSON_AddItemToArray(a, cJSON_CreateNumber(t < 0 ? 0 : t));
	cJSON_AddItemToArray(a, cJSON_CreateString(kind));
	cJSON_AddItemToArray(a, cJSON_CreateString(data));
	char *line = cJSON_PrintUnformatted(a);
	cJSON_Delete(a);
	if (line == NULL || fputs(line, r->f) == EOF || fputc('\n', r->f) == EOF)
		fail_write(r);
	cJSON_free(line);
}

struct recorder *recorder_open(const char *path, int cols, int rows, const char *title,
    int64_t now_ms, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		*cause = xasprintf("cannot record to %s: %s", path, strerror(errno));
		return NULL;
	}
	struct recorder *r = xcalloc(1, sizeof *r);
	r->path = xstrdup(path);
	r->f = fdopen(fd, "w");
	if (r->f == NULL) {
		close(fd);
		*cause = xasprintf("cannot record to %s: %s", path, strerror(errno));
		free(r->path);
		free(r);
		return NULL;
	}
	r->t0 = now_ms;
	r->cols = cols;
	r->rows = rows;
	cJSON *h = cJSON_CreateObject();
	cJSON_AddNumberToObject(h, "version", 2);
	cJSON_AddNumberToObject(h, "width", cols);
	cJSON_AddNumberToObject(h, "height", rows);
	cJSON_AddNumberToObject(h, "timestamp", (double)time(NULL));
	if (title) {
		struct buf t;
		buf_init(&t);
		utf8_sanitize(title, strlen(title), &t);
		cJSON_AddStringToObject(h, "title", buf_ptr(&t));
		buf_free(&t);
	}
	cJSON *env = cJSON_AddObjectToObject(h, "env");
	cJSON_AddStringToObject(env, "TERM", "xterm-256color"); /* what a tab's exec is given */
	cJSON_AddStringToObject(env, "SHELL", "/bin/sh");
	char *line = cJSON_PrintUnformatted(h);
	cJSON_Delete(h);
	if (line == NULL || fputs(line, r->f) == EOF || fputc('\n', r->f) == EOF) {
		*cause = xasprintf("cannot record to %s: %s", path, strerror(errno ? errno : EIO));
		cJSON_free(line);
		fclose(r->f);
		free(r->path);
		free(r);
		return NULL;
	}
	cJSON_free(line);
	return r;
}

/* How many bytes at the end of p (n bytes) start a sequence that is not
 * complete yet (0 when none). */
static size_t incomplete_tail(const unsigned char *p, size_t n)
{
	for (size_t back = 1; back <= 3 && back <= n; back++) {
		unsigned char c = p[n - back];
		if ((c & 0xc0) == 0x80)
			continue;
		size_t need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
		return need > back && c >= 0xc0 && c < 0xf8 ? back : 0;
	}
	return 0;
}

void recorder_output(struct recorder *r, const char *p, size_t n, int64_t now_ms)
{
	if (r->f == NULL || n == 0)
		return;
	struct buf raw, text;
	buf_init(&raw);
	buf_init(&text);
	buf_add(&raw, r->partial, r->npartial);
	buf_add(&raw, p, n);
	size_t keep = incomplete_tail((const unsigned char *)buf_ptr(&raw), buf_used(&raw));
	r->npartial = keep;
	memcpy(r->partial, buf_ptr(&raw) + buf_used(&raw) - keep, keep);
	utf8_sanitize(buf_ptr(&raw), buf_used(&raw) - keep, &text);
	/* NUL bytes cannot travel in a C string: they show as nothing anyway. */
	size_t w = 0;
	for (size_t i = 0; i < text.len; i++)
		if (text.data[i] != '\0')
			text.data[w++] = text.data[i];
	text.len = w;
	if (text.data)
		text.data[w] = '\0';
	if (w > 0)
		event(r, now_ms, "o", buf_ptr(&text));
	buf_free(&raw);
	buf_free(&text);
}

void recorder_resize(struct recorder *r, int cols, int rows, int64_t now_ms)
{
	if (cols == r->cols && rows == r->rows)
		return;
	r->cols = cols;
	r->rows = rows;
	char size[32];
	snprintf(size, sizeof size, "%dx%d", cols, rows);
	event(r, now_ms, "r", size);
}

const char *recorder_error(const struct recorder *r) { return r->error; }
const char *recorder_path(const struct recorder *r) { return r->path; }

int recorder_close(struct recorder *r)
{
	if (r == NULL)
		return 0;
	int rc = r->error ? -1 : 0;
	if (r->f && fclose(r->f) != 0)
		rc = -1;
	free(r->error);
	free(r->path);
	free(r);
	return rc;
}
