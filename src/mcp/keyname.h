/* keyname.h: the key names an agent gives session_send, as tmux's
 * send-keys takes them: Enter, Tab, BTab, BSpace, Escape, Space, Up, Down,
 * Left, Right, Home, End, PageUp (PPage), PageDown (NPage), Insert (IC),
 * Delete (DC), F1 to F24, or one character; each with any of the prefixes
 * C- (Ctrl), M- (Alt) and S- (Shift). Pure. */
#ifndef PH_KEYNAME_H
#define PH_KEYNAME_H
#include <stdint.h>

struct key_press {
	int is_char;   /* 1: ch with mods (term_key_unichar), 0: key with mods (term_key) */
	uint32_t ch;
	int key;       /* enum term_key */
	int mods;      /* TERM_MOD_* */
};

/* 0, or -1 when name is not a key. */
int keyname_parse(const char *name, struct key_press *k);

#endif
