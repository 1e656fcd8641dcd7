/* bindings.h: the console's key tables, one per mode: "list" (the container
 * list has the focus), "prefix" (the key after the prefix key), "scroll"
 * (scroll mode) and "logs" (a logs tab has the focus: it takes no input,
 * so its keys are the console's). A binding is a key and a command line (ui/commands.h). The
 * defaults are configuration text ("bind list q quit" ...) read at start,
 * so the help screen, the status line's hints and porthole(1) show exactly
 * what is in force. No curses; tests build tables with bindings_init().
 *
 * Ownership: a struct ui_bindings owns its bindings and their words;
 * bindings_clear() frees them. Pointers from bindings_find() stay valid
 * until the next bind or unbind. */
#ifndef PH_UI_BINDINGS_H
#define PH_UI_BINDINGS_H
#include <stddef.h>

enum ui_mode { UI_MODE_LIST, UI_MODE_PREFIX, UI_MODE_SCROLL, UI_MODE_LOGS, UI_NMODES };

struct ui_command;
struct ui_binding {
	int key;                       /* a character, a curses KEY_* code, or
	                                * UI_KEY_PREFIX (ui/keys.h) */
	const struct ui_command *cmd;
	int argc;                      /* the command line: argv[0] is the */
	char **argv;                   /* command's name */
};

struct ui_keytable {
	struct ui_binding *v;          /* in the order help shows them */
	size_t n;
};

struct ui_bindings {
	struct ui_keytable mode[UI_NMODES];
};

/* The default tables (their text is bindings_default_text). */
void bindings_init(struct ui_bindings *b);
void bindings_clear(struct ui_bindings *b);
extern const char bindings_default_text[];

/* "list", "prefix", "scroll", "logs" and back. */
int bindings_mode_parse(const char *name, enum ui_mode *mode);
const char *bindings_mode_name(enum ui_mode mode);

/* Bind key in mode to the command line argv (copied). A key already bound
 * keeps its place in the table; a new one goes last. Returns 0, or -1 with
 * *cause (allocated) for an unknown command or wrong arguments. */
int bindings_bind(struct ui_bindings *b, enum ui_mode mode, int key, int argc, char **argv,
    char **cause);
/* Remove key's binding in mode (with prefix_key, the current prefix key: a
 * UI_KEY_PREFIX binding is removed by it too). -1 when it was not bound. */
int bindings_unbind(struct ui_bindings *b, enum ui_mode mode, int key, int prefix_key);
/* The binding of key in mode: an exact one, else a UI_KEY_PREFIX binding
 * when key is prefix_key. NULL when none. */
const struct ui_binding *bindings_find(const struct ui_bindings *b, enum ui_mode mode, int key,
    int prefix_key);
/* The first binding in mode of the command named name, or NULL. */
const struct ui_binding *bindings_first(const struct ui_bindings *b, enum ui_mode mode,
    const char *name);

/* The name of b's key (the prefix key's for UI_KEY_PREFIX) into buf. */
char *bindings_key_name(const struct ui_binding *b, int prefix_key, char *buf, size_t size);
/* How many bindings from t->v[i] on run the same command (at least 1):
 * they share one line of help. */
size_t bindings_group(const struct ui_keytable *t, size_t i);
/* The key names of the n bindings from v, joined with "/"; three or more
 * consecutive digits as a range ("0-9"). Allocated. */
char *bindings_keys_text(const struct ui_binding *v, size_t n, int prefix_key);

#endif
