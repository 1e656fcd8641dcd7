/* fuzz.h: what the fuzz targets share. Each target defines
 * LLVMFuzzerTestOneInput(); it is linked either with libFuzzer (configure
 * --enable-fuzz, `make fuzz`) or with standalone.c, which runs it over the
 * seed corpus as a regression test under `make check`. A target checks what
 * must hold for every input with FUZZ_CHECK: a failed check aborts, which
 * both drivers report as a finding. */
#ifndef PH_FUZZ_H
#define PH_FUZZ_H
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: fuzz check failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* Calls fn on each non-empty line of the input (without its newline), for
 * the targets whose input is one object a line, as the engine streams them. */
static inline void fuzz_each_line(const uint8_t *data, size_t size,
				  void (*fn)(const char *line, size_t len))
{
	const char *p = (const char *)data, *end = p + size;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len > 0)
			fn(p, len);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

#endif
