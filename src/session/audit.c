/* audit.c: the audit log's lines (see audit.h), built with cJSON, and their
 * appending to the file. */
#include "config.h"
#include "session/audit.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void add_time(cJSON *o, const char *k, time_t t)
{
	char s[32];
	struct tm tm;
	if (t == 0 || gmtime_r(&t, &tm) == NULL || strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0) {
		cJSON_AddNullToObject(o, k);
		return;
	}
	cJSON_AddStringToObject(o, k, s);
}

static void add_str(cJSON *o, const char *k, const char *v)
{
	cJSON_AddStringToObject(o, k, v ? v : "");
}

static char *local_user(void)
{
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return xstrdup(pw->pw_name);
	return xasprintf("%u", (unsigned)getuid());
}

char *audit_entry(const struct session *s, const char *engine)
{
	const struct session_spec *sp = session_spec(s);
	const struct exec_info *x = session_info(s);
	time_t started, ended;
	session_times(s, &started, &ended);
	cJSON *o = cJSON_CreateObject();
	add_time(o, "started", started);
	add_time(o, "ended", ended);
	char *who = local_user();
	add_str(o, "local_user", who);
	free(who);
	add_str(o, "engine", engine);
	add_str(o, "container_id", sp->container_id);
	add_str(o, "container_name", sp->container_name);
	add_str(o, "exec_id", session_exec_id(s));
	/* What the engine ran (the shell launcher for a shell tab). */
	const struct strv *cmd = x && x->cmd.n ? &x->cmd : &sp->cmd;
	cJSON *a = cJSON_AddArrayToObject(o, "command");
	for (size_t i = 0; i < cmd->n; i++)
		cJSON_AddItemToArray(a, cJSON_CreateString(cmd->v[i]));
	add_str(o, "user", sp->user ? sp->user : x ? x->user : "");
	add_str(o, "workdir", sp->workdir ? sp->workdir : x ? x->workdir : "");
	if (session_state(s) == SESSION_EXITED)
		cJSON_AddNumberToObject(o, "exit_code", session_exit_code(s));
	else {
		cJSON_AddNullToObject(o, "exit_code");
		add_str(o, "error", session_cause(s));
	}
	cJSON_AddBoolToObject(o, "stopped_by_porthole", session_stopped(s));
	char *p = cJSON_PrintUnformatted(o);
	char *out = xstrdup(p);
	cJSON_free(p);
	cJSON_Delete(o);
	return out;
}

int audit_append(const char *path, const char *line, char **cause)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOCTTY, 0600);
	if (fd < 0) {
		*cause = xasprintf("audit log %s: %s", path, strerror(errno));
		return -1;
	}
	/* One write, so that lines from several consoles do not interleave. */
	char *l = xasprintf("%s\n", line);
	size_t n = strlen(l);
	ssize_t w;
	do
		w = write(fd, l, n);
	while (w < 0 && errno == EINTR);
	int err = w < 0 ? errno : 0;
	free(l);
	if (close(fd) != 0 && err == 0)
		err = errno;
	if (err || (size_t)w != n) {
		*cause = xasprintf("audit log %s: %s", path, err ? strerror(err) : "short write");
		return -1;
	}
	return 0;
}
