/* copykeys.c: the default key tables of copy mode (copymode.h) as data,
 * tmux's copy-mode-vi and copy-mode for the commands copy mode has, and the
 * lookup of a key name in them. Differences from tmux: its copy-pipe
 * commands are copy-selection-and-cancel here (the console owns the
 * clipboard), "/" "?" C-s C-r search plain text (tmux's search-forward
 * takes a regular expression; the regex commands are there for a console
 * that wants them), and vi's y copies as in vim. */
#include "config.h"
#include "session/copymode.h"
#include <stddef.h>
#include <string.h>
#include <strings.h>

#define SEARCH_DOWN "(search down)"
#define SEARCH_UP "(search up)"
#define GOTO_LINE "(goto line)"

static const struct copymode_key vi_keys[] = {
	{ "h", "cursor-left", NULL },
	{ "j", "cursor-down", NULL },
	{ "k", "cursor-up", NULL },
	{ "l", "cursor-right", NULL },
	{ "Left", "cursor-left", NULL },
	{ "Down", "cursor-down", NULL },
	{ "Up", "cursor-up", NULL },
	{ "Right", "cursor-right", NULL },
	{ "BSpace", "cursor-left", NULL },
	{ "C-h", "cursor-left", NULL },
	{ "w", "next-word", NULL },
	{ "b", "previous-word", NULL },
	{ "e", "next-word-end", NULL },
	{ "0", "start-of-line", NULL },
	{ "$", "end-of-line", NULL },
	{ "^", "back-to-indentation", NULL },
	{ "g", "history-top", NULL },
	{ "G", "history-bottom", NULL },
	{ "H", "top-line", NULL },
	{ "M", "middle-line", NULL },
	{ "L", "bottom-line", NULL },
	{ "C-f", "page-down", NULL },
	{ "C-b", "page-up", NULL },
	{ "NPage", "page-down", NULL },
	{ "PPage", "page-up", NULL },
	{ "C-d", "halfpage-down", NULL },
	{ "C-u", "halfpage-up", NULL },
	{ "C-e", "scroll-down", NULL },
	{ "C-y", "scroll-up", NULL },
	{ "C-Down", "scroll-down", NULL },
	{ "C-Up", "scroll-up", NULL },
	{ ":", "goto-line", GOTO_LINE },
	{ "/", "search-forward-text", SEARCH_DOWN },
	{ "?", "search-backward-text", SEARCH_UP },
	{ "n", "search-again", NULL },
	{ "N", "search-reverse", NULL },
	{ "Space", "begin-selection", NULL },
	{ "v", "rectangle-toggle", NULL },
	{ "V", "select-line", NULL },
	{ "C-v", "rectangle-toggle", NULL },
	{ "o", "other-end", NULL },
	{ "Escape", "clear-selection", NULL },
	{ "y", "copy-selection-and-cancel", NULL },
	{ "Enter", "copy-selection-and-cancel", NULL },
	{ "C-j", "copy-selection-and-cancel", NULL },
	{ "q", "cancel", NULL },
	{ "C-c", "cancel", NULL },
};

static const struct copymode_key emacs_keys[] = {
	{ "C-f", "cursor-right", NULL },
	{ "C-b", "cursor-left", NULL },
	{ "C-n", "cursor-down", NULL },
	{ "C-p", "cursor-up", NULL },
	{ "Left", "cursor-left", NULL },
	{ "Down", "cursor-down", NULL },
	{ "Up", "cursor-up", NULL },
	{ "Right", "cursor-right", NULL },
	{ "M-f", "next-word-end", NULL },
	{ "M-b", "previous-word", NULL },
	{ "C-a", "start-of-line", NULL },
	{ "C-e", "end-of-line", NULL },
	{ "Home", "start-of-line", NULL },
	{ "End", "end-of-line", NULL },
	{ "M-m", "back-to-indentation", NULL },
	{ "M-<", "history-top", NULL },
	{ "M->", "history-bottom", NULL },
	{ "M-R", "top-line", NULL },
	{ "M-r", "middle-line", NULL },
	{ "C-v", "page-down", NULL },
	{ "M-v", "page-up", NULL },
	{ "Space", "page-down", NULL },
	{ "NPage", "page-down", NULL },
	{ "PPage", "page-up", NULL },
	{ "M-Down", "halfpage-down", NULL },
	{ "M-Up", "halfpage-up", NULL },
	{ "C-Down", "scroll-down", NULL },
	{ "C-Up", "scroll-up", NULL },
	{ "g", "goto-line", GOTO_LINE },
	{ "C-s", "search-forward-text", SEARCH_DOWN },
	{ "C-r", "search-backward-text", SEARCH_UP },
	{ "n", "search-again", NULL },
	{ "N", "search-reverse", NULL },
	{ "C-Space", "begin-selection", NULL },
	{ "R", "rectangle-toggle", NULL },
	{ "C-g", "clear-selection", NULL },
	{ "M-w", "copy-selection-and-cancel", NULL },
	{ "C-w", "copy-selection-and-cancel", NULL },
	{ "q", "cancel", NULL },
	{ "Escape", "cancel", NULL },
	{ "C-c", "cancel", NULL },
};

const struct copymode_key *copymode_key_table(enum copymode_keys which, int *n)
{
	if (which == COPYMODE_KEYS_EMACS) {
		*n = (int)(sizeof emacs_keys / sizeof emacs_keys[0]);
		return emacs_keys;
	}
	*n = (int)(sizeof vi_keys / sizeof vi_keys[0]);
	return vi_keys;
}

/* The key without its modifier prefixes ("C-M-Up" -> "Up"). */
static const char *key_base(const char *k)
{
	while ((k[0] == 'C' || k[0] == 'M' || k[0] == 'S') && k[1] == '-' && k[2] != '\0')
		k += 2;
	return k;
}

static int key_equal(const char *a, const char *b)
{
	if (strcmp(a, b) == 0)
		return 1;
	const char *ba = key_base(a), *bb = key_base(b);
	size_t pa = (size_t)(ba - a);
	/* Named keys in any case; modifiers and single characters exactly. */
	return pa == (size_t)(bb - b) && strncmp(a, b, pa) == 0 &&
	    strlen(ba) > 1 && strcasecmp(ba, bb) == 0;
}

const struct copymode_key *copymode_key_lookup(enum copymode_keys which, const char *key)
{
	int n;
	const struct copymode_key *tab = copymode_key_table(which, &n);
	for (int i = 0; key != NULL && i < n; i++)
		if (key_equal(tab[i].key, key))
			return &tab[i];
	return NULL;
}
