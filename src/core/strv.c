/* strv.c: growable string vectors (see strv.h). Used by every layer: the
 * engine's models, exec commands and environments, the console's command
 * line words. */
#include "config.h"
#include "core/strv.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <stdlib.h>

void strv_clear(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

void strv_push(struct strv *s, const char *str)
{
	s->v = xreallocarray(s->v, s->n + 1, sizeof *s->v);
	s->v[s->n++] = xstrdup(str);
}

char *strv_join(const struct strv *s, const char *sep)
{
	struct buf b;
	buf_init(&b);
	for (size_t i = 0; i < s->n; i++) {
		if (i)
			buf_adds(&b, sep);
		buf_adds(&b, s->v[i]);
	}
	return buf_steal(&b, NULL);
}

void strv_copy(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		strv_push(dst, src->v[i]);
}
