/* base64.h: standard base64 (RFC 4648, with padding), for bytes that cannot
 * travel as JSON text: an exec's output that is not UTF-8 and input given
 * as base64 by an MCP client. Pure functions into the caller's buf. */
#ifndef PH_BASE64_H
#define PH_BASE64_H
#include <stddef.h>
#include "core/buf.h"

/* Append the base64 of the n bytes at p to out. */
void base64_encode(const void *p, size_t n, struct buf *out);
/* Append the bytes that the base64 text s (n chars) stands for to out.
 * Padding is optional; whitespace (space, tab, CR, LF) is skipped. Returns
 * 0, or -1 for any other character or a truncated group (out then holds
 * what was decoded before it). */
int base64_decode(const char *s, size_t n, struct buf *out);

#endif
