/* model.c: JSON parsing and building for the Engine API (see model.h).
 * Called by engine/api.c and by the unit and fuzz tests. */
#include "config.h"
#include "engine/model.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static char *jstr(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	return cJSON_IsString(v) && v->valuestring ? xstrdup(v->valuestring) : NULL;
}

/* A number that fits the range [lo, hi]; anything else (absent, not a
 * number, NaN, out of range) is absent and 0. */
static int64_t jnum(const cJSON *o, const char *key, int *has, double lo, double hi)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
	int ok = cJSON_IsNumber(v) && v->valuedouble >= lo && v->valuedouble <= hi;
	if (has)
		*has = ok;
	return ok ? (int64_t)v->valuedouble : 0;
}

static int64_t jint(const cJSON *o, const char *key, int *has)
{
	return jnum(o, key, has, -9.2e18, 9.2e18);
}

static int jint32(const cJSON *o, const char *key, int *has)
{
	return (int)jnum(o, key, has, INT_MIN, INT_MAX);
}

static int jbool(const cJSON *o, const char *key)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, key));
}

static void jstrv(const cJSON *o, const char *key, struct strv *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key), *it;
	if (cJSON_IsString(v) && v->valuestring) {
		strv_push(out, v->valuestring);
		return;
	}
	cJSON_ArrayForEach(it, v)
		if (cJSON_IsString(it) && it->valuestring)
			strv_push(out, it->valuestring);
}

static cJSON *parse_obj(const char *json, size_t len, int want_array, char **cause)
{
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (root == NULL) {
		if (cause)
			*cause = xstrdup("malformed JSON from the engine");
		return NULL;
	}
	if (want_array ? !cJSON_IsArray(root) : !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		if (cause)
			*cause = xasprintf("unexpected JSON from the engine (expected an %s)",
			    want_array ? "array" : "object");
		return NULL;
	}
	return root;
}

int version_parse(const char *json, struct engine_version *v, char **cause)
{
	memset(v, 0, sizeof *v);
	cJSON *r = parse_obj(json, strlen(json), 0, cause);
	if (r == NULL)
		return -1;
	v->version = jstr(r, "Version");
	v->api_version = jstr(r, "ApiVersion");
	v->min_api_version = jstr(r, "MinAPIVersion");
	v->os = jstr(r, "Os");
	v->arch = jstr(r, "Arch");
	const cJSON *p = cJSON_GetObjectItemCaseSensitive(r, "Platform");
	v->platform = jstr(p, "Name");
	cJSON_Delete(r);
	if (v->api_version == NULL) {
		version_clear(v);
		if (cause)
			*cause = xstrdup("the engine's /version has no ApiVersion");
		return -1;
	}
	return 0;
}

void version_clear(struct engine_version *v)
{
	free(v->version);
	free(v->api_version);
	free(v->min_api_version);
	free(v->os);
	free(v->arch);
	free(v->platform);
	memset(v, 0, sizeof *v);
}

int container_list_parse(const char *json, struct container_list *l, char **cause)
{
	memset(l, 0, sizeof *l);
	cJSON *r = parse_obj(json, strlen(json), 1, cause), *it;
	if (r == NULL)
		return -1;
	int n = cJSON_GetArraySize(r);
	l->v = xcalloc((size_t)n + 1, sizeof *l->v);
	cJSON_ArrayForEach(it, r) {
		if (!cJSON_IsObject(it))
			continue;
		struct container *c = &l->v[l->n];
		c->id = jstr(it, "Id");
		if (c->id == NULL)
			continue;
		struct strv names = { 0 };
		jstrv(it, "Names", &names);
		const char *nm = names.n ? names.v[0] : "";
		c->name = xstrdup(nm[0] == '/' ? nm + 1 : nm);
		strv_clear(&names);
		c->image = jstr(it, "Image");
		c->state = jstr(it, "State");
		c->status = jstr(it, "Status");
		c->command = jstr(it, "Command");
		c->created = jint(it, "Created", NULL);
		l->n++;
	}
	cJSON_Delete(r);
	return 0;
}

static void container_clear(struct container *c)
{
	free(c->id);
	free(c->name);
	free(c->image);
	free(c->state);
	free(c->status);
	free(c->command);
}

void container_list_clear(struct container_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		container_clear(&l->v[i]);
	free(l->v);
	memset(l, 0, sizeof *l);
}

int container_info_parse(const char *json, struct container_info *c, char **cause)
{
	memset(c, 0, sizeof *c);
	cJSON *r = parse_obj(json, strlen(json), 0, cause);
	if (r == NULL)
		return -1;
	c->id = jstr(r, "Id");
	char *name = jstr(r, "Name");
	if (name && name[0] == '/') {
		c->name = xstrdup(name + 1);
		free(name);
	} else
		c->name = name;
	c->image_id = jstr(r, "Image");
	const cJSON *st = cJSON_GetObjectItemCaseSensitive(r, "State");
	c->status = jstr(st, "Status");
	c->running = jbool(st, "Running");
	c->paused = jbool(st, "Paused");
	c->restarting = jbool(st, "Restarting");
	c->oom_killed = jbool(st, "OOMKilled");
	c->dead = jbool(st, "Dead");
	c->pid = jint32(st, "Pid", NULL);
	c->exit_code = jint32(st, "ExitCode", NULL);
	c->error = jstr(st, "Error");
	c->started_at = jstr(st, "StartedAt");
	c->finished_at = jstr(st, "FinishedAt");
	jstrv(r, "ExecIDs", &c->exec_ids);
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(r, "Config");
	c->image = jstr(cfg, "Image");
	jstrv(cfg, "Cmd", &c->cmd);
	jstrv(cfg, "Entrypoint", &c->entrypoint);
	jstrv(cfg, "Env", &c->env);
	c->user = jstr(cfg, "User");
	c->workdir = jstr(cfg, "WorkingDir");
	c->tty = jbool(cfg, "Tty");
	cJSON_Delete(r);
	if (c->id == NULL || c->status == NULL) {
		container_info_clear(c);
		if (cause)
			*cause = xstrdup("container inspect without Id or State");
		return -1;
	}
	return 0;
}

void container_info_clear(struct container_info *c)
{
	free(c->id);
	free(c->name);
	free(c->image);
	free(c->image_id);
	free(c->status);
	free(c->error);
	free(c->started_at);
	free(c->finished_at);
	strv_clear(&c->cmd);
	strv_clear(&c->entrypoint);
	strv_clear(&c->exec_ids);
	strv_clear(&c->env);
	free(c->user);
	free(c->workdir);
	memset(c, 0, sizeof *c);
}

int exec_info_parse(const char *json, struct exec_info *e, char **cause)
{
	memset(e, 0, sizeof *e);
	cJSON *r = parse_obj(json, strlen(json), 0, cause);
	if (r == NULL)
		return -1;
	e->id = jstr(r, "ID");
	e->container_id = jstr(r, "ContainerID");
	e->running = jbool(r, "Running");
	e->exit_code = jint32(r, "ExitCode", &e->has_exit_code);
	e->pid = jint32(r, "Pid", NULL);
	if (e->running) {
		e->has_exit_code = 0; /* Podman says 0 while it runs; Docker null */
		e->exit_code = 0;
	}
	e->open_stdin = jbool(r, "OpenStdin");
	const cJSON *pc = cJSON_GetObjectItemCaseSensitive(r, "ProcessConfig");
	e->tty = jbool(pc, "tty");
	e->privileged = jbool(pc, "privileged");
	e->user = jstr(pc, "user");
	e->workdir = jstr(pc, "workingDir"); /* not sent by every engine */
	jstrv(pc, "entrypoint", &e->cmd);
	jstrv(pc, "arguments", &e->cmd);
	cJSON_Delete(r);
	if (e->id == NULL) {
		exec_info_clear(e);
		if (cause)
			*cause = xstrdup("exec inspect without ID");
		return -1;
	}
	return 0;
}

void exec_info_copy(struct exec_info *dst, const struct exec_info *src)
{
	exec_info_clear(dst);
	*dst = *src;
	dst->id = src->id ? xstrdup(src->id) : NULL;
	dst->container_id = src->container_id ? xstrdup(src->container_id) : NULL;
	dst->user = src->user ? xstrdup(src->user) : NULL;
	dst->workdir = src->workdir ? xstrdup(src->workdir) : NULL;
	memset(&dst->cmd, 0, sizeof dst->cmd);
	strv_copy(&dst->cmd, &src->cmd);
}

void exec_info_clear(struct exec_info *e)
{
	free(e->id);
	free(e->container_id);
	free(e->user);
	free(e->workdir);
	strv_clear(&e->cmd);
	memset(e, 0, sizeof *e);
}

static cJSON *strv_json(const struct strv *s)
{
	cJSON *a = cJSON_CreateArray();
	for (size_t i = 0; i < s->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(s->v[i]));
	return a;
}

char *exec_config_json(const struct exec_config *c, int console_size)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddItemToObject(o, "Cmd", strv_json(&c->cmd));
	cJSON_AddBoolToObject(o, "AttachStdin", c->attach_stdin);
	cJSON_AddBoolToObject(o, "AttachStdout", c->attach_stdout);
	cJSON_AddBoolToObject(o, "AttachStderr", c->attach_stderr);
	cJSON_AddBoolToObject(o, "Tty", c->tty);
	cJSON_AddBoolToObject(o, "Privileged", c->privileged);
	if (c->env.n)
		cJSON_AddItemToObject(o, "Env", strv_json(&c->env));
	if (c->user && *c->user)
		cJSON_AddStringToObject(o, "User", c->user);
	if (c->workdir && *c->workdir)
		cJSON_AddStringToObject(o, "WorkingDir", c->workdir);
	if (console_size && c->tty && c->rows > 0 && c->cols > 0) {
		cJSON *a = cJSON_CreateArray();
		cJSON_AddItemToArray(a, cJSON_CreateNumber(c->rows));
		cJSON_AddItemToArray(a, cJSON_CreateNumber(c->cols));
		cJSON_AddItemToObject(o, "ConsoleSize", a);
	}
	char *s = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *r = xstrdup(s);
	cJSON_free(s);
	return r;
}

int event_parse(const char *json, size_t len, struct event *ev, char **cause)
{
	memset(ev, 0, sizeof *ev);
	cJSON *r = parse_obj(json, len, 0, cause);
	if (r == NULL)
		return -1;
	ev->type = jstr(r, "Type");
	ev->action = jstr(r, "Action");
	if (ev->action == NULL)
		ev->action = jstr(r, "status");
	const cJSON *actor = cJSON_GetObjectItemCaseSensitive(r, "Actor");
	ev->id = jstr(actor, "ID");
	if (ev->id == NULL)
		ev->id = jstr(r, "id");
	const cJSON *at = cJSON_GetObjectItemCaseSensitive(actor, "Attributes");
	ev->name = jstr(at, "name");
	ev->image = jstr(at, "image");
	ev->exec_id = jstr(at, "execID");
	ev->old_name = jstr(at, "oldName");
	if (ev->old_name && ev->old_name[0] == '/')
		memmove(ev->old_name, ev->old_name + 1, strlen(ev->old_name));
	char *code = jstr(at, "exitCode");
	if (code) {
		char *end;
		errno = 0;
		long v = strtol(code, &end, 10);
		if (end != code && *end == '\0' && errno == 0 && v >= INT_MIN && v <= INT_MAX) {
			ev->has_exit_code = 1;
			ev->exit_code = (int)v;
		}
		free(code);
	}
	ev->time_nano = jint(r, "timeNano", NULL);
	cJSON_Delete(r);
	if (ev->action == NULL || ev->id == NULL) {
		event_clear(ev);
		if (cause)
			*cause = xstrdup("event without Action or Actor.ID");
		return -1;
	}
	char *colon = strchr(ev->action, ':');
	if (colon)
		*colon = '\0';
	if (ev->type == NULL)
		ev->type = xstrdup("container");
	return 0;
}

void event_clear(struct event *ev)
{
	free(ev->type);
	free(ev->action);
	free(ev->id);
	free(ev->name);
	free(ev->image);
	free(ev->exec_id);
	free(ev->old_name);
	memset(ev, 0, sizeof *ev);
}

char *error_message_parse(const char *json)
{
	cJSON *r = cJSON_Parse(json);
	char *m = r ? jstr(r, "message") : NULL;
	cJSON_Delete(r);
	return m;
}

char *id_parse(const char *json)
{
	cJSON *r = cJSON_Parse(json);
	char *id = r ? jstr(r, "Id") : NULL;
	cJSON_Delete(r);
	if (id && *id == '\0') {
		free(id);
		id = NULL;
	}
	return id;
}
