/* keyname.c: tmux-style key names to the terminal model's keys. */
#include "config.h"
#include "mcp/keyname.h"
#include "session/term.h"
#include "core/utf8.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const struct named_key {
	const char *name;
	int key;
	uint32_t ch;   /* when key is TERM_KEY_NONE */
} named_keys[] = {
	{ "Enter", TERM_KEY_ENTER, 0 }, { "Tab", TERM_KEY_TAB, 0 },
	{ "BSpace", TERM_KEY_BACKSPACE, 0 }, { "Backspace", TERM_KEY_BACKSPACE, 0 },
	{ "Escape", TERM_KEY_ESCAPE, 0 }, { "Esc", TERM_KEY_ESCAPE, 0 },
	{ "Space", TERM_KEY_NONE, ' ' },
	{ "Up", TERM_KEY_UP, 0 }, { "Down", TERM_KEY_DOWN, 0 },
	{ "Left", TERM_KEY_LEFT, 0 }, { "Right", TERM_KEY_RIGHT, 0 },
	{ "Home", TERM_KEY_HOME, 0 }, { "End", TERM_KEY_END, 0 },
	{ "PageUp", TERM_KEY_PAGEUP, 0 }, { "PPage", TERM_KEY_PAGEUP, 0 }, { "PgUp", TERM_KEY_PAGEUP, 0 },
	{ "PageDown", TERM_KEY_PAGEDOWN, 0 }, { "NPage", TERM_KEY_PAGEDOWN, 0 }, { "PgDn", TERM_KEY_PAGEDOWN, 0 },
	{ "Insert", TERM_KEY_INS, 0 }, { "IC", TERM_KEY_INS, 0 },
	{ "Delete", TERM_KEY_DEL, 0 }, { "DC", TERM_KEY_DEL, 0 },
};

int keyname_parse(const char *name, struct key_press *k)
{
	memset(k, 0, sizeof *k);
	if (name == NULL || !*name)
		return -1;
	/* Prefixes, but a lone "C" or "-" is a character. */
	while (name[0] && name[1] == '-' && name[2]) {
		switch (name[0]) {
		case 'C': case 'c': k->mods |= TERM_MOD_CTRL; break;
		case 'M': case 'm': k->mods |= TERM_MOD_ALT; break;
		case 'S': case 's': k->mods |= TERM_MOD_SHIFT; break;
		default: return -1;
		}
		name += 2;
	}
	if (strcasecmp(name, "BTab") == 0) {
		k->key = TERM_KEY_TAB;
		k->mods |= TERM_MOD_SHIFT;
		return 0;
	}
	for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++)
		if (strcasecmp(name, named_keys[i].name) == 0) {
			k->key = named_keys[i].key;
			if (k->key == TERM_KEY_NONE) {
				k->is_char = 1;
				k->ch = named_keys[i].ch;
			}
			return 0;
		}
	if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
		char *end;
		long n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 24) {
			k->key = TERM_KEY_F(n);
			return 0;
		}
	}
	uint32_t cp;
	size_t len = strlen(name);
	int l = utf8_decode((const unsigned char *)name, len, &cp);
	if (l > 0 && (size_t)l == len && cp >= 0x20 && cp != 0x7f) {
		k->is_char = 1;
		k->ch = cp;
		return 0;
	}
	return -1;
}
