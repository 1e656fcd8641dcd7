/* json.h: the JSON that the headless commands print for scripts and agents:
 * `porthole ls --json` (an array of containers), `inspect --json` (one
 * container or one exec), `exec --json` (the run's result, or porthole's
 * own error) and `exec -d --json` (the exec id). Values are the engine's,
 * unchanged (times as the engine wrote them, ids in full); only output
 * bytes that are not UTF-8 become U+FFFD (and lossy_utf8 says so).
 *
 * Pure: structs in, text out. Every function returns a string the caller
 * frees with free(). Lists and inspects are printed indented; exec results
 * and errors on one line. */
#ifndef PH_JSON_H
#define PH_JSON_H
#include <stddef.h>
#include "engine/model.h"

char *json_container_list(const struct container_list *l);
/* The same objects as cJSON trees (caller deletes), for JSON built around
 * them (the MCP server's results). */
struct cJSON;
struct cJSON *json_container_obj(const struct container *c);
struct cJSON *json_container_info_obj(const struct container_info *c);
struct cJSON *json_exec_info_obj(const struct exec_info *x);
char *json_container_info(const struct container_info *c);
char *json_exec_info(const struct exec_info *x);

/* What `exec --json` reports about one attached run. */
struct json_exec {
	const char *out, *err;          /* the bytes kept of stdout and stderr */
	size_t out_len, err_len;
	unsigned long long out_bytes, err_bytes; /* all that came (truncated when more) */
	int has_exit_code, exit_code;   /* porthole's status (null when unknown) */
	int has_process_exit_code, process_exit_code; /* the engine's ExitCode */
	int timed_out;
	int stop_asked, stopped;        /* "stopped" is written only when a stop was asked */
	long long duration_ms;
	const char *exec_id;            /* NULL: "" */
	const char *error;              /* NULL: no "error" member */
};
char *json_exec_result(const struct json_exec *x);
/* {"exec_id": id}: a detached start. */
char *json_exec_id(const char *exec_id);
/* {"error": message, "exit_code": exit_code}: porthole's own failure. */
char *json_error(const char *message, int exit_code);

#endif
