/* utf8.h: the one UTF-8 codec and validator of porthole: decode one
 * sequence, encode one code point, check a byte string, and copy a byte
 * string with every invalid byte replaced by U+FFFD. Pure functions: no
 * allocation except into the caller's buf. A sequence is valid when it is
 * the shortest form of a code point up to U+10FFFF that is not a surrogate.
 * Used by core/strutil.c (inert text), the console's key input, the JSON of
 * `porthole exec --json` (engine/json.c) and the tests and fuzzers. */
#ifndef PH_UTF8_H
#define PH_UTF8_H
#include <stddef.h>
#include <stdint.h>
#include "core/buf.h"

/* Decode one UTF-8 sequence at p (at most len bytes): returns its length
 * (1-4) and sets *cp, or returns -1 for an invalid or truncated sequence. */
int utf8_decode(const unsigned char *p, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room): returns the length. A surrogate or a
 * value past U+10FFFF is encoded as U+FFFD. */
int utf8_encode(uint32_t cp, char *out);
/* 1 when the len bytes at s are all valid UTF-8 (an empty string is). */
int utf8_valid(const char *s, size_t len);
/* Append the len bytes at s to out, each byte that does not start a valid
 * sequence replaced by U+FFFD. Returns 1 when any byte was replaced. */
int utf8_sanitize(const char *s, size_t len, struct buf *out);

#endif
