/* test-keys.c: key names to codes and back (ui/keys.c), as the
 * configuration file and the help screen use them. No terminal needed. */
#include "config.h"
#include "ui/keys.h"
#include "../tap.h"
#include <curses.h>
#include <string.h>

int main(void)
{
	is_int(ui_key_parse("q"), 'q', "a character is itself");
	is_int(ui_key_parse("Q"), 'Q', "single characters keep their case");
	is_int(ui_key_parse("C-a"), 1, "C-a");
	is_int(ui_key_parse("C-B"), 2, "C-B is C-b");
	is_int(ui_key_parse("C-z"), 26, "C-z");
	is_int(ui_key_parse("Enter"), '\n', "Enter");
	is_int(ui_key_parse("tab"), '\t', "names match without case");
	is_int(ui_key_parse("PgUp"), KEY_PPAGE, "PgUp");
	is_int(ui_key_parse("F12"), KEY_F(12), "F12");
	is_int(ui_key_parse("Space"), ' ', "Space");
	const char *bad[] = { "", "C-", "C-1", "F0", "F13", "F01", "ab", "Ctrl-a", " ", "\x1b", "\xc3\xa9" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		is_int(ui_key_parse(bad[i]), -1, "\"%s\" is not a key name", i == 9 ? "ESC" : bad[i]);

	/* Every name parses back to its code. */
	const int keys[] = { 'a', '?', '[', 1, 2, 26, '\n', '\t', 27, 127, ' ', KEY_UP, KEY_DOWN, KEY_LEFT,
		KEY_RIGHT, KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END, KEY_IC, KEY_DC, KEY_F(1), KEY_F(12) };
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		char name[16];
		ui_key_name(keys[i], name, sizeof name);
		is_int(ui_key_parse(name), keys[i], "%s names key %d and back", name, keys[i]);
	}
	char name[16];
	is_str(ui_key_name(2, name, sizeof name), "C-b", "code 2 is C-b");
	is_str(ui_key_name(0x1234, name, sizeof name), "?", "a code without a name");
	char tiny[3];
	is_str(ui_key_name(KEY_PPAGE, tiny, sizeof tiny), "Pg", "a short buffer is cut, not overrun");
	return done_testing();
}
