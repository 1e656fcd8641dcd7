/* keys.c: key names to key codes and back (see keys.h); used by the key
 * tables, the configuration and the help screen. */
#include "config.h"
#include "ui/keys.h"
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Space", ' ' }, { "Enter", '\n' }, { "Tab", '\t' }, { "Esc", 27 }, { "BSpace", 127 },
	{ "Up", KEY_UP }, { "Down", KEY_DOWN }, { "Left", KEY_LEFT }, { "Right", KEY_RIGHT },
	{ "PgUp", KEY_PPAGE }, { "PgDn", KEY_NPAGE }, { "Home", KEY_HOME }, { "End", KEY_END },
	{ "IC", KEY_IC }, { "DC", KEY_DC }, { "Prefix", UI_KEY_PREFIX },
};

int ui_key_parse(const char *name)
{
	size_t n = strlen(name);
	if (n == 1 && name[0] > ' ' && name[0] < 0x7f)
		return (unsigned char)name[0];
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(name, named[i].name) == 0)
			return named[i].key;
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-') {
		char c = name[2];
		if (c >= 'a' && c <= 'z')
			return c - 'a' + 1;
		if (c >= 'A' && c <= 'Z')
			return c - 'A' + 1;
		return -1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3) {
		int f = 0;
		for (size_t i = 1; i < n; i++) {
			if (name[i] < '0' || name[i] > '9')
				return -1;
			f = f * 10 + (name[i] - '0');
		}
		if (f >= 1 && f <= 12 && name[1] != '0')
			return KEY_F(f);
	}
	return -1;
}

char *ui_key_name(int key, char *buf, size_t size)
{
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "%s", named[i].name);
			return buf;
		}
	if (key > ' ' && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else if (key >= 1 && key <= 26)
		snprintf(buf, size, "C-%c", 'a' + key - 1);
	else if (key >= KEY_F(1) && key <= KEY_F(12))
		snprintf(buf, size, "F%d", key - KEY_F0);
	else
		snprintf(buf, size, "?");
	return buf;
}
