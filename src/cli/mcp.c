/* mcp.c: `porthole mcp [--read-only] [--allow PATTERN]...`: the MCP server
 * (mcp/server.h) on stdin and stdout, on the engine that -H, --context or
 * the defaults give. An engine that does not answer at start is no reason
 * to refuse to serve: each call tries it again and says so when it fails. */
#include "config.h"
#include "cli/cli.h"
#include "mcp/server.h"
#include "core/xmalloc.h"
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char mcp_usage[] =
    "usage: porthole mcp [--read-only] [--allow PATTERN]...\n"
    "A Model Context Protocol server on stdin and stdout (JSON-RPC, one message\n"
    "a line) for agents: tools exec, list_containers, container_info, exec_info,\n"
    "logs and TTY sessions (session_open, session_send, session_read,\n"
    "session_wait, session_resize, session_close).\n"
    "  --read-only      offer only the tools that change nothing (lists, info,\n"
    "                   logs, reading sessions)\n"
    "  --allow PATTERN  the containers an agent may touch: a glob on the name\n"
    "                   (or the id); repeat for more; others are refused\n";

int cmd_mcp(const struct cli_global *g, int argc, char **argv)
{
	enum { O_READONLY = 256, O_ALLOW };
	static const struct option opts[] = {
		{ "read-only", no_argument, NULL, O_READONLY },
		{ "allow", required_argument, NULL, O_ALLOW },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct mcp_opts o;
	memset(&o, 0, sizeof o);
	int c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case O_READONLY: o.read_only = 1; break;
		case O_ALLOW:
			if (!*optarg) {
				cli_error("mcp: --allow needs a pattern");
				strv_clear(&o.allow);
				return 2;
			}
			strv_push(&o.allow, optarg);
			break;
		case 'h': fputs(mcp_usage, stdout); strv_clear(&o.allow); return 0;
		default: fputs(mcp_usage, stderr); strv_clear(&o.allow); return 2;
		}
	}
	if (optind < argc) {
		cli_error("mcp takes no arguments (got \"%s\")", argv[optind]);
		strv_clear(&o.allow);
		return 2;
	}
	if (cli_multi(g)) {
		/* Several engines: each tool takes an engine argument. */
		struct cli_engines es;
		cli_engines_open(g, &es);
		struct engine **v = xcalloc(es.n, sizeof *v);
		const char **names = xcalloc(es.n, sizeof *names);
		int rc = 0;
		for (size_t i = 0; i < es.n; i++) {
			if (es.v[i].e == NULL) {
				cli_error("%s: %s", es.v[i].name, es.v[i].error ? es.v[i].error : "no endpoint");
				rc = 1;
			} else if (es.v[i].error) {
				fprintf(stderr, "porthole: mcp: %s: %s (each call will try again)\n", es.v[i].name,
				    es.v[i].error);
			}
			v[i] = es.v[i].e;
			names[i] = es.v[i].name;
		}
		o.engines = v;
		o.names = names;
		o.nengines = es.n;
		if (rc == 0)
			rc = mcp_serve(v[0], &o, STDIN_FILENO, STDOUT_FILENO);
		free(v);
		free(names);
		cli_engines_close(&es);
		strv_clear(&o.allow);
		return rc;
	}
	struct loop *loop;
	struct engine *e;
	char *cause = NULL;
	if (cli_engine_open(g, &loop, &e, &cause) != 0) {
		/* Serve on the first candidate: calls fail with the engine's
		 * reason until it answers. */
		struct endpoint_opts eo = { g->host, g->tls, g->tls_no_verify, g->cert_path, g->context };
		struct endpoint *list;
		size_t n;
		char *why = NULL;
		if (endpoint_candidates(&eo, getenv, &list, &n, &why) != 0 || n == 0) {
			cli_error("%s", why ? why : cause);
			free(why);
			free(cause);
			strv_clear(&o.allow);
			return 1;
		}
		loop = loop_new();
		e = engine_new(loop, &list[0]);
		if (g->timeout_ms > 0)
			engine_set_timeout(e, g->timeout_ms);
		for (size_t i = 0; i < n; i++)
			endpoint_clear(&list[i]);
		free(list);
		o.engine_note = cause;
	}
	int rc = mcp_serve(e, &o, STDIN_FILENO, STDOUT_FILENO);
	cli_engine_close(loop, e);
	free(cause);
	strv_clear(&o.allow);
	return rc;
}
