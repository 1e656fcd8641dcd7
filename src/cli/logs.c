/* logs.c: `porthole logs [-f] [-t] [--since T] [--until T] [-n N]
 * CONTAINER`: a container's logs, its stdout to stdout and its stderr to
 * stderr, byte for byte as `docker logs` prints them (engine/logs.h). The
 * container is inspected first: its TTY says whether the answer is
 * multiplexed. */
#include "config.h"
#include "cli/cli.h"
#include "engine/demux.h"
#include "engine/logs.h"
#include "engine/logtime.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char logs_usage[] =
    "usage: porthole logs [OPTIONS] CONTAINER\n"
    "Print a container's logs: its stdout to stdout, its stderr to stderr.\n"
    "  -f, --follow          keep printing new output until the container stops\n"
    "  -t, --timestamps      start each line with the engine's timestamp\n"
    "      --since T         only from T on: a time (2026-12-02T14:29:42Z, local\n"
    "                        time without a zone), a duration before now (10m,\n"
    "                        1h30m) or unix seconds\n"
    "      --until T         only before T (the same forms)\n"
    "  -n, --tail N          only the last N lines (\"all\": every line, the default)\n";

struct logs_state {
	int done, rc;
	const char *target;
	struct logs_opts opts;
	struct engine *e;
	struct logs *logs;
};


static void on_data(int stream, const char *p, size_t n, int frame_end, void *arg)
{
	struct logs_state *st = arg;
	if (cli_write_all(stream == DEMUX_STDERR ? STDERR_FILENO : STDOUT_FILENO, p, n) != 0) {
		/* Nobody reads any more (| head): stop quietly, as a pipe
		 * writer does. */
		logs_close(st->logs);
		st->logs = NULL;
		st->done = 1;
	}
}

static void on_end(const struct engine_error *err, void *arg)
{
	struct logs_state *st = arg;
	st->logs = NULL;
	st->done = 1;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
	}
}

static void on_inspect(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct logs_state *st = arg;
	if (err) {
		cli_error("%s", err->message);
		st->rc = 1;
		st->done = 1;
		return;
	}
	st->logs = logs_open(st->e, c->id, &st->opts, c->tty, on_data, on_end, st);
}

static void logs_start(struct engine *e, void *arg)
{
	struct logs_state *st = arg;
	st->e = e;
	engine_container_inspect(e, st->target, on_inspect, st);
}

static void logs_end(void *arg)
{
	struct logs_state *st = arg;
	logs_close(st->logs);
	st->logs = NULL;
}

static int parse_tail(const char *v, long *tail)
{
	if (strcmp(v, "all") == 0) {
		*tail = -1;
		return 0;
	}
	char *end;
	long n = strtol(v, &end, 10);
	if (end == v || *end || n < 0) {
		cli_error("bad --tail \"%s\": give a number of lines or \"all\"", v);
		return -1;
	}
	*tail = n;
	return 0;
}

/* A --since/--until value turned into the API's (engine/logtime.h). */
static int parse_when(const char *flag, const char *v, char *buf, size_t size)
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	char *cause = NULL;
	if (logtime_arg(v, (int64_t)now.tv_sec * 1000000000 + now.tv_nsec, buf, size, &cause) != 0) {
		cli_error("bad %s: %s", flag, cause);
		free(cause);
		return -1;
	}
	return 0;
}

int cmd_logs(const struct cli_global *g, int argc, char **argv)
{
	enum { O_SINCE = 256, O_UNTIL };
	static const struct option opts[] = {
		{ "follow", no_argument, NULL, 'f' },
		{ "timestamps", no_argument, NULL, 't' },
		{ "since", required_argument, NULL, O_SINCE },
		{ "until", required_argument, NULL, O_UNTIL },
		{ "tail", required_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct logs_state st;
	char since[64] = "", until[64] = "";
	int c;
	memset(&st, 0, sizeof st);
	st.opts.tail = -1;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+ftn:h", opts, NULL)) != -1) {
		switch (c) {
		case 'f': st.opts.follow = 1; break;
		case 't': st.opts.timestamps = 1; break;
		case 'n': if (parse_tail(optarg, &st.opts.tail) != 0) return 2; break;
		case O_SINCE: if (parse_when("--since", optarg, since, sizeof since) != 0) return 2; break;
		case O_UNTIL: if (parse_when("--until", optarg, until, sizeof until) != 0) return 2; break;
		case 'h': fputs(logs_usage, stdout); return 0;
		default: fputs(logs_usage, stderr); return 2;
		}
	}
	if (argc - optind != 1) {
		cli_error("logs needs exactly one container");
		fputs(logs_usage, stderr);
		return 2;
	}
	st.target = argv[optind];
	if (*st.target == '\0') {
		cli_error("empty container name");
		return 2;
	}
	st.opts.since = since;
	st.opts.until = until;
	/* A reader that goes away is an EPIPE to stop at, not a death. */
	signal(SIGPIPE, SIG_IGN);
	struct cli_global one;
	if (cli_pick_engine(g, st.target, &one, &st.target) != 0)
		return 1;
	if (cli_with_engine(&one, logs_start, logs_end, &st, &st.done, NULL) != 0)
		return 1;
	return st.rc;
}
