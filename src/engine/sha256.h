/* sha256.h: SHA-256 (FIPS 180-4) of a byte string, as lowercase hex.
 * The docker CLI names a context's directory in its store by the SHA-256 of
 * the context's name; that is the only use, so a small own implementation
 * serves instead of linking a crypto library directly. Pure, no I/O. */
#ifndef PH_SHA256_H
#define PH_SHA256_H
#include <stddef.h>
#include <stdint.h>

/* Writes the 32-byte digest of data[0..len) to out. */
void sha256(const void *data, size_t len, uint8_t out[32]);
/* Writes the digest as 64 lowercase hex digits and a NUL to hex. */
void sha256_hex(const void *data, size_t len, char hex[65]);

#endif
