/* strutil.h: string helpers shared by every layer: making text from the
 * engine inert before it is shown (names, images, commands, error messages),
 * and UTF-8 decoding. Returned strings are owned by the caller (free()). */
#ifndef PH_STRUTIL_H
#define PH_STRUTIL_H
#include <stddef.h>
#include <stdint.h>

/* A copy of s (len bytes) safe to print on a terminal: C0 controls become
 * ^X (ESC is ^[), DEL ^?, C1 controls \u0080..\u009f, bytes that are not
 * valid UTF-8 \xNN; every other character is kept. */
char *str_inert(const char *s);
char *str_inert_n(const char *s, size_t len);

/* Decode one UTF-8 sequence at p (at most len bytes): returns its length
 * (1-4) and sets *cp, or returns -1 for an invalid or truncated sequence. */
int utf8_decode(const unsigned char *p, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room): returns the length. A surrogate or a
 * value past U+10FFFF is encoded as U+FFFD. */
int utf8_encode(uint32_t cp, char *out);

/* Shorten a 64-hex id to 12 characters (a copy). */
char *str_short_id(const char *id);

#endif
