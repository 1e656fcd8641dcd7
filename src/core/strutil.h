/* strutil.h: string helpers shared by every layer: making text from the
 * engine inert before it is shown (names, images, commands, error messages),
 * and short ids; UTF-8 itself is core/utf8.h (included here). Returned strings are owned by the caller (free()). */
#ifndef PH_STRUTIL_H
#define PH_STRUTIL_H
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include "core/utf8.h"

/* A copy of s (len bytes) safe to print on a terminal: C0 controls become
 * ^X (ESC is ^[), DEL ^?, C1 controls \u0080..\u009f, bytes that are not
 * valid UTF-8 \xNN; every other character is kept. */
char *str_inert(const char *s);
char *str_inert_n(const char *s, size_t len);
/* The text fmt makes with ap, made inert (for messages that quote the
 * engine's words). */
char *str_inert_vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Shorten a 64-hex id to 12 characters (a copy). */
char *str_short_id(const char *id);

#endif
