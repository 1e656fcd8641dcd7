/* keys.h: key names as the configuration file and the help screen write
 * them, and the key codes of the console (a character, or a curses KEY_*
 * code): "a", "?", "C-a" to "C-z", "Space", "Enter", "Tab", "Esc",
 * "BSpace", "Up", "Down", "Left", "Right", "PgUp", "PgDn", "Home", "End",
 * "IC", "DC", "F1" to "F12", and "Prefix", which stands in a key table for
 * the prefix key whichever it is (UI_KEY_PREFIX). Names are matched without
 * regard to case except single characters ("q" and "Q" differ). Called by
 * the key tables, the configuration and the help; no curses calls (only its
 * KEY_* numbers). */
#ifndef PH_UI_KEYS_H
#define PH_UI_KEYS_H
#include <stddef.h>

/* The key of a binding that follows the prefix key (see above). */
#define UI_KEY_PREFIX (-2)

/* The code of a key name, or -1 for a name that is not a key. */
int ui_key_parse(const char *name);

/* The name of a key code into buf (always NUL-terminated); "?" for a code
 * without a name. Returns buf. */
char *ui_key_name(int key, char *buf, size_t size);

#endif
