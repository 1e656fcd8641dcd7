/* utf8.c: UTF-8 decoding, encoding and validation (see utf8.h). Pure; used
 * by every layer that reads or writes text (inert text, key input, the JSON
 * of `porthole exec --json`, the tests). */
#include "config.h"
#include "core/utf8.h"

int utf8_decode(const unsigned char *p, size_t len, uint32_t *cp)
{
	if (len == 0)
		return -1;
	unsigned char c = p[0];
	int n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2; v = c & 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; v = c & 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; v = c & 0x07; min = 0x10000;
	} else
		return -1;
	if ((size_t)n > len)
		return -1;
	for (int i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		v = v << 6 | (p[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*cp = v;
	return n;
}

int utf8_encode(uint32_t cp, char *out)
{
	if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	} else if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	} else if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

int utf8_valid(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int l = utf8_decode(p + i, len - i, &cp);
		if (l < 0)
			return 0;
		i += (size_t)l;
	}
	return 1;
}

int utf8_sanitize(const char *s, size_t len, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	int lossy = 0;
	while (i < len) {
		uint32_t cp;
		int l = utf8_decode(p + i, len - i, &cp);
		if (l < 0) {
			buf_adds(out, "\xef\xbf\xbd");
			lossy = 1;
			i++;
		} else {
			buf_add(out, p + i, (size_t)l);
			i += (size_t)l;
		}
	}
	return lossy;
}
