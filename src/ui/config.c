/* config.c: the configuration's lines (set, bind, unbind) and the choice
 * and reading of the file (see config.h). */
#include "config.h"
#include "ui/config.h"
#include "ui/commands.h"
#include "ui/keys.h"
#include "core/conf.h"
#include "core/xmalloc.h"
#include "session/term.h"
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ui_config_init(struct ui_config *c)
{
	memset(c, 0, sizeof *c);
	c->prefix_key = UI_PREFIX_KEY_DEFAULT;
	c->scrollback = TERM_SCROLLBACK_DEFAULT;
	c->show_panel = 1;
	c->show_list = 1;
	c->logs_tail = UI_LOGS_TAIL_DEFAULT;
	bindings_init(&c->binds);
}

void ui_config_clear(struct ui_config *c)
{
	bindings_clear(&c->binds);
}

static int parse_on_off(const char *v, int *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

static int config_set(struct ui_config *c, int argc, char **argv, char **cause)
{
	if (argc != 3) {
		*cause = xstrdup("usage: set prefix|scrollback|panel|list|leave-running|logs-tail|"
		    "logs-timestamps|logs-stderr-prefix|audit-log|clipboard|mouse|mode-keys VALUE");
		return -1;
	}
	const char *k = argv[1], *v = argv[2];
	if (strcmp(k, "logs-tail") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (strcmp(v, "all") == 0)
			n = -1;
		else if (end == v || *end || n < 0 || n > 10000000) {
			*cause = xasprintf("bad logs-tail \"%s\": give 0 to 10000000 lines or all", v);
			return -1;
		}
		c->logs_tail = n;
		return 0;
	}
	if (strcmp(k, "mode-keys") == 0) {
		if (strcmp(v, "vi") != 0 && strcmp(v, "emacs") != 0) {
			*cause = xasprintf("bad mode-keys \"%s\": give vi or emacs", v);
			return -1;
		}
		c->mode_keys_emacs = strcmp(v, "emacs") == 0;
		return 0;
	}
	if (strcmp(k, "audit-log") == 0) {
		if (strlen(v) >= sizeof c->audit_log) {
			*cause = xasprintf("audit-log: the path is too long (at most %zu bytes)", sizeof c->audit_log - 1);
			return -1;
		}
		snprintf(c->audit_log, sizeof c->audit_log, "%s", strcmp(v, "off") == 0 ? "" : v);
		return 0;
	}
	if (strcmp(k, "logs-stderr-prefix") == 0) {
		if (strlen(v) >= sizeof c->logs_stderr_prefix) {
			*cause = xasprintf("logs-stderr-prefix is too long (at most %zu bytes)",
			    sizeof c->logs_stderr_prefix - 1);
			return -1;
		}
		snprintf(c->logs_stderr_prefix, sizeof c->logs_stderr_prefix, "%s", v);
		return 0;
	}
	if (strcmp(k, "prefix") == 0) {
		int key = ui_key_parse(v);
		if (key < 1 || key > 0x7e) {
			*cause = xasprintf("bad prefix \"%s\": give a character or C-a to C-z", v);
			return -1;
		}
		c->prefix_key = key;
		return 0;
	}
	if (strcmp(k, "scrollback") == 0) {
		char *end;
		long n = strtol(v, &end, 10);
		if (end == v || *end || n < 0 || n > 1000000) {
			*cause = xasprintf("bad scrollback \"%s\": give 0 to 1000000 lines", v);
			return -1;
		}
		c->scrollback = (int)n;
		return 0;
	}
	int *flag = strcmp(k, "panel") == 0 ? &c->show_panel : strcmp(k, "list") == 0 ? &c->show_list :
	    strcmp(k, "leave-running") == 0 ? &c->leave_running :
	    strcmp(k, "logs-timestamps") == 0 ? &c->logs_timestamps :
	    strcmp(k, "clipboard") == 0 ? &c->clipboard : strcmp(k, "mouse") == 0 ? &c->mouse : NULL;
	if (flag == NULL) {
		*cause = xasprintf("unknown setting \"%s\" (the settings are in porthole(1))", k);
		return -1;
	}
	if (parse_on_off(v, flag) != 0) {
		*cause = xasprintf("bad %s \"%s\": give on or off", k, v);
		return -1;
	}
	return 0;
}

static int config_bind(struct ui_config *c, int argc, char **argv, char **cause)
{
	int bind = strcmp(argv[0], "bind") == 0;
	enum ui_mode mode;
	if (bind ? argc < 4 : argc != 3) {
		*cause = xstrdup(bind ? "usage: bind list|prefix|scroll|logs KEY COMMAND [ARGUMENTS]" :
		    "usage: unbind list|prefix|scroll|logs KEY");
		return -1;
	}
	if (bindings_mode_parse(argv[1], &mode) != 0) {
		*cause = xasprintf("unknown mode \"%s\" (list, prefix, scroll or logs)", argv[1]);
		return -1;
	}
	int key = ui_key_parse(argv[2]);
	if (key == -1) {
		*cause = xasprintf("unknown key \"%s\"", argv[2]);
		return -1;
	}
	if (!bind) {
		if (bindings_unbind(&c->binds, mode, key, c->prefix_key) != 0) {
			*cause = xasprintf("%s is not bound in %s mode", argv[2], argv[1]);
			return -1;
		}
		return 0;
	}
	/* "bind prefix 5 select-tab": a command that wants a number and gets
	 * none takes the digit of its key. */
	const struct ui_command *cmd = ui_command_find(argv[3]);
	if (cmd && cmd->numeric && cmd->nargs == 1 && argc == 4 && key >= '0' && key <= '9') {
		char digit[2] = { (char)key, '\0' };
		char *words[2] = { argv[3], digit };
		return bindings_bind(&c->binds, mode, key, 2, words, cause);
	}
	return bindings_bind(&c->binds, mode, key, argc - 3, argv + 3, cause);
}

int ui_config_is_line(const char *verb)
{
	return strcmp(verb, "set") == 0 || strcmp(verb, "bind") == 0 || strcmp(verb, "unbind") == 0;
}

int ui_config_line(struct ui_config *c, int argc, char **argv, char **cause)
{
	if (strcmp(argv[0], "set") == 0)
		return config_set(c, argc, argv, cause);
	if (strcmp(argv[0], "bind") == 0 || strcmp(argv[0], "unbind") == 0)
		return config_bind(c, argc, argv, cause);
	*cause = xasprintf("unknown command \"%s\" (set, bind or unbind)", argv[0]);
	return -1;
}

static int file_line(int argc, char **argv, void *arg, char **cause)
{
	return ui_config_line(arg, argc, argv, cause);
}

int ui_config_load(struct ui_config *c, const char *explicit_path, char **cause)
{
	ui_config_init(c);
	const char *path = explicit_path;
	char *dflt = NULL;
	const char *env = getenv("PORTHOLE_CONFIG");
	if (path == NULL && env && *env)
		path = env;
	if (path == NULL) {
		const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
		if (xdg && *xdg == '/')
			dflt = xasprintf("%s/porthole/porthole.conf", xdg);
		else if (home && *home)
			dflt = xasprintf("%s/.config/porthole/porthole.conf", home);
		else
			return 0;
		path = dflt;
	}
	int rc = conf_read(path, file_line, c, cause);
	if (rc != 0 && dflt != NULL && errno == ENOENT) {
		/* The default file is optional. */
		free(*cause);
		*cause = NULL;
		rc = 0;
	}
	free(dflt);
	return rc;
}
