/* test-keyname.c: the key names session_send takes (mcp/keyname.c), and
 * the bytes they become through the terminal model (session/term.h). */
#include "config.h"
#include "mcp/keyname.h"
#include "session/term.h"
#include "core/buf.h"
#include "../tap.h"
#include <string.h>

static struct buf out;
static void on_output(const char *p, size_t n, void *arg) { (void)arg; buf_add(&out, p, n); }

/* The bytes name sends to a fresh terminal. */
static const char *bytes_of(const char *name)
{
	static const struct term_cb cb = { on_output, NULL, NULL, NULL };
	struct term *t = term_new(24, 80, &cb, NULL);
	struct key_press k;
	buf_reset(&out);
	if (keyname_parse(name, &k) != 0) {
		term_free(t);
		return "(not a key)";
	}
	if (k.is_char)
		term_key_unichar(t, k.ch, k.mods);
	else
		term_key(t, k.key, k.mods);
	term_free(t);
	return buf_ptr(&out);
}

int main(void)
{
	buf_init(&out);
	static const char *const v[][2] = {
		{ "Enter", "\r" }, { "Tab", "\t" }, { "BTab", "\033[Z" }, { "Escape", "\033" }, { "Esc", "\033" },
		{ "BSpace", "\177" }, { "Space", " " }, { "Up", "\033[A" }, { "Down", "\033[B" },
		{ "Right", "\033[C" }, { "Left", "\033[D" }, { "Home", "\033[H" }, { "End", "\033[F" },
		{ "PageUp", "\033[5~" }, { "NPage", "\033[6~" }, { "DC", "\033[3~" }, { "F1", "\033OP" },
		{ "F12", "\033[24~" }, { "C-c", "\003" }, { "C-d", "\004" }, { "c-a", "\001" },
		{ "M-x", "\033x" }, { "a", "a" }, { "C", "C" }, { "-", "-" }, { "\xc3\xa9", "\xc3\xa9" },
		{ "enter", "\r" }, { "C-Up", "\033[1;5A" },
	};
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++)
		is_str(bytes_of(v[i][0]), v[i][1], "%s", v[i][0]);
	static const char *const bad[] = { "", "NoSuchKey", "F25", "F0", "X-a", "ab", "C-", "\x01", "\xff" };
	struct key_press k;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ok(keyname_parse(bad[i], &k) == -1, "not a key: \"%s\"", bad[i]);
	buf_free(&out);
	return done_testing();
}
