/* httphead.c: HTTP/1.x response head parser (see httphead.h). */
#include "config.h"
#include "engine/httphead.h"
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *find_end(const char *p, size_t len)
{
	for (size_t i = 0; i + 3 < len; i++)
		if (p[i] == '\r' && p[i + 1] == '\n' && p[i + 2] == '\r' && p[i + 3] == '\n')
			return p + i + 4;
	return NULL;
}

static int header_is(const char *line, size_t n, const char *name, const char **value, size_t *vlen)
{
	size_t k = strlen(name);
	if (n <= k || strncasecmp(line, name, k) != 0 || line[k] != ':')
		return 0;
	const char *v = line + k + 1, *e = line + n;
	while (v < e && (*v == ' ' || *v == '\t'))
		v++;
	while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*value = v;
	*vlen = (size_t)(e - v);
	return 1;
}

static int has_token(const char *v, size_t n, const char *tok)
{
	size_t k = strlen(tok);
	for (size_t i = 0; i + k <= n; i++)
		if (strncasecmp(v + i, tok, k) == 0)
			return 1;
	return 0;
}

long httphead_parse(const char *p, size_t len, struct http_head *h, const char **cause)
{
	memset(h, 0, sizeof *h);
	h->content_length = -1;
	const char *end = find_end(p, len > HTTPHEAD_MAX ? HTTPHEAD_MAX : len);
	if (end == NULL) {
		if (len >= HTTPHEAD_MAX) {
			*cause = "response head too long";
			return -1;
		}
		if (len >= 5 && strncmp(p, "HTTP/", 5) != 0) {
			*cause = "not an HTTP response";
			return -1;
		}
		return 0;
	}
	/* Status line: HTTP/1.x SP 3DIGIT SP reason */
	if (len < 12 || strncmp(p, "HTTP/1.", 7) != 0 || p[8] != ' ' ||
	    !isdigit((unsigned char)p[9]) || !isdigit((unsigned char)p[10]) ||
	    !isdigit((unsigned char)p[11])) {
		*cause = "malformed HTTP status line";
		return -1;
	}
	h->status = (p[9] - '0') * 100 + (p[10] - '0') * 10 + (p[11] - '0');
	if (h->status < 100 || h->status > 599) {
		*cause = "HTTP status out of range";
		return -1;
	}
	const char *line = memchr(p, '\n', (size_t)(end - p));
	line = line ? line + 1 : end;
	while (line < end - 2) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			break;
		size_t n = (size_t)(nl - line);
		if (n > 0 && line[n - 1] == '\r')
			n--;
		const char *v;
		size_t vl;
		if (header_is(line, n, "Content-Length", &v, &vl)) {
			char tmp[32];
			if (vl == 0 || vl >= sizeof tmp) {
				*cause = "bad Content-Length";
				return -1;
			}
			memcpy(tmp, v, vl);
			tmp[vl] = '\0';
			char *e;
			errno = 0;
			long long cl = strtoll(tmp, &e, 10);
			if (*e != '\0' || cl < 0 || errno == ERANGE) {
				*cause = "bad Content-Length";
				return -1;
			}
			h->content_length = cl;
		} else if (header_is(line, n, "Transfer-Encoding", &v, &vl)) {
			h->chunked = has_token(v, vl, "chunked");
		} else if (header_is(line, n, "Upgrade", &v, &vl)) {
			h->upgrade = 1;
		} else if (header_is(line, n, "Content-Type", &v, &vl)) {
			h->multiplexed = has_token(v, vl, "multiplexed-stream");
		}
		line = nl + 1;
	}
	return (long)(end - p);
}
