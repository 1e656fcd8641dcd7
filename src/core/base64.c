/* base64.c: RFC 4648 base64, encoder and strict decoder. */
#include "config.h"
#include "core/base64.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

void base64_encode(const void *p, size_t n, struct buf *out)
{
	const unsigned char *s = p;
	char q[4];
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		if (i + 1 < n)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < n)
			v |= s[i + 2];
		q[0] = b64_alphabet[(v >> 18) & 63];
		q[1] = b64_alphabet[(v >> 12) & 63];
		q[2] = i + 1 < n ? b64_alphabet[(v >> 6) & 63] : '=';
		q[3] = i + 2 < n ? b64_alphabet[v & 63] : '=';
		buf_add(out, q, 4);
	}
}

static int b64_value(char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return -1;
}

int base64_decode(const char *s, size_t n, struct buf *out)
{
	unsigned v = 0;
	int have = 0, pad = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		if (c == '=') {
			pad++;
			continue;
		}
		int d = b64_value(c);
		if (d < 0 || pad)
			return -1;
		v = v << 6 | (unsigned)d;
		if (++have == 4) {
			char b[3] = { (char)(v >> 16), (char)(v >> 8), (char)v };
			buf_add(out, b, 3);
			v = 0;
			have = 0;
		}
	}
	if (have == 1 || pad > 2 || (pad && have + pad != 4))
		return -1;
	if (have == 2) {
		char b = (char)(v >> 4);
		buf_add(out, &b, 1);
	} else if (have == 3) {
		char b[2] = { (char)(v >> 10), (char)(v >> 2) };
		buf_add(out, b, 2);
	}
	return 0;
}
