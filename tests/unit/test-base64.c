/* test-base64.c: base64 (core/base64.c) against RFC 4648's test vectors,
 * every byte value round-tripped, and the decoder's refusals. */
#include "config.h"
#include "core/base64.h"
#include "../tap.h"
#include <string.h>

int main(void)
{
	static const char *const v[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" }, { "foo", "Zm9v" },
		{ "foob", "Zm9vYg==" }, { "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		struct buf b;
		buf_init(&b);
		base64_encode(v[i][0], strlen(v[i][0]), &b);
		is_str(buf_ptr(&b), v[i][1], "encode \"%s\"", v[i][0]);
		buf_reset(&b);
		ok(base64_decode(v[i][1], strlen(v[i][1]), &b) == 0 && buf_used(&b) == strlen(v[i][0]) &&
		    memcmp(buf_ptr(&b), v[i][0], buf_used(&b)) == 0, "decode \"%s\"", v[i][1]);
		buf_free(&b);
	}
	unsigned char all[256];
	for (int i = 0; i < 256; i++)
		all[i] = (unsigned char)i;
	struct buf e, d;
	buf_init(&e);
	buf_init(&d);
	base64_encode(all, sizeof all, &e);
	ok(base64_decode(buf_ptr(&e), buf_used(&e), &d) == 0 && buf_used(&d) == 256 && memcmp(buf_ptr(&d), all, 256) == 0,
	    "every byte value round-trips");
	buf_reset(&d);
	ok(base64_decode("//5B\nAEIK", 9, &d) == 0 && buf_used(&d) == 6 && memcmp(buf_ptr(&d), "\xff\xfe" "A\0B\n", 6) == 0,
	    "ff fe 41 00 42 0a, with a newline in the text");
	buf_reset(&d);
	ok(base64_decode("Zm8", 3, &d) == 0 && buf_used(&d) == 2, "padding is optional");
	static const char *const bad[] = { "Z", "Zm9v!", "Zg=a", "Zg===", "=Zg=", "Zm9vY" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf_reset(&d);
		ok(base64_decode(bad[i], strlen(bad[i]), &d) == -1, "refused: \"%s\"", bad[i]);
	}
	buf_free(&e);
	buf_free(&d);
	return done_testing();
}
