/* strutil.c: inert text and short ids (see strutil.h). */
#include "config.h"
#include "core/strutil.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

char *str_inert_n(const char *s, size_t len)
{
	struct buf b;
	buf_init(&b);
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		uint32_t cp;
		int n = utf8_decode(p + i, len - i, &cp);
		if (n < 0) {
			buf_addf(&b, "\\x%02x", p[i]);
			i++;
			continue;
		}
		if (cp < 0x20)
			buf_addf(&b, "^%c", (char)(cp + '@'));
		else if (cp == 0x7f)
			buf_adds(&b, "^?");
		else if (cp >= 0x80 && cp < 0xa0)
			buf_addf(&b, "\\u%04x", (unsigned)cp);
		else
			buf_add(&b, p + i, (size_t)n);
		i += (size_t)n;
	}
	return buf_steal(&b, NULL);
}

char *str_inert(const char *s)
{
	return s ? str_inert_n(s, strlen(s)) : xstrdup("");
}

char *str_inert_vprintf(const char *fmt, va_list ap)
{
	char *m = xvasprintf(fmt, ap);
	char *r = str_inert(m);
	free(m);
	return r;
}

char *str_short_id(const char *id)
{
	return xstrndup(id ? id : "", 12);
}
