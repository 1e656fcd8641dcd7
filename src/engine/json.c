/* json.c: structs to the JSON of the headless commands (see json.h), with
 * cJSON. Called by cli/ls.c, cli/inspect.c and cli/exec.c. */
#include "config.h"
#include "engine/json.h"
#include "core/buf.h"
#include "core/utf8.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <stdlib.h>

/* The text of o (indented or not), as a string of ours; o is freed. */
static char *print(cJSON *o, int indent)
{
	char *s = indent ? cJSON_Print(o) : cJSON_PrintUnformatted(o);
	char *out = xstrdup(s);
	cJSON_free(s);
	cJSON_Delete(o);
	return out;
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	cJSON_AddStringToObject(o, k, v ? v : "");
}

static cJSON *strv_array(const struct strv *sv)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < sv->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(sv->v[i]));
	return a;
}

cJSON *json_container_obj(const struct container *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "name", c->name);
	add_str(o, "image", c->image);
	add_str(o, "state", c->state);
	add_str(o, "status", c->status);
	add_str(o, "command", c->command);
	cJSON_AddNumberToObject(o, "created", (double)c->created);
	return o;
}

char *json_container_list(const struct container_list *l)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < l->n; i++)
		cJSON_AddItemToArray(a, json_container_obj(&l->v[i]));
	return print(a, 1);
}

cJSON *json_container_info_obj(const struct container_info *c)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", c->id);
	add_str(o, "name", c->name);
	add_str(o, "image", c->image);
	add_str(o, "status", c->status);
	cJSON_AddBoolToObject(o, "running", c->running);
	cJSON_AddBoolToObject(o, "paused", c->paused);
	cJSON_AddNumberToObject(o, "pid", c->pid);
	cJSON_AddNumberToObject(o, "exit_code", c->exit_code);
	cJSON_AddBoolToObject(o, "oom_killed", c->oom_killed);
	add_str(o, "started_at", c->started_at);
	add_str(o, "finished_at", c->finished_at);
	cJSON_AddItemToObject(o, "entrypoint", strv_array(&c->entrypoint));
	cJSON_AddItemToObject(o, "command", strv_array(&c->cmd));
	cJSON_AddItemToObject(o, "exec_ids", strv_array(&c->exec_ids));
	return o;
}

char *json_container_info(const struct container_info *c) { return print(json_container_info_obj(c), 1); }

cJSON *json_exec_info_obj(const struct exec_info *x)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "id", x->id);
	add_str(o, "container_id", x->container_id);
	cJSON_AddBoolToObject(o, "running", x->running);
	cJSON_AddNumberToObject(o, "pid", x->pid);
	if (x->has_exit_code)
		cJSON_AddNumberToObject(o, "exit_code", x->exit_code);
	else
		cJSON_AddNullToObject(o, "exit_code");
	cJSON_AddBoolToObject(o, "tty", x->tty);
	add_str(o, "user", x->user);
	cJSON_AddItemToObject(o, "command", strv_array(&x->cmd));
	return o;
}

char *json_exec_info(const struct exec_info *x) { return print(json_exec_info_obj(x), 1); }

/* Output bytes as a JSON string: what is not UTF-8 becomes U+FFFD. */
static int add_output(cJSON *o, const char *k, const char *p, size_t n)
{
	struct buf clean;
	buf_init(&clean);
	int lossy = utf8_sanitize(p, n, &clean);
	cJSON_AddStringToObject(o, k, buf_ptr(&clean));
	buf_free(&clean);
	return lossy;
}

char *json_exec_result(const struct json_exec *x)
{
	cJSON *o = cJSON_CreateObject();
	int lossy = add_output(o, "stdout", x->out, x->out_len);
	lossy |= add_output(o, "stderr", x->err, x->err_len);
	if (x->has_exit_code)
		cJSON_AddNumberToObject(o, "exit_code", x->exit_code);
	else
		cJSON_AddNullToObject(o, "exit_code");
	if (x->has_process_exit_code)
		cJSON_AddNumberToObject(o, "process_exit_code", x->process_exit_code);
	cJSON_AddBoolToObject(o, "timed_out", x->timed_out);
	if (x->stop_asked)
		cJSON_AddBoolToObject(o, "stopped", x->stopped);
	cJSON_AddNumberToObject(o, "duration_ms", (double)x->duration_ms);
	add_str(o, "exec_id", x->exec_id);
	cJSON_AddNumberToObject(o, "stdout_bytes", (double)x->out_bytes);
	cJSON_AddNumberToObject(o, "stderr_bytes", (double)x->err_bytes);
	cJSON_AddBoolToObject(o, "stdout_truncated", x->out_bytes > x->out_len);
	cJSON_AddBoolToObject(o, "stderr_truncated", x->err_bytes > x->err_len);
	if (lossy)
		cJSON_AddBoolToObject(o, "lossy_utf8", 1);
	if (x->error)
		cJSON_AddStringToObject(o, "error", x->error);
	return print(o, 0);
}

char *json_exec_id(const char *exec_id)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "exec_id", exec_id);
	return print(o, 0);
}

char *json_error(const char *message, int exit_code)
{
	cJSON *o = cJSON_CreateObject();
	add_str(o, "error", message);
	cJSON_AddNumberToObject(o, "exit_code", exit_code);
	return print(o, 0);
}
