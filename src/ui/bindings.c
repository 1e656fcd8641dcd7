/* bindings.c: the key tables per mode and their defaults, written as
 * configuration lines (see bindings.h). */
#include "config.h"
#include "ui/bindings.h"
#include "ui/commands.h"
#include "ui/keys.h"
#include "core/buf.h"
#include "core/conf.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* In the order the help screen shows them; adjacent keys of one command
 * share a help line. */
const char bindings_default_text[] =
	"bind list Down down\n"
	"bind list j down\n"
	"bind list Up up\n"
	"bind list k up\n"
	"bind list Enter shell\n"
	"bind list e exec\n"
	"bind list l logs\n"
	"bind list i panel\n"
	"bind list / filter\n"
	"bind list Tab focus-terminal\n"
	"bind list ? help\n"
	"bind list q quit\n"

	"bind prefix n next-tab\n"
	"bind prefix p previous-tab\n"
	"bind prefix 0 select-tab 0\n"
	"bind prefix 1 select-tab 1\n"
	"bind prefix 2 select-tab 2\n"
	"bind prefix 3 select-tab 3\n"
	"bind prefix 4 select-tab 4\n"
	"bind prefix 5 select-tab 5\n"
	"bind prefix 6 select-tab 6\n"
	"bind prefix 7 select-tab 7\n"
	"bind prefix 8 select-tab 8\n"
	"bind prefix 9 select-tab 9\n"
	"bind prefix c new-tab\n"
	"bind prefix x close-tab\n"
	"bind prefix r respawn\n"
	"bind prefix l focus-list\n"
	"bind prefix L toggle-list\n"
	"bind prefix i panel\n"
	"bind prefix [ copy-mode\n"
	"bind prefix ] paste-buffer\n"
	"bind prefix = choose-buffer\n"
	"bind prefix : command-prompt\n"
	"bind prefix S sync-input toggle\n"
	"bind prefix M sync-mark\n"
	"bind prefix ? help\n"
	"bind prefix q quit\n"
	"bind prefix E engine-prompt\n"
	"bind prefix Prefix send-prefix\n"
	"bind scroll PgUp page-up\n"
	"bind scroll PgDn page-down\n"
	"bind scroll Up line-up\n"
	"bind scroll k line-up\n"
	"bind scroll Down line-down\n"
	"bind scroll j line-down\n"
	"bind scroll g top\n"
	"bind scroll q leave\n"
	"bind scroll G leave\n"
	"bind scroll Esc leave\n"
	"bind logs t logs-timestamps\n"
	"bind logs PgUp scroll-page-up\n"
	"bind logs [ scroll\n"
	"bind logs l focus-list\n"
	"bind logs Tab focus-list\n";

static const char *const mode_names[UI_NMODES] = { "list", "prefix", "scroll", "logs" };

int bindings_mode_parse(const char *name, enum ui_mode *mode)
{
	for (int i = 0; i < UI_NMODES; i++)
		if (strcmp(name, mode_names[i]) == 0) {
			*mode = (enum ui_mode)i;
			return 0;
		}
	return -1;
}

const char *bindings_mode_name(enum ui_mode mode)
{
	return mode_names[mode];
}

static void binding_free(struct ui_binding *bd)
{
	conf_words_free(bd->argc, bd->argv);
	bd->argv = NULL;
	bd->argc = 0;
}

void bindings_clear(struct ui_bindings *b)
{
	for (int m = 0; m < UI_NMODES; m++) {
		for (size_t i = 0; i < b->mode[m].n; i++)
			binding_free(&b->mode[m].v[i]);
		free(b->mode[m].v);
		b->mode[m].v = NULL;
		b->mode[m].n = 0;
	}
}

static struct ui_binding *find_exact(struct ui_keytable *t, int key)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->v[i].key == key)
			return &t->v[i];
	return NULL;
}

int bindings_bind(struct ui_bindings *b, enum ui_mode mode, int key, int argc, char **argv,
    char **cause)
{
	const struct ui_command *cmd = argc > 0 ? ui_command_find(argv[0]) : NULL;
	if (cmd == NULL) {
		*cause = xasprintf("unknown command \"%s\" (the names are in porthole(1))", argc > 0 ? argv[0] : "");
		return -1;
	}
	if (ui_command_check(cmd, argc, argv, cause) != 0)
		return -1;
	struct ui_keytable *t = &b->mode[mode];
	struct ui_binding *bd = find_exact(t, key);
	if (bd != NULL) {
		binding_free(bd);
	} else {
		t->v = xreallocarray(t->v, t->n + 1, sizeof *t->v);
		bd = &t->v[t->n++];
		bd->key = key;
	}
	bd->cmd = cmd;
	bd->argc = argc;
	bd->argv = xcalloc((size_t)argc + 1, sizeof *bd->argv);
	for (int i = 0; i < argc; i++)
		bd->argv[i] = xstrdup(argv[i]);
	return 0;
}

int bindings_unbind(struct ui_bindings *b, enum ui_mode mode, int key, int prefix_key)
{
	struct ui_keytable *t = &b->mode[mode];
	int n = 0;
	for (size_t i = 0; i < t->n;) {
		if (t->v[i].key == key || (t->v[i].key == UI_KEY_PREFIX && key == prefix_key)) {
			binding_free(&t->v[i]);
			memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
			t->n--;
			n++;
		} else {
			i++;
		}
	}
	return n > 0 ? 0 : -1;
}

const struct ui_binding *bindings_find(const struct ui_bindings *b, enum ui_mode mode, int key,
    int prefix_key)
{
	const struct ui_keytable *t = &b->mode[mode];
	const struct ui_binding *via_prefix = NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].key == key)
			return &t->v[i];
		if (t->v[i].key == UI_KEY_PREFIX && key == prefix_key && via_prefix == NULL)
			via_prefix = &t->v[i];
	}
	return via_prefix;
}

const struct ui_binding *bindings_first(const struct ui_bindings *b, enum ui_mode mode,
    const char *name)
{
	const struct ui_keytable *t = &b->mode[mode];
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->v[i].argv[0], name) == 0)
			return &t->v[i];
	return NULL;
}

/* A default line: "bind MODE KEY COMMAND [ARGS]". */
static int default_line(int argc, char **argv, void *arg, char **cause)
{
	struct ui_bindings *b = arg;
	enum ui_mode mode;
	int key;
	if (argc < 4 || strcmp(argv[0], "bind") != 0 || bindings_mode_parse(argv[1], &mode) != 0 ||
	    (key = ui_key_parse(argv[2])) == -1) {
		*cause = xstrdup("not a binding");
		return -1;
	}
	return bindings_bind(b, mode, key, argc - 3, argv + 3, cause);
}

void bindings_init(struct ui_bindings *b)
{
	char *cause = NULL;
	memset(b, 0, sizeof *b);
	if (conf_parse("default bindings", bindings_default_text, strlen(bindings_default_text),
	    default_line, b, &cause) != 0) {
		/* The text above is part of the program: a bad line is a bug. */
		fprintf(stderr, "porthole: %s\n", cause);
		abort();
	}
}

char *bindings_key_name(const struct ui_binding *b, int prefix_key, char *buf, size_t size)
{
	return ui_key_name(b->key == UI_KEY_PREFIX ? prefix_key : b->key, buf, size);
}

size_t bindings_group(const struct ui_keytable *t, size_t i)
{
	size_t n = 1;
	while (i + n < t->n && strcmp(t->v[i + n].argv[0], t->v[i].argv[0]) == 0)
		n++;
	return n;
}

static int is_digit_key(int key)
{
	return key >= '0' && key <= '9';
}

char *bindings_keys_text(const struct ui_binding *v, size_t n, int prefix_key)
{
	struct buf out;
	buf_init(&out);
	for (size_t i = 0; i < n;) {
		char name[16];
		size_t run = 1;
		while (is_digit_key(v[i].key) && i + run < n && v[i + run].key == v[i].key + (int)run)
			run++;
		if (out.len)
			buf_add(&out, "/", 1);
		if (run >= 3) {
			buf_addf(&out, "%c-%c", v[i].key, v[i + run - 1].key);
		} else {
			run = 1;
			buf_addf(&out, "%s", bindings_key_name(&v[i], prefix_key, name, sizeof name));
		}
		i += run;
	}
	char *s = xstrdup(buf_ptr(&out));
	buf_free(&out);
	return s;
}
