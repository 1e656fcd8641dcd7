/* tool-exec.c: the MCP exec tool: one command in a running container
 * through one exec run (engine/run.h), its output kept to a cap with byte
 * counts and truncation flags, base64 when it is not UTF-8 text, stdin fed
 * as the process takes it, a timeout and a cancellation that stop the
 * process for real, progress notifications with the output as it comes. */
#include "config.h"
#include "mcp/mcp.h"
#include "engine/run.h"
#include "core/base64.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXEC_TIMEOUT_DEFAULT_S 120
/* Without max_output each stream keeps up to EXEC_OUTPUT_DEFAULT bytes, and
 * both together at most EXEC_RESULT_BUDGET as written in the result (base64
 * takes 4 bytes for 3): the SDK's clients refuse a message past 10 MiB. */
#define EXEC_OUTPUT_DEFAULT 10000000u
#define EXEC_RESULT_BUDGET 10000000u
#define EXEC_PROGRESS_MS 250
#define EXEC_PROGRESS_TEXT 2000
#define EXEC_TEXT_CLIP 8000
#define EXEC_STDIN_RETRY_MS 5

static const char exec_input[] =
    "{\"type\":\"object\",\"additionalProperties\":false,"
    "\"required\":[\"container\",\"command\"],\"properties\":{"
    "\"container\":{\"type\":\"string\",\"description\":\"name or id of a running container\"},"
    "\"command\":{\"type\":[\"array\",\"string\"],\"items\":{\"type\":\"string\"},"
    "\"description\":\"an argv array (run as is, no shell), or a string run by the container's shell (bash where it has it, else sh)\"},"
    "\"stdin\":{\"type\":\"string\",\"description\":\"text given to the command's stdin, then EOF\"},"
    "\"stdin_base64\":{\"type\":\"string\",\"description\":\"bytes for stdin, as base64 (instead of stdin)\"},"
    "\"user\":{\"type\":\"string\",\"description\":\"user[:group] to run as (default: the container's)\"},"
    "\"workdir\":{\"type\":\"string\",\"description\":\"working directory (default: the container's own)\"},"
    "\"env\":{\"type\":[\"array\",\"object\"],\"items\":{\"type\":\"string\"},"
    "\"additionalProperties\":{\"type\":\"string\"},\"description\":\"extra environment: [\\\"K=V\\\"] or {\\\"K\\\":\\\"V\\\"}\"},"
    "\"timeout\":{\"type\":\"number\",\"minimum\":0,\"maximum\":86400,"
    "\"description\":\"seconds before the process is stopped (default 120; 0: none)\"},"
    "\"max_output\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":268435456,"
    "\"description\":\"bytes kept of stdout and of stderr each (default: 10 MB of both together); the counts say how much came\"},"
    "\"tty\":{\"type\":[\"boolean\",\"object\"],\"properties\":{"
    "\"rows\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000},"
    "\"cols\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":1000}},"
    "\"description\":\"run on a TTY (true, or {rows, cols}; default 24x80): stderr comes with stdout\"},"
    "\"detach\":{\"type\":\"boolean\",\"description\":\"start it and return its exec id at once; it runs on\"}"
    "}}";

static const char exec_output[] =
    "{\"type\":\"object\",\"required\":[\"exit_code\",\"timed_out\",\"stopped\",\"exec_id\"],\"properties\":{"
    "\"stdout\":{\"type\":\"string\"},\"stderr\":{\"type\":\"string\"},"
    "\"exit_code\":{\"type\":[\"integer\",\"null\"],"
    "\"description\":\"the process's, 126 or 127 when it could not be started; null when unknown or detached\"},"
    "\"timed_out\":{\"type\":\"boolean\"},"
    "\"stopped\":{\"type\":\"boolean\",\"description\":\"a stop was made (timeout or cancel) and the process is gone\"},"
    "\"stop_note\":{\"type\":\"string\"},"
    "\"duration_ms\":{\"type\":\"number\"},\"exec_id\":{\"type\":\"string\"},"
    "\"detached\":{\"type\":\"boolean\"},"
    "\"stdout_bytes\":{\"type\":\"number\"},\"stderr_bytes\":{\"type\":\"number\"},"
    "\"stdout_truncated\":{\"type\":\"boolean\"},\"stderr_truncated\":{\"type\":\"boolean\"},"
    "\"encoding\":{\"type\":\"string\",\"enum\":[\"utf-8\",\"base64\"],"
    "\"description\":\"how stdout and stderr are written: base64 when either is not UTF-8 text\"},"
    "\"error\":{\"type\":\"string\",\"description\":\"the stream broke: the output may be incomplete\"}"
    "}}";

struct xexec {
	struct mcp_call *call;
	struct run *run;
	struct run_spec spec;
	struct strv cmd, env;
	char *container_id, *user, *workdir;
	struct buf in;                /* stdin still to give */
	int has_stdin;
	struct buf out, err;
	unsigned long long nout, nerr;
	size_t max;
	int max_given;
	size_t shown;                 /* output bytes sent in progress messages */
	struct buf recent;            /* output since the last progress */
	struct loop_timer *progress, *feed;
	int64_t t0;
	int cancelled;
};

static void xexec_free(struct xexec *x)
{
	if (x->run)
		run_free(x->run);
	loop_timer_free(x->progress);
	loop_timer_free(x->feed);
	strv_clear(&x->cmd);
	strv_clear(&x->env);
	free(x->container_id);
	free(x->user);
	free(x->workdir);
	buf_free(&x->in);
	buf_free(&x->out);
	buf_free(&x->err);
	buf_free(&x->recent);
	free(x);
}

static void xexec_drop(void *arg) { xexec_free(arg); }

static void keep(struct buf *b, const char *p, size_t n, size_t max)
{
	size_t room = buf_used(b) < max ? max - buf_used(b) : 0;
	buf_add(b, p, n < room ? n : room);
}

static void on_output(struct run *r, int stream, const char *p, size_t n, void *arg)
{
	(void)r;
	struct xexec *x = arg;
	if (stream == 2) {
		x->nerr += n;
		keep(&x->err, p, n, x->max);
	} else {
		x->nout += n;
		keep(&x->out, p, n, x->max);
	}
	if (mcp_call_wants_progress(x->call)) {
		keep(&x->recent, p, n, EXEC_PROGRESS_TEXT);
		if (!loop_timer_pending(x->progress))
			loop_timer_start(x->progress, EXEC_PROGRESS_MS);
	}
}

static void on_progress(void *arg)
{
	struct xexec *x = arg;
	if (buf_used(&x->recent) == 0)
		return;
	struct buf text;
	buf_init(&text);
	utf8_sanitize(buf_ptr(&x->recent), buf_used(&x->recent), &text);
	mcp_call_progress(x->call, (double)(x->nout + x->nerr), buf_ptr(&text));
	buf_free(&text);
	buf_reset(&x->recent);
}

/* Stdin goes in as the run takes it (it queues a bounded amount). */
static void feed(void *arg)
{
	struct xexec *x = arg;
	while (buf_used(&x->in) > 0) {
		size_t n = run_write(x->run, buf_ptr(&x->in), buf_used(&x->in));
		if (n == 0)
			break;
		buf_consume(&x->in, n);
	}
	if (buf_used(&x->in) > 0) {
		if (run_phase(x->run) < RUN_ENDING)
			loop_timer_start(x->feed, EXEC_STDIN_RETRY_MS);
		return;
	}
	if (!x->spec.tty)
		run_close_stdin(x->run);
}

static void cut_to(struct buf *b, size_t n)
{
	if (n < buf_used(b)) {
		b->len = b->off + n;
		b->data[b->len] = '\0';
	}
}

/* A stream cut at its cap may end in part of a character: drop that part. */
static void trim_partial(struct buf *b)
{
	size_t n = buf_used(b), back = 0;
	const unsigned char *p = (const unsigned char *)buf_ptr(b);
	while (back < 3 && back < n && (p[n - 1 - back] & 0xc0) == 0x80)
		back++;
	if (back < n && p[n - 1 - back] >= 0xc0) {
		uint32_t cp;
		if (utf8_decode(p + n - 1 - back, back + 1, &cp) < 0)
			cut_to(b, n - 1 - back);
	}
}

/* Keep the two streams within the result's budget (only when max_output
 * was not given: a client that asks for more gets it). */
static void fit_budget(struct xexec *x, int text)
{
	size_t budget = text ? EXEC_RESULT_BUDGET : EXEC_RESULT_BUDGET / 4 * 3;
	size_t o = buf_used(&x->out), e = buf_used(&x->err);
	if (o + e <= budget)
		return;
	if (o > budget / 2 && e > budget / 2) {
		o = budget / 2;
		e = budget - o;
	} else if (o > e) {
		o = budget - e;
	} else {
		e = budget - o;
	}
	cut_to(&x->out, o);
	cut_to(&x->err, e);
}

static void clip(struct buf *t, const char *what, const struct buf *b, int text)
{
	if (buf_used(b) == 0)
		return;
	if (!text) {
		buf_addf(t, "%s: %zu bytes, not text (base64 in the structured result)\n", what, buf_used(b));
		return;
	}
	size_t n = buf_used(b) < EXEC_TEXT_CLIP ? buf_used(b) : EXEC_TEXT_CLIP;
	while (n < buf_used(b) && n > 0 && ((unsigned char)buf_ptr(b)[n] & 0xc0) == 0x80)
		n--; /* not in the middle of a character */
	buf_addf(t, "%s:\n", what);
	buf_add(t, buf_ptr(b), n);
	if (n < buf_used(b))
		buf_addf(t, "\n[... %zu more bytes in the structured result]", buf_used(b) - n);
	buf_adds(t, "\n");
}

static void on_done(struct run *r, const struct run_result *res, void *arg)
{
	struct xexec *x = arg;
	struct mcp_call *c = x->call;
	(void)r;
	loop_timer_stop(x->progress);
	loop_timer_stop(x->feed);
	if (!res->started) {
		if (x->cancelled)
			mcp_call_fail(c, "cancelled before the command started");
		else
			mcp_call_fail(c, "%s", res->error ? res->error : "the exec did not start");
		xexec_free(x);
		return;
	}
	cJSON *o = cJSON_CreateObject();
	struct buf t;
	buf_init(&t);
	if (res->detached) {
		cJSON_AddNullToObject(o, "exit_code");
		cJSON_AddBoolToObject(o, "timed_out", 0);
		cJSON_AddBoolToObject(o, "stopped", 0);
		cJSON_AddBoolToObject(o, "detached", 1);
		cJSON_AddStringToObject(o, "exec_id", res->exec_id ? res->exec_id : "");
		buf_addf(&t, "started detached: exec %s (exec_info tells its state)", res->exec_id ? res->exec_id : "?");
	} else {
		if (x->nout > buf_used(&x->out))
			trim_partial(&x->out);
		if (x->nerr > buf_used(&x->err))
			trim_partial(&x->err);
		if (!x->max_given) {
			int text = mcp_is_text(&x->out) && mcp_is_text(&x->err);
			fit_budget(x, text);
			trim_partial(&x->out);
			trim_partial(&x->err);
		}
		const char *enc = mcp_add_streams(o, &x->out, &x->err);
		if (res->has_exit_code)
			cJSON_AddNumberToObject(o, "exit_code", res->exit_code);
		else
			cJSON_AddNullToObject(o, "exit_code");
		cJSON_AddBoolToObject(o, "timed_out", res->timed_out);
		cJSON_AddBoolToObject(o, "stopped", res->stop_asked && res->stopped);
		if (res->stop_asked && res->stop_note)
			cJSON_AddStringToObject(o, "stop_note", res->stop_note);
		cJSON_AddNumberToObject(o, "duration_ms", (double)(loop_now_ms() - x->t0));
		cJSON_AddStringToObject(o, "exec_id", res->exec_id ? res->exec_id : "");
		cJSON_AddNumberToObject(o, "stdout_bytes", (double)x->nout);
		cJSON_AddNumberToObject(o, "stderr_bytes", (double)x->nerr);
		cJSON_AddBoolToObject(o, "stdout_truncated", x->nout > buf_used(&x->out));
		cJSON_AddBoolToObject(o, "stderr_truncated", x->nerr > buf_used(&x->err));
		if (res->error)
			cJSON_AddStringToObject(o, "error", res->error);
		if (res->timed_out)
			buf_addf(&t, "timed out after %.3g s; %s\n", (double)x->spec.timeout_ms / 1000.0,
			    res->stop_note ? res->stop_note : "");
		else if (res->stop_asked)
			buf_addf(&t, "cancelled; %s\n", res->stop_note ? res->stop_note : "");
		if (res->has_exit_code)
			buf_addf(&t, "exit code %d\n", res->exit_code);
		else
			buf_addf(&t, "exit code unknown%s%s\n", res->error ? ": " : "", res->error ? res->error : "");
		clip(&t, "stdout", &x->out, enc[0] == 'u');
		clip(&t, "stderr", &x->err, enc[0] == 'u');
	}
	mcp_call_finish(c, o, buf_ptr(&t));
	buf_free(&t);
	xexec_free(x);
}

static void on_cancel(void *arg)
{
	struct xexec *x = arg;
	x->cancelled = 1;
	if (run_stop(x->run) != 0 && run_phase(x->run) < RUN_RUNNING) {
		/* Not started: nothing runs in the container to stop. */
		struct mcp_call *c = x->call;
		xexec_free(x);
		mcp_call_fail(c, "cancelled before the command started");
	}
}

static const struct run_cb exec_cb = { NULL, on_output, NULL, on_done, NULL };

static void resolved(struct mcp_call *c, const struct container_info *ci, void *arg)
{
	struct xexec *x = arg;
	x->container_id = xstrdup(ci->id);
	x->spec.container = x->container_id;
	x->spec.display = ci->name && ci->name[0] == '/' ? ci->name + 1 : ci->name;
	x->t0 = loop_now_ms();
	x->run = run_new(mcp_call_engine(c), &x->spec, &exec_cb, x);
	mcp_call_on_cancel(c, on_cancel, x);
	if (x->run && x->has_stdin)
		feed(x);
}

static int env_from(const cJSON *env, struct strv *out, char **why)
{
	const cJSON *e;
	cJSON_ArrayForEach(e, env) {
		if (cJSON_IsArray(env)) {
			if (!strchr(e->valuestring, '=') || e->valuestring[0] == '=') {
				*why = xstrdup("each env entry is K=V");
				return -1;
			}
			strv_push(out, e->valuestring);
		} else {
			if (!cJSON_IsString(e) || !e->string[0] || strchr(e->string, '=')) {
				*why = xstrdup("env maps names (without '=') to strings");
				return -1;
			}
			char *kv = xasprintf("%s=%s", e->string, e->valuestring);
			strv_push(out, kv);
			free(kv);
		}
	}
	return 0;
}

static void exec_start(struct mcp_call *c, const cJSON *args)
{
	struct xexec *x = xcalloc(1, sizeof *x);
	x->call = c;
	buf_init(&x->in);
	buf_init(&x->out);
	buf_init(&x->err);
	buf_init(&x->recent);
	struct loop *l = engine_loop(mcp_call_engine(c));
	x->progress = loop_timer_new(l, on_progress, x);
	x->feed = loop_timer_new(l, feed, x);
	char *why = NULL;
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(args, "command");
	if (cJSON_IsString(cmd)) {
		if (!cmd->valuestring[0])
			why = xstrdup("command is empty");
		else
			run_shell_cmd(&x->cmd, cmd->valuestring, NULL, 0);
	} else {
		const cJSON *e;
		cJSON_ArrayForEach(e, cmd) strv_push(&x->cmd, e->valuestring);
		if (x->cmd.n == 0)
			why = xstrdup("command is empty");
	}
	const cJSON *env = cJSON_GetObjectItemCaseSensitive(args, "env");
	if (!why && env)
		env_from(env, &x->env, &why);
	const char *in = mcp_arg_str(args, "stdin"), *in64 = mcp_arg_str(args, "stdin_base64");
	if (!why && in && in64)
		why = xstrdup("give stdin or stdin_base64, not both");
	if (!why && in64 && base64_decode(in64, strlen(in64), &x->in) != 0)
		why = xstrdup("stdin_base64 is not base64");
	if (in)
		buf_adds(&x->in, in);
	x->has_stdin = in || in64;
	double timeout = EXEC_TIMEOUT_DEFAULT_S, max = EXEC_OUTPUT_DEFAULT;
	mcp_arg_num(args, "timeout", &timeout);
	x->max_given = mcp_arg_num(args, "max_output", &max);
	x->max = (size_t)max;
	const cJSON *tty = cJSON_GetObjectItemCaseSensitive(args, "tty");
	x->spec.tty = cJSON_IsTrue(tty) || cJSON_IsObject(tty);
	if (x->spec.tty) {
		double rows = 24, cols = 80;
		mcp_arg_num(tty, "rows", &rows);
		mcp_arg_num(tty, "cols", &cols);
		x->spec.rows = (int)rows;
		x->spec.cols = (int)cols;
	}
	if (why) {
		mcp_call_fail(c, "exec: %s", why);
		free(why);
		xexec_free(x);
		return;
	}
	x->spec.cmd = x->cmd;
	x->spec.env = x->env;
	/* args lasts only for this call; the run is made after the inspect. */
	const char *user = mcp_arg_str(args, "user"), *workdir = mcp_arg_str(args, "workdir");
	x->spec.user = x->user = user ? xstrdup(user) : NULL;
	x->spec.workdir = x->workdir = workdir ? xstrdup(workdir) : NULL;
	x->spec.attach_stdin = x->has_stdin || x->spec.tty; /* a TTY is stdin too */
	x->spec.detach = mcp_arg_bool(args, "detach", 0);
	x->spec.timeout_ms = (long long)(timeout * 1000);
	if (x->spec.detach && x->has_stdin) {
		mcp_call_fail(c, "exec: a detached command takes no stdin");
		xexec_free(x);
		return;
	}
	mcp_resolve(c, mcp_arg_str(args, "container"), 1, resolved, xexec_drop, x);
}

const struct mcp_tool mcp_tool_exec = {
	"exec", "Run a command in a container",
	"Run one command in a running container and return its stdout, stderr and exit code. "
	"An argv array runs as is; a string runs in the container's shell. A timeout (default "
	"120 s) or a cancellation stops the process in the container and checks it is gone. "
	"A non-zero exit code is a result, not an error.",
	exec_input, exec_output, 0, 1, exec_start,
};
