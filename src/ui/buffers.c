/* buffers.c: the paste buffers, newest first (see buffers.h). */
#include "config.h"
#include "ui/buffers.h"
#include "core/xmalloc.h"
#include <stdlib.h>
#include <string.h>

void paste_buffers_add(struct paste_buffers *b, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	if (b->n == PASTE_BUFFERS_MAX)
		free(b->v[--b->n]);
	memmove(b->v + 1, b->v, b->n * sizeof *b->v);
	b->v[0] = xstrdup(text);
	b->n++;
}

const char *paste_buffers_get(const struct paste_buffers *b, size_t i)
{
	return i < b->n ? b->v[i] : NULL;
}

void paste_buffers_clear(struct paste_buffers *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->v[i]);
	b->n = 0;
}
