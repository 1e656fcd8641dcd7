/* execopts.c: reading `porthole exec`'s command line (see execopts.h):
 * getopt, -e and --env-file variables, --timeout durations, --shell. */
#include "config.h"
#include "cli/execopts.h"
#include "cli/cli.h"
#include "engine/run.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char exec_usage[] =
    "usage: porthole exec [OPTIONS] CONTAINER CMD [ARG...]\n"
    "       porthole exec [OPTIONS] --shell CONTAINER 'SCRIPT' [ARG...]\n"
    "Run a command in a running container.\n"
    "  -i, --interactive     forward stdin (its EOF is passed on)\n"
    "  -t, --tty             allocate a TTY sized like this terminal\n"
    "  -d, --detach          start in the background and print the exec id\n"
    "  -u, --user USER       user[:group] or uid[:gid]\n"
    "  -w, --workdir DIR     working directory in the container\n"
    "  -e, --env K=V         set a variable (K alone: take it from here)\n"
    "      --env-file FILE   read K=V lines from FILE\n"
    "      --privileged      extended privileges\n"
    "      --shell           run SCRIPT with bash -c, or sh -c without bash\n"
    "      --timeout SECS    stop the process after SECS (status 124)\n"
    "      --json            print {stdout, stderr, exit_code, ...} as JSON\n"
    "      --max-output N    with --json, keep at most N bytes of each stream\n"
    "Exit status: the command's; 124 timed out; 125 porthole or engine error;\n"
    "126 command not executable; 127 command not found.\n";

static int parse_duration(const char *s, long long *ms)
{
	char *end;
	double v = strtod(s, &end);
	double mul = 1000;
	if (end == s || v < 0)
		return -1;
	if (*end == 's' || *end == '\0')
		mul = 1000;
	else if (*end == 'm')
		mul = 60000;
	else if (*end == 'h')
		mul = 3600000;
	else
		return -1;
	if (*end != '\0' && end[1] != '\0')
		return -1;
	*ms = (long long)(v * mul + 0.5);
	return 0;
}

static int env_add(struct strv *env, const char *kv, const char *where)
{
	const char *eq = strchr(kv, '=');
	if (kv[0] == '\0' || kv[0] == '=' || strchr(kv, '\n')) {
		char *s = str_inert(kv);
		cli_error("bad environment variable \"%s\"%s: expected KEY=VALUE", s, where);
		free(s);
		return -1;
	}
	if (eq == NULL) {
		const char *v = getenv(kv);
		if (v != NULL) {
			char *s = xasprintf("%s=%s", kv, v);
			strv_push(env, s);
			free(s);
		}
		return 0;
	}
	strv_push(env, kv);
	return 0;
}

static int env_file(struct strv *env, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		cli_error("cannot read env file %s: %s", path, strerror(errno));
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	int lineno = 0, rc = 0;
	while ((n = getline(&line, &cap, f)) >= 0) {
		lineno++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		char *p = line;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0' || *p == '#')
			continue;
		char *where = xasprintf(" in %s line %d", path, lineno);
		if (env_add(env, p, where) != 0)
			rc = -1;
		free(where);
		if (rc)
			break;
	}
	free(line);
	fclose(f);
	return rc;
}

int exec_opts_parse(struct exec_opts *o, int argc, char **argv)
{
	enum { O_ENVFILE = 256, O_PRIV, O_SHELL, O_TIMEOUT, O_JSON, O_MAXOUT };
	static const struct option opts[] = {
		{ "interactive", no_argument, NULL, 'i' },
		{ "tty", no_argument, NULL, 't' },
		{ "detach", no_argument, NULL, 'd' },
		{ "user", required_argument, NULL, 'u' },
		{ "workdir", required_argument, NULL, 'w' },
		{ "env", required_argument, NULL, 'e' },
		{ "env-file", required_argument, NULL, O_ENVFILE },
		{ "privileged", no_argument, NULL, O_PRIV },
		{ "shell", no_argument, NULL, O_SHELL },
		{ "timeout", required_argument, NULL, O_TIMEOUT },
		{ "json", no_argument, NULL, O_JSON },
		{ "max-output", required_argument, NULL, O_MAXOUT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	memset(o, 0, sizeof *o);
	o->max_output = 16u << 20;
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+itdu:w:e:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o->interactive = 1; break;
		case 't': o->tty = 1; break;
		case 'd': o->detach = 1; break;
		case 'u': o->user = optarg; break;
		case 'w': o->workdir = optarg; break;
		case 'e':
			if (env_add(&o->env, optarg, "") != 0)
				return -1;
			break;
		case O_ENVFILE:
			if (env_file(&o->env, optarg) != 0)
				return -1;
			break;
		case O_PRIV: o->privileged = 1; break;
		case O_SHELL: o->shell = 1; break;
		case O_TIMEOUT:
			if (parse_duration(optarg, &o->timeout_ms) != 0) {
				cli_error("bad --timeout \"%s\": give seconds, e.g. 30 or 1.5 or 2m", optarg);
				return -1;
			}
			break;
		case O_JSON: o->json = 1; break;
		case O_MAXOUT: {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (end == optarg || *end || v < 0) {
				cli_error("bad --max-output \"%s\": give a number of bytes", optarg);
				return -1;
			}
			o->max_output = (size_t)v;
			break;
		}
		case 'h':
			fputs(exec_usage, stdout);
			return 1;
		default:
			fputs(exec_usage, stderr);
			return -1;
		}
	}
	if (argc - optind < 2) {
		cli_error("exec needs a container and a command");
		fputs(exec_usage, stderr);
		return -1;
	}
	if (o->detach && o->timeout_ms) {
		cli_error("--timeout cannot be used with --detach");
		return -1;
	}
	if (o->tty && o->json) {
		cli_error("--json keeps stdout and stderr apart and cannot be used with --tty");
		return -1;
	}
	if (o->tty && o->interactive && !isatty(STDIN_FILENO)) {
		cli_error("the input device is not a TTY: drop -t, or run from a terminal");
		return -1;
	}
	o->container = argv[optind];
	if (o->container[0] == '\0') {
		cli_error("empty container name");
		return -1;
	}
	if (o->shell)
		run_shell_cmd(&o->cmd, argv[optind + 1], argv + optind + 2, (size_t)(argc - optind - 2));
	else
		for (int i = optind + 1; i < argc; i++)
			strv_push(&o->cmd, argv[i]);
	if (o->cmd.v[0][0] == '\0') {
		cli_error("empty command");
		return -1;
	}
	return 0;
}

void exec_opts_clear(struct exec_opts *o)
{
	strv_clear(&o->env);
	strv_clear(&o->cmd);
}
