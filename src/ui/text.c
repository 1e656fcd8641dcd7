/* text.c: display width, word wrap and cutting with a mark (see text.h). */
#include "config.h"
#include "ui/text.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <string.h>
#include <wchar.h>

/* Columns of the character at p, and its length in *len. */
static int char_width(const char *p, size_t n, size_t *len)
{
	uint32_t cp;
	int l = utf8_decode((const unsigned char *)p, n, &cp);
	if (l < 0) {
		*len = 1;
		return 1;
	}
	*len = (size_t)l;
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	int w = 0;
	size_t n = strlen(s), len;
	for (size_t i = 0; i < n; i += len)
		w += char_width(s + i, n - i, &len);
	return w;
}

void text_wrap(const char *s, int width, struct strv *out)
{
	struct buf line;
	buf_init(&line);
	int col = 0;
	if (width < 1)
		width = 1;
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		while (i < n && s[i] == ' ')
			i++;
		size_t start = i, len;
		int ww = 0;
		while (i < n && s[i] != ' ') {
			int cw = char_width(s + i, n - i, &len);
			if (ww + cw > width)
				break; /* a word wider than the line: cut it */
			ww += cw;
			i += len;
		}
		if (i == start)
			continue;
		if (col > 0 && col + 1 + ww > width) {
			strv_push(out, buf_ptr(&line));
			buf_reset(&line);
			col = 0;
		}
		if (col > 0) {
			buf_add(&line, " ", 1);
			col++;
		}
		buf_add(&line, s + start, i - start);
		col += ww;
	}
	if (col > 0)
		strv_push(out, buf_ptr(&line));
	buf_free(&line);
}

char *text_fit(const char *s, int width, const char *mark)
{
	if (width < 1)
		return xstrdup("");
	if (text_width(s) <= width)
		return xstrdup(s);
	int mw = text_width(mark);
	struct buf out;
	buf_init(&out);
	int col = 0;
	size_t n = strlen(s), len;
	for (size_t i = 0; i < n; i += len) {
		int cw = char_width(s + i, n - i, &len);
		if (col + cw > width - mw)
			break;
		buf_add(&out, s + i, len);
		col += cw;
	}
	if (mw <= width)
		buf_add(&out, mark, strlen(mark));
	char *r = xstrdup(buf_ptr(&out));
	buf_free(&out);
	return r;
}
