/* fuzz-model.c: fuzz target for the Engine API JSON parsers (engine/model.c).
 * The input, as a NUL-terminated body, goes through container_list_parse,
 * container_info_parse, exec_info_parse, version_parse, id_parse and
 * error_message_parse. Each either fills what its header promises or
 * returns -1 with a cause and nothing to free. The input's lines also make
 * an exec body (exec_config_json) that must parse back to the same Cmd. */
#include "config.h"
#include "engine/model.h"
#include "fuzz.h"
#include <cjson/cJSON.h>
#include <string.h>

static void failed(int r, char *cause)
{
	FUZZ_CHECK(r == -1);
	FUZZ_CHECK(cause != NULL && *cause != '\0');
	free(cause);
}

static void strv_ok(const struct strv *s)
{
	FUZZ_CHECK((s->n == 0) == (s->v == NULL));
	for (size_t i = 0; i < s->n; i++)
		FUZZ_CHECK(s->v[i] != NULL);
}

static void parse_all(const char *json)
{
	char *cause = NULL;
	int r;

	struct container_list l;
	r = container_list_parse(json, &l, &cause);
	if (r == 0) {
		FUZZ_CHECK(cause == NULL);
		for (size_t i = 0; i < l.n; i++)
			FUZZ_CHECK(l.v[i].id != NULL && l.v[i].name != NULL);
		container_list_clear(&l);
	} else {
		failed(r, cause);
		FUZZ_CHECK(l.v == NULL && l.n == 0);
	}

	struct container_info c;
	cause = NULL;
	r = container_info_parse(json, &c, &cause);
	if (r == 0) {
		FUZZ_CHECK(c.id != NULL && c.status != NULL);
		strv_ok(&c.cmd);
		strv_ok(&c.entrypoint);
		strv_ok(&c.exec_ids);
		strv_ok(&c.env);
		char *j = strv_join(&c.cmd, " ");
		FUZZ_CHECK(j != NULL);
		free(j);
		container_info_clear(&c);
	} else {
		failed(r, cause);
		FUZZ_CHECK(c.id == NULL && c.name == NULL && c.cmd.v == NULL);
	}

	struct exec_info e;
	cause = NULL;
	r = exec_info_parse(json, &e, &cause);
	if (r == 0) {
		FUZZ_CHECK(e.id != NULL);
		FUZZ_CHECK(e.has_exit_code || e.exit_code == 0);
		strv_ok(&e.cmd);
		exec_info_clear(&e);
	} else {
		failed(r, cause);
		FUZZ_CHECK(e.id == NULL && e.container_id == NULL && e.cmd.v == NULL);
	}

	struct engine_version v;
	cause = NULL;
	r = version_parse(json, &v, &cause);
	if (r == 0) {
		FUZZ_CHECK(v.api_version != NULL);
		version_clear(&v);
	} else {
		failed(r, cause);
		FUZZ_CHECK(v.version == NULL && v.api_version == NULL);
	}

	char *id = id_parse(json);
	FUZZ_CHECK(id == NULL || *id != '\0');
	free(id);
	free(error_message_parse(json));
}

/* Lines of the input as Cmd, Env, User and WorkingDir of an exec body. */
static void exec_round_trip(const char *text)
{
	struct exec_config ec;
	memset(&ec, 0, sizeof ec);
	char *copy = strdup(text);
	FUZZ_CHECK(copy != NULL);
	char *save = NULL;
	for (char *w = strtok_r(copy, "\n", &save); w; w = strtok_r(NULL, "\n", &save))
		strv_push(w[0] == '=' ? &ec.env : &ec.cmd, w);
	ec.user = ec.cmd.n ? ec.cmd.v[0] : NULL;
	ec.workdir = ec.cmd.n > 1 ? ec.cmd.v[1] : NULL;
	ec.tty = ec.cmd.n & 1;
	ec.rows = (int)(strlen(text) % 300);
	ec.cols = 80;
	char *body = exec_config_json(&ec, 1);
	cJSON *o = cJSON_Parse(body);
	FUZZ_CHECK(cJSON_IsObject(o));
	const cJSON *cmd = cJSON_GetObjectItemCaseSensitive(o, "Cmd");
	FUZZ_CHECK(cJSON_IsArray(cmd) && (size_t)cJSON_GetArraySize(cmd) == ec.cmd.n);
	for (size_t i = 0; i < ec.cmd.n; i++) {
		const cJSON *it = cJSON_GetArrayItem(cmd, (int)i);
		FUZZ_CHECK(cJSON_IsString(it) && strcmp(it->valuestring, ec.cmd.v[i]) == 0);
	}
	const cJSON *env = cJSON_GetObjectItemCaseSensitive(o, "Env");
	FUZZ_CHECK(ec.env.n == 0 ? env == NULL : (size_t)cJSON_GetArraySize(env) == ec.env.n);
	const cJSON *cs = cJSON_GetObjectItemCaseSensitive(o, "ConsoleSize");
	FUZZ_CHECK((cs != NULL) == (ec.tty && ec.rows > 0));
	cJSON_Delete(o);
	free(body);
	strv_clear(&ec.cmd);
	strv_clear(&ec.env);
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *json = malloc(size + 1);
	FUZZ_CHECK(json != NULL);
	memcpy(json, data, size);
	json[size] = '\0';
	parse_all(json);
	if (size < 4096)
		exec_round_trip(json);
	free(json);
	return 0;
}
