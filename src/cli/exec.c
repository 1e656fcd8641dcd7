/* exec.c: `porthole exec`: run a command in a running container, attached
 * (stdout and stderr kept apart, stdin forwarded with its EOF, or a TTY with
 * the local terminal in raw mode) or detached; the exit status is the
 * process's. A timeout, SIGINT, SIGTERM or SIGHUP stops the process in the
 * container for real (signals the exec's process tree on this host, or asks
 * the container to) and says whether that worked. */
#include "config.h"
#include "cli/cli.h"
#include "engine/stop.h"
#include "engine/execstream.h"
#include "core/buf.h"
#include "core/fatal.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
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

#define EXIT_TIMEOUT 124
#define EXIT_PORTHOLE 125

struct xopts {
	int interactive, tty, detach, privileged, shell, json;
	const char *user, *workdir, *container;
	struct strv env, cmd;
	long long timeout_ms;
	size_t max_output;
};

struct xrun {
	struct xopts *o;
	struct loop *loop;
	struct engine *e;
	int done, rc;
	char *ctr_id, *exec_id;
	struct exec_stream *stream;
	struct loop_fd *stdin_watch;
	struct loop_timer *deadline, *retry;
	int retries;
	int64_t t0;
	char *stream_error;
	int have_exit, exit_code;
	int stream_closed;
	struct stop *stop;
	int interrupted;   /* signal number that asked us to stop, or 0 */
	int timed_out;
	struct buf jout, jerr;
	unsigned long long nout, nerr;
	struct buf errtext; /* stream output kept to classify start failures */
};

/* ---- local terminal ---- */

static struct termios saved_tio;
static int raw_on;

static void tty_restore(void)
{
	if (raw_on) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_tio);
		raw_on = 0;
	}
}

static void tty_raw(void)
{
	if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &saved_tio) != 0)
		return;
	struct termios t = saved_tio;
	cfmakeraw(&t);
	if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0) {
		raw_on = 1;
		atexit(tty_restore);
		fatal_on(tty_restore);
	}
}

static void term_size(int *rows, int *cols)
{
	struct winsize ws;
	int fds[3] = { STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO };
	for (int i = 0; i < 3; i++)
		if (ioctl(fds[i], TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0) {
			*rows = ws.ws_row;
			*cols = ws.ws_col;
			return;
		}
	const char *l = getenv("LINES"), *c = getenv("COLUMNS");
	*rows = l && atoi(l) > 0 ? atoi(l) : 24;
	*cols = c && atoi(c) > 0 ? atoi(c) : 80;
}

/* ---- output ---- */

static int write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd pfd = { fd, POLLOUT, 0 };
			poll(&pfd, 1, 100);
			continue;
		}
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void keep(struct buf *b, const char *p, size_t n, size_t max)
{
	size_t room = buf_used(b) < max ? max - buf_used(b) : 0;
	buf_add(b, p, n < room ? n : room);
}

/* Valid UTF-8 for JSON: bad bytes become U+FFFD. Returns 1 if any did. */
static int utf8_clean(const struct buf *in, struct buf *out)
{
	const unsigned char *p = (const unsigned char *)buf_ptr(in);
	size_t n = buf_used(in), i = 0;
	int lossy = 0;
	while (i < n) {
		uint32_t cp;
		int l = utf8_decode(p + i, n - i, &cp);
		if (l < 0) {
			buf_adds(out, "\xef\xbf\xbd");
			lossy = 1;
			i++;
		} else {
			buf_add(out, p + i, (size_t)l);
			i += (size_t)l;
		}
	}
	return lossy;
}

/* ---- the run ---- */

static void finish(struct xrun *r, int rc)
{
	if (r->done)
		return;
	r->rc = rc;
	r->done = 1;
}

/* --json: porthole's own failure as the one object on stdout. */
static void json_error(const char *msg)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "error", msg);
	cJSON_AddNumberToObject(o, "exit_code", EXIT_PORTHOLE);
	char *s = cJSON_PrintUnformatted(o);
	puts(s);
	cJSON_free(s);
	cJSON_Delete(o);
}

static void fail(struct xrun *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(struct xrun *r, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *m = xvasprintf(fmt, ap);
	va_end(ap);
	tty_restore();
	cli_error("%s", m);
	if (r->o->json)
		json_error(m);
	free(m);
	finish(r, EXIT_PORTHOLE);
}

static void on_stream_data(int stream, const char *p, size_t n, void *arg)
{
	struct xrun *r = arg;
	if (stream == 2)
		r->nerr += n;
	else
		r->nout += n;
	if (buf_used(&r->errtext) < 4096)
		keep(&r->errtext, p, n, 4096);
	if (r->o->json) {
		keep(stream == 2 ? &r->jerr : &r->jout, p, n, r->o->max_output);
		return;
	}
	if (write_all(stream == 2 ? STDERR_FILENO : STDOUT_FILENO, p, n) != 0 && stream != 2) {
		/* Our stdout is gone (closed pipe): nobody reads on; stop. */
		exec_stream_pause(r->stream, 1);
	}
}

static void report(struct xrun *r)
{
	int rc = r->have_exit ? r->exit_code : EXIT_PORTHOLE;
	const char *txt = buf_ptr(&r->errtext);
	/* The runtime reports a command it could not start in the stream. */
	if (r->have_exit && (rc == 126 || rc == 127 || strstr(txt, "OCI runtime exec failed"))) {
		if (strstr(txt, "executable file not found") || strstr(txt, "no such file or directory"))
			rc = 127;
		else if (strstr(txt, "permission denied") || strstr(txt, "is a directory"))
			rc = 126;
	}
	if (r->timed_out || r->interrupted) {
		const char *why = r->timed_out ? "timed out" : "interrupted";
		char *note = stop_describe(r->stop);
		tty_restore();
		if (r->timed_out)
			cli_error("%s after %.3g s; %s", why, (double)r->o->timeout_ms / 1000.0, note);
		else
			cli_error("%s by signal %d; %s", why, r->interrupted, note);
		free(note);
		rc = r->timed_out ? EXIT_TIMEOUT : 128 + r->interrupted;
	} else if (r->stream_error) {
		/* The output may be cut short: never pass that off as success. */
		tty_restore();
		if (r->have_exit)
			cli_error("%s; output may be incomplete (the process exited with %d)",
			    r->stream_error, r->exit_code);
		else
			cli_error("%s", r->stream_error);
		rc = EXIT_PORTHOLE;
	}
	if (r->o->json) {
		cJSON *o = cJSON_CreateObject();
		struct buf clean;
		buf_init(&clean);
		int lossy = utf8_clean(&r->jout, &clean);
		cJSON_AddStringToObject(o, "stdout", buf_ptr(&clean));
		buf_reset(&clean);
		lossy |= utf8_clean(&r->jerr, &clean);
		cJSON_AddStringToObject(o, "stderr", buf_ptr(&clean));
		buf_free(&clean);
		if (r->have_exit && !r->timed_out && !r->interrupted)
			cJSON_AddNumberToObject(o, "exit_code", rc);
		else if (r->timed_out || r->interrupted)
			cJSON_AddNumberToObject(o, "exit_code", rc);
		else
			cJSON_AddNullToObject(o, "exit_code");
		if (r->have_exit)
			cJSON_AddNumberToObject(o, "process_exit_code", r->exit_code);
		cJSON_AddBoolToObject(o, "timed_out", r->timed_out);
		if (r->timed_out || r->interrupted)
			cJSON_AddBoolToObject(o, "stopped", stop_succeeded(r->stop));
		cJSON_AddNumberToObject(o, "duration_ms", (double)(loop_now_ms() - r->t0));
		cJSON_AddStringToObject(o, "exec_id", r->exec_id ? r->exec_id : "");
		cJSON_AddNumberToObject(o, "stdout_bytes", (double)r->nout);
		cJSON_AddNumberToObject(o, "stderr_bytes", (double)r->nerr);
		cJSON_AddBoolToObject(o, "stdout_truncated", r->nout > buf_used(&r->jout));
		cJSON_AddBoolToObject(o, "stderr_truncated", r->nerr > buf_used(&r->jerr));
		if (lossy)
			cJSON_AddBoolToObject(o, "lossy_utf8", 1);
		if (r->stream_error)
			cJSON_AddStringToObject(o, "error", r->stream_error);
		char *s = cJSON_PrintUnformatted(o);
		puts(s);
		cJSON_free(s);
		cJSON_Delete(o);
	}
	finish(r, rc);
}

static void on_exec_info(const struct engine_error *err, const struct exec_info *x, void *arg);

static void retry_inspect(void *arg)
{
	struct xrun *r = arg;
	engine_exec_inspect(r->e, r->exec_id, on_exec_info, r);
}

static void on_exec_info(const struct engine_error *err, const struct exec_info *x, void *arg)
{
	struct xrun *r = arg;
	if (err) {
		if (r->stream_error == NULL)
			r->stream_error = xasprintf("cannot read the exit code: %s", err->message);
		report(r);
		return;
	}
	/* The stream can end a moment before the engine records the exit. */
	if ((x->running || !x->has_exit_code) && r->retries++ < 200) {
		loop_timer_start(r->retry, r->retries < 20 ? 5 : 25);
		return;
	}
	if (x->has_exit_code) {
		r->have_exit = 1;
		r->exit_code = x->exit_code;
	}
	report(r);
}

static void after_stream(struct xrun *r)
{
	if (r->stop && !stop_finished(r->stop))
		return; /* the stop procedure calls us again when it is done */
	engine_exec_inspect(r->e, r->exec_id, on_exec_info, r);
}

static void on_stream_closed(const char *error, void *arg)
{
	struct xrun *r = arg;
	r->stream_closed = 1;
	if (error)
		r->stream_error = xstrdup(error);
	if (r->stdin_watch) {
		loop_fd_del(r->stdin_watch);
		r->stdin_watch = NULL;
	}
	loop_timer_stop(r->deadline);
	if (r->stop)
		stop_notify_stream_closed(r->stop);
	after_stream(r);
}

static void on_resized(const struct engine_error *err, void *arg)
{
	(void)err; /* a failed resize leaves the default size: not fatal */
	(void)arg;
}

static void send_size(struct xrun *r)
{
	int rows, cols;
	term_size(&rows, &cols);
	engine_exec_resize(r->e, r->exec_id, rows, cols, on_resized, r);
}

static void on_stdin(int fd, short revents, void *arg)
{
	struct xrun *r = arg;
	char tmp[65536];
	ssize_t n = read(fd, tmp, sizeof tmp);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		loop_fd_del(r->stdin_watch);
		r->stdin_watch = NULL;
		if (!r->o->tty)
			exec_stream_close_stdin(r->stream);
		return;
	}
	exec_stream_write(r->stream, tmp, (size_t)n);
	/* Back-pressure: stop reading while much is queued. */
	if (exec_stream_pending(r->stream) > (4u << 20))
		loop_fd_set(r->stdin_watch, 0);
}

static void on_stdin_drain(void *arg);

static void on_started(void *arg)
{
	struct xrun *r = arg;
	if (r->o->tty)
		send_size(r);
	if (r->o->interactive)
		r->stdin_watch = loop_fd_add(r->loop, STDIN_FILENO, POLLIN, on_stdin, r);
	on_stdin_drain(r);
}

/* Re-enable stdin reading once the queue has drained (polled cheaply from
 * the retry timer while stdin is throttled). */
static void on_stdin_drain(void *arg)
{
	struct xrun *r = arg;
	if (r->stdin_watch && loop_fd_events(r->stdin_watch) == 0 &&
	    exec_stream_pending(r->stream) < (1u << 20))
		loop_fd_set(r->stdin_watch, POLLIN);
}

static void stop_done(void *arg)
{
	struct xrun *r = arg;
	if (r->stream_closed)
		after_stream(r);
	else {
		/* Stopped (or given up) while something in the container still
		 * holds the stream open: close it ourselves. */
		exec_stream_free(r->stream);
		r->stream = NULL;
		r->stream_closed = 1;
		after_stream(r);
	}
}

static void begin_stop(struct xrun *r)
{
	if (r->stop || r->stream_closed || r->exec_id == NULL)
		return;
	if (r->stdin_watch) {
		loop_fd_del(r->stdin_watch);
		r->stdin_watch = NULL;
	}
	r->stop = stop_start(r->e, r->ctr_id, r->exec_id, r->o->tty ? r->stream : NULL, stop_done, r);
}

static void on_deadline(void *arg)
{
	struct xrun *r = arg;
	r->timed_out = 1;
	begin_stop(r);
}

static void on_signal(int sig, void *arg)
{
	struct xrun *r = arg;
	if (sig == SIGWINCH) {
		if (r->o->tty && r->exec_id && !r->stream_closed)
			send_size(r);
		return;
	}
	if (r->exec_id == NULL || r->stream_closed) {
		tty_restore();
		finish(r, 128 + sig);
		return;
	}
	if (!r->interrupted && !r->timed_out)
		r->interrupted = sig;
	begin_stop(r);
}

static void on_detached(const struct engine_error *err, void *arg)
{
	struct xrun *r = arg;
	if (err) {
		fail(r, "cannot start the exec: %s", err->message);
		return;
	}
	if (r->o->json) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "exec_id", r->exec_id);
		char *s = cJSON_PrintUnformatted(o);
		puts(s);
		cJSON_free(s);
		cJSON_Delete(o);
	} else
		puts(r->exec_id);
	finish(r, 0);
}

static void on_created(const struct engine_error *err, const char *exec_id, void *arg)
{
	struct xrun *r = arg;
	if (err) {
		if (err->status == 404)
			fail(r, "no such container: %s", r->o->container);
		else if (err->status == 409)
			fail(r, "container %s is not running: %s", r->o->container, err->message);
		else
			fail(r, "cannot create the exec: %s", err->message);
		return;
	}
	r->exec_id = xstrdup(exec_id);
	if (r->o->detach) {
		engine_exec_start_detached(r->e, r->exec_id, r->o->tty, on_detached, r);
		return;
	}
	static const struct exec_stream_cb cb = { on_started, on_stream_data, on_stream_closed };
	if (r->o->tty && r->o->interactive)
		tty_raw();
	int rows = 0, cols = 0;
	if (r->o->tty)
		term_size(&rows, &cols);
	r->stream = exec_stream_open(r->e, r->exec_id, r->o->tty, rows, cols, &cb, r);
	if (r->o->timeout_ms > 0)
		loop_timer_start(r->deadline, r->o->timeout_ms);
}

static void on_container(const struct engine_error *err, const struct container_info *c, void *arg)
{
	struct xrun *r = arg;
	char *name = str_inert(r->o->container);
	if (err) {
		if (err->status == 404)
			fail(r, "no such container: %s", name);
		else
			fail(r, "%s", err->message);
		free(name);
		return;
	}
	if (!c->running || c->paused || c->restarting) {
		if (c->paused)
			fail(r, "container %s is paused", name);
		else if (c->restarting)
			fail(r, "container %s is restarting", name);
		else
			fail(r, "container %s is not running (status %s, exit code %d)", name,
			    c->status, c->exit_code);
		free(name);
		return;
	}
	free(name);
	r->ctr_id = xstrdup(c->id);
	struct exec_config cfg;
	memset(&cfg, 0, sizeof cfg);
	cfg.cmd = r->o->cmd;
	cfg.env = r->o->env;
	cfg.user = r->o->user;
	cfg.workdir = r->o->workdir;
	cfg.tty = r->o->tty;
	cfg.privileged = r->o->privileged;
	cfg.attach_stdin = r->o->interactive && !r->o->detach;
	cfg.attach_stdout = cfg.attach_stderr = !r->o->detach;
	if (r->o->tty)
		term_size(&cfg.rows, &cfg.cols);
	engine_exec_create(r->e, r->ctr_id, &cfg, on_created, r);
}

/* ---- options ---- */

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

static const char shell_probe[] =
    "if command -v bash >/dev/null 2>&1; then exec bash -c \"$@\"; else exec sh -c \"$@\"; fi";

int cmd_exec(const struct cli_global *g, int argc, char **argv)
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
	struct xopts o;
	memset(&o, 0, sizeof o);
	o.max_output = 16u << 20;
	int c, rc = EXIT_PORTHOLE;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+itdu:w:e:h", opts, NULL)) != -1) {
		switch (c) {
		case 'i': o.interactive = 1; break;
		case 't': o.tty = 1; break;
		case 'd': o.detach = 1; break;
		case 'u': o.user = optarg; break;
		case 'w': o.workdir = optarg; break;
		case 'e':
			if (env_add(&o.env, optarg, "") != 0)
				goto out;
			break;
		case O_ENVFILE:
			if (env_file(&o.env, optarg) != 0)
				goto out;
			break;
		case O_PRIV: o.privileged = 1; break;
		case O_SHELL: o.shell = 1; break;
		case O_TIMEOUT:
			if (parse_duration(optarg, &o.timeout_ms) != 0) {
				cli_error("bad --timeout \"%s\": give seconds, e.g. 30 or 1.5 or 2m", optarg);
				goto out;
			}
			break;
		case O_JSON: o.json = 1; break;
		case O_MAXOUT: {
			char *end;
			long long v = strtoll(optarg, &end, 10);
			if (end == optarg || *end || v < 0) {
				cli_error("bad --max-output \"%s\": give a number of bytes", optarg);
				goto out;
			}
			o.max_output = (size_t)v;
			break;
		}
		case 'h':
			fputs(exec_usage, stdout);
			rc = 0;
			goto out;
		default:
			fputs(exec_usage, stderr);
			goto out;
		}
	}
	if (argc - optind < 2) {
		cli_error("exec needs a container and a command");
		fputs(exec_usage, stderr);
		goto out;
	}
	if (o.detach && (o.json || o.timeout_ms)) {
		if (o.timeout_ms) {
			cli_error("--timeout cannot be used with --detach");
			goto out;
		}
	}
	if (o.tty && o.json) {
		cli_error("--json keeps stdout and stderr apart and cannot be used with --tty");
		goto out;
	}
	if (o.tty && o.interactive && !isatty(STDIN_FILENO)) {
		cli_error("the input device is not a TTY: drop -t, or run from a terminal");
		goto out;
	}
	o.container = argv[optind];
	if (o.container[0] == '\0') {
		cli_error("empty container name");
		goto out;
	}
	if (o.shell) {
		strv_push(&o.cmd, "/bin/sh");
		strv_push(&o.cmd, "-c");
		strv_push(&o.cmd, shell_probe);
		strv_push(&o.cmd, "sh");
		strv_push(&o.cmd, argv[optind + 1]);
		strv_push(&o.cmd, "porthole");
		for (int i = optind + 2; i < argc; i++)
			strv_push(&o.cmd, argv[i]);
	} else {
		for (int i = optind + 1; i < argc; i++)
			strv_push(&o.cmd, argv[i]);
	}
	if (o.cmd.v[0][0] == '\0') {
		cli_error("empty command");
		goto out;
	}

	struct xrun r;
	memset(&r, 0, sizeof r);
	r.o = &o;
	r.t0 = loop_now_ms();
	buf_init(&r.jout);
	buf_init(&r.jerr);
	buf_init(&r.errtext);
	char *cause;
	if (cli_engine_open(g, &r.loop, &r.e, &cause) != 0) {
		cli_error("%s", cause);
		if (o.json)
			json_error(cause);
		free(cause);
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);
	r.deadline = loop_timer_new(r.loop, on_deadline, &r);
	r.retry = loop_timer_new(r.loop, retry_inspect, &r);
	loop_signal(r.loop, SIGINT, on_signal, &r);
	loop_signal(r.loop, SIGTERM, on_signal, &r);
	loop_signal(r.loop, SIGHUP, on_signal, &r);
	loop_signal(r.loop, SIGWINCH, on_signal, &r);
	engine_container_inspect(r.e, o.container, on_container, &r);
	while (!r.done) {
		if (loop_run_once(r.loop, r.stdin_watch && loop_fd_events(r.stdin_watch) == 0 ? 10 : -1) < 0)
			break;
		if (r.stdin_watch)
			on_stdin_drain(&r);
	}
	tty_restore();
	rc = r.rc;
	stop_free(r.stop);
	exec_stream_free(r.stream);
	cli_engine_close(r.loop, r.e);
	buf_free(&r.jout);
	buf_free(&r.jerr);
	buf_free(&r.errtext);
	free(r.ctr_id);
	free(r.exec_id);
	free(r.stream_error);
out:
	strv_clear(&o.env);
	strv_clear(&o.cmd);
	fflush(stdout);
	return rc;
}
