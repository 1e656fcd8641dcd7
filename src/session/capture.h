/* capture.h: a term's whole history, the scrollback then the screen, as
 * text: what `save-history` writes to a file. Rows an autowrap continued
 * are joined into one line (as the program wrote it); trailing blanks and
 * the blank rows under the last written one are left out. With
 * CAPTURE_ESCAPES, SGR sequences give each run its attributes and colours
 * (each line starts plain and ends with a reset), so `cat FILE` in a
 * terminal shows it as it was. Headless: reads the term through term.h. */
#ifndef PH_SESSION_CAPTURE_H
#define PH_SESSION_CAPTURE_H
#include <stddef.h>
#include "session/term.h"

#define CAPTURE_ESCAPES 0x1

/* The text (NUL-terminated, *len its length when len is not NULL). The
 * caller frees it. */
char *term_capture(const struct term *t, int flags, size_t *len);
/* Write it to path (created mode 0600, or truncated). 0, or -1 with
 * *cause (allocated). */
int term_capture_save(const struct term *t, const char *path, int flags, char **cause);

#endif
