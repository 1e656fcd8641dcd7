/* main.c: porthole's entry point: global options, then a headless command
 * from the table of commands (ls or its alias ps, inspect, exec, logs,
 * stats, mcp, context, help, help keys) or, with none, the console. */
#include "config.h"
#include "cli/cli.h"
#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char main_usage[] =
    "usage: porthole [GLOBAL OPTIONS] [COMMAND [ARGS...]]\n"
    "A console for the containers of a Docker Engine API endpoint (Docker or\n"
    "Podman): with no command it opens the console.\n"
    "\n"
    "Global options:\n"
    "  -H, --host ADDR       engine address: unix:///path, tcp://host:port or\n"
    "                        ssh://[user@]host[:port][/socket]\n"
    "                        (default: $DOCKER_HOST, the current context,\n"
    "                        /var/run/docker.sock, Podman)\n"
    "  -c, --context NAME    the engine of a docker CLI context (default\n"
    "                        $DOCKER_CONTEXT, else config.json's currentContext)\n"
    "      --tls             use TLS to a tcp:// engine (verified)\n"
    "      --tls-no-verify   use TLS without verifying the engine (unsafe)\n"
    "      --tlscert DIR     ca.pem, cert.pem and key.pem (default $DOCKER_CERT_PATH)\n"
    "      --api-timeout SECS  how long to wait for each API answer (default 15)\n"
    "      --config FILE     the console's configuration (default $PORTHOLE_CONFIG,\n"
    "                        else ~/.config/porthole/porthole.conf if it exists)\n"
    "      --record DIR      the console records every tab into DIR (asciicast v2)\n"
    "      --color WHEN      colour in ls's table: auto (on a terminal), always\n"
    "                        or never; NO_COLOR set turns auto off\n"
    "  -h, --help            this help; porthole COMMAND --help for a command's\n"
    "      --help-keys       the console's keys, as configured (porthole help keys)\n"
    "  -V, --version         the versions of porthole and its libraries\n";

#include "ui/ui.h"

typedef int (*command_fn)(const struct cli_global *g, int argc, char **argv);

static int cmd_help(const struct cli_global *g, int argc, char **argv);

/* The commands: --help and `porthole help` print this table. Each line of
 * usage is one line of the help; an empty usage hides an alias. */
static const struct command {
	const char *name;
	command_fn fn;
	const char *usage;
} commands[] = {
	{ "ls", cmd_ls, "ls [-a] [--json]                 list containers\n" },
	{ "ps", cmd_ls, "" },
	{ "inspect", cmd_inspect, "inspect [--json] CONTAINER       show a container's state\n"
	    "inspect [--json] --exec EXEC_ID  show an exec's state\n" },
	{ "exec", cmd_exec, "exec [OPTIONS] CONTAINER CMD...  run a command in a container\n" },
	{ "logs", cmd_logs, "logs [-f] [-t] [--since T] [-n N] CONTAINER  a container's output\n" },
	{ "stats", cmd_stats, "stats [--no-stream] [--json] [CONTAINER...]  CPU, memory, I/O, PIDs\n" },
	{ "mcp", cmd_mcp, "mcp [--read-only] [--allow PATTERN]  an MCP server for agents on stdio\n" },
	{ "context", cmd_context, "context ls [--json]              the docker CLI's contexts\n" },
	{ "help", cmd_help, "help                             this help\n"
	    "help keys                        the console's keys, as configured\n" },
};

static void print_usage(FILE *f)
{
	/* The first paragraph, the commands, then the options. */
	const char *opts = strstr(main_usage, "\nGlobal options:");
	fwrite(main_usage, 1, (size_t)(opts - main_usage), f);
	fputs("\nCommands:\n", f);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		for (const char *u = commands[i].usage; *u; ) {
			const char *end = strchr(u, '\n');
			fprintf(f, "  %.*s\n", (int)(end - u), u);
			u = end + 1;
		}
	fputs(opts, f);
}

static int cmd_help(const struct cli_global *g, int argc, char **argv)
{
	if (argc < 2) {
		print_usage(stdout);
		return 0;
	}
	if (strcmp(argv[1], "keys") != 0 || argc > 2) {
		cli_error("help takes nothing or \"keys\" (got \"%s\")", argv[argc > 2 ? 2 : 1]);
		return 2;
	}
	char *cause = NULL;
	if (ui_print_keys(stdout, g->config, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return 2;
	}
	return 0;
}

int main(int argc, char **argv)
{
	enum { O_TLS = 256, O_NOVERIFY, O_CERT, O_APITIMEOUT, O_CONFIG, O_COLOR, O_HELPKEYS, O_RECORD };
	static const struct option opts[] = {
		{ "host", required_argument, NULL, 'H' },
		{ "context", required_argument, NULL, 'c' },
		{ "tls", no_argument, NULL, O_TLS },
		{ "tlsverify", no_argument, NULL, O_TLS },
		{ "tls-no-verify", no_argument, NULL, O_NOVERIFY },
		{ "tlscert", required_argument, NULL, O_CERT },
		{ "api-timeout", required_argument, NULL, O_APITIMEOUT },
		{ "config", required_argument, NULL, O_CONFIG },
		{ "color", required_argument, NULL, O_COLOR },
		{ "record", required_argument, NULL, O_RECORD },
		{ "help", no_argument, NULL, 'h' },
		{ "help-keys", no_argument, NULL, O_HELPKEYS },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_global g;
	int c, help_keys = 0;
	memset(&g, 0, sizeof g);
	setlocale(LC_ALL, "");
	while ((c = getopt_long(argc, argv, "+H:c:hV", opts, NULL)) != -1) {
		switch (c) {
		case 'H':
		case 'c':
			if (g.nengines == CLI_ENGINES_MAX) {
				cli_error("at most %d engines (-H and --context)", CLI_ENGINES_MAX);
				return 2;
			}
			g.engines[g.nengines].spec = optarg;
			g.engines[g.nengines++].is_context = c == 'c';
			if (c == 'H' && !g.host)
				g.host = optarg;
			if (c == 'c' && !g.context)
				g.context = optarg;
			break;
		case O_TLS: g.tls = 1; break;
		case O_NOVERIFY: g.tls = g.tls_no_verify = 1; break;
		case O_CERT: g.cert_path = optarg; break;
		case O_CONFIG: g.config = optarg; break;
		case O_RECORD: g.record_dir = optarg; break;
		case O_COLOR: if (cli_color_parse(optarg, &g.color) != 0) return 2; break;
		case O_APITIMEOUT: {
			char *end;
			double v = strtod(optarg, &end);
			if (end == optarg || *end || v <= 0) {
				cli_error("bad --api-timeout \"%s\": give seconds", optarg);
				return 2;
			}
			g.timeout_ms = (long)(v * 1000);
			break;
		}
		case O_HELPKEYS: help_keys = 1; break;
		case 'h': print_usage(stdout); return 0;
		case 'V': cli_print_version(stdout); return 0;
		default: print_usage(stderr); return 2;
		}
	}
	argc -= optind;
	argv += optind;
	if (help_keys) /* after the loop: --config may come later */
		return cmd_help(&g, 2, (char *[]){ "help", "keys", NULL });
	if (argc == 0)
		return ui_main(&g, argc, argv);
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].fn(&g, argc, argv);
	cli_error("unknown command \"%s\" (try porthole --help)", argv[0]);
	return 2;
}
