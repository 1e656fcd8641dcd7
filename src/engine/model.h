/* model.h: Engine API JSON to C structs and back (pure, no I/O, cJSON).
 * Every *_parse() fills a caller-provided struct and returns 0, or -1 with
 * *cause set (caller frees) when the JSON is malformed or of the wrong shape;
 * on -1 nothing needs freeing. *_clear() frees what a parse filled. Missing
 * optional fields become NULL / 0 / has_* = 0. */
#ifndef PH_MODEL_H
#define PH_MODEL_H
#include <stddef.h>
#include <stdint.h>
#include "core/strv.h"


struct engine_version {
	char *version, *api_version, *min_api_version, *os, *arch, *platform;
};
int version_parse(const char *json, struct engine_version *v, char **cause);
void version_clear(struct engine_version *v);

struct container {
	char *id, *name, *image, *state, *status, *command;
	int64_t created;
};
struct container_list { struct container *v; size_t n; };
int container_list_parse(const char *json, struct container_list *l, char **cause);
void container_list_clear(struct container_list *l);

struct container_info {
	char *id, *name, *image, *image_id;
	char *status;           /* created, running, paused, restarting, exited, dead */
	int running, paused, restarting, oom_killed, dead;
	int pid, exit_code;
	char *error, *started_at, *finished_at;
	struct strv cmd, entrypoint, exec_ids, env;
	char *user, *workdir;
	int tty;
};
int container_info_parse(const char *json, struct container_info *c, char **cause);
void container_info_clear(struct container_info *c);

struct exec_info {
	char *id, *container_id;
	int running, has_exit_code, exit_code, pid;
	int tty, privileged, open_stdin;
	char *user, *workdir;
	struct strv cmd;        /* entrypoint then arguments */
};
int exec_info_parse(const char *json, struct exec_info *e, char **cause);
void exec_info_clear(struct exec_info *e);
/* dst (cleared first) becomes a deep copy of src. */
void exec_info_copy(struct exec_info *dst, const struct exec_info *src);

struct exec_config {
	struct strv cmd, env;
	const char *user, *workdir;
	int tty, attach_stdin, attach_stdout, attach_stderr, privileged;
	int rows, cols;         /* ConsoleSize when > 0 (API 1.42 and later) */
};
/* The POST /containers/ID/exec body (caller frees). console_size says whether
 * the API version takes ConsoleSize. */
char *exec_config_json(const struct exec_config *c, int console_size);

struct event {
	char *type, *action, *id, *name, *image;
	char *exec_id;          /* exec_* actions */
	char *old_name;         /* rename */
	int has_exit_code, exit_code;
	int64_t time_nano;
};
/* One line of GET /events. action has any ": command" suffix removed. */
int event_parse(const char *json, size_t len, struct event *ev, char **cause);
void event_clear(struct event *ev);

/* The "Id" of a create answer, or NULL (caller frees). */
char *id_parse(const char *json);

/* The "message" of an error body, or NULL (caller frees). */
char *error_message_parse(const char *json);

#endif
