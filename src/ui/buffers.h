/* buffers.h: the paste buffers: the texts copy mode copied, newest first,
 * at most PASTE_BUFFERS_MAX (the oldest goes when one more comes). Pure
 * data; the console pastes them (paste-buffer, choose-buffer). A list owns
 * its texts; paste_buffers_clear() frees them. */
#ifndef PH_UI_BUFFERS_H
#define PH_UI_BUFFERS_H
#include <stddef.h>

#define PASTE_BUFFERS_MAX 50

struct paste_buffers {
	char *v[PASTE_BUFFERS_MAX];
	size_t n;
};

/* Add a copy of text as the newest; an empty text is not added. */
void paste_buffers_add(struct paste_buffers *b, const char *text);
/* The i-th newest (0: the newest), NULL past the last. */
const char *paste_buffers_get(const struct paste_buffers *b, size_t i);
void paste_buffers_clear(struct paste_buffers *b);

#endif
