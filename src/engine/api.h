/* api.h: the Docker Engine API client. A struct engine is one endpoint (an
 * object, not a global: the console may hold several). Every call is
 * asynchronous: it returns at once and its callback runs later from the core
 * loop, exactly once, unless engine_call_cancel() is called first. Results
 * handed to callbacks are only valid during the callback.
 *
 * Errors reach callbacks as a struct engine_error (NULL on success): status
 * is the HTTP status (404 no such container/exec, 409 not running, ...) or 0
 * when the engine could not be reached or did not answer in time; message is
 * one line fit to show a person (with control characters made inert). */
#ifndef PH_API_H
#define PH_API_H
#include "core/loop.h"
#include "engine/endpoint.h"
#include "engine/http.h"
#include "engine/model.h"

/* Highest API version porthole speaks, and the one it assumes before
 * negotiation. */
#define ENGINE_API_MAX "1.43"
#define ENGINE_API_MIN "1.24"
#define ENGINE_TIMEOUT_MS 15000

struct engine;
struct engine_call;

struct engine_error {
	int status;
	int timed_out;
	const char *message;
};

struct engine *engine_new(struct loop *loop, const struct endpoint *ep);
void engine_free(struct engine *e);
const struct endpoint *engine_endpoint(const struct engine *e);
struct loop *engine_loop(const struct engine *e);
/* "1.41" once negotiated (ENGINE_API_MAX before). */
const char *engine_api_version(const struct engine *e);
/* Server version string ("20.10.24", "4.3.1") and platform once negotiated. */
const char *engine_server_version(const struct engine *e);
void engine_set_timeout(struct engine *e, long ms);
long engine_timeout(const struct engine *e);
/* The prefixed path for a call (caller frees): "/v1.41/containers/json". */
char *engine_path(const struct engine *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* s escaped for a URL's path or query (caller frees). */
char *engine_escape(const char *s);
/* "cannot reach the engine at unix:///x: reason" style text (caller frees). */
char *engine_unreachable_text(const struct engine *e, const char *why);

typedef void (*engine_status_cb)(const struct engine_error *err, void *arg);
typedef void (*engine_version_cb)(const struct engine_error *err, const struct engine_version *v, void *arg);
typedef void (*engine_list_cb)(const struct engine_error *err, const struct container_list *l, void *arg);
typedef void (*engine_info_cb)(const struct engine_error *err, const struct container_info *c, void *arg);
typedef void (*engine_exec_cb)(const struct engine_error *err, const char *exec_id, void *arg);
typedef void (*engine_exec_info_cb)(const struct engine_error *err, const struct exec_info *x, void *arg);
typedef void (*engine_event_cb)(const struct event *ev, void *arg);

/* GET /_ping and negotiate from its Api-Version header: min(server,
 * ENGINE_API_MAX). */
struct engine_call *engine_negotiate(struct engine *e, engine_version_cb cb, void *arg);
struct engine_call *engine_ping(struct engine *e, long timeout_ms, engine_status_cb cb, void *arg);
struct engine_call *engine_container_list(struct engine *e, int all, engine_list_cb cb, void *arg);
/* The same with the API's filters, a JSON object as the engine takes it
 * ({"label":["k=v"],"status":["running"],"name":["web"]}); NULL: none. */
struct engine_call *engine_container_list_filtered(struct engine *e, int all, const char *filters,
    engine_list_cb cb, void *arg);
struct engine_call *engine_container_inspect(struct engine *e, const char *id, engine_info_cb cb, void *arg);
struct engine_call *engine_exec_create(struct engine *e, const char *container,
    const struct exec_config *cfg, engine_exec_cb cb, void *arg);
struct engine_call *engine_exec_inspect(struct engine *e, const char *exec_id, engine_exec_info_cb cb, void *arg);
struct engine_call *engine_exec_resize(struct engine *e, const char *exec_id, int rows, int cols,
    engine_status_cb cb, void *arg);
/* Start without attaching (Detach: true): the process runs on its own. */
struct engine_call *engine_exec_start_detached(struct engine *e, const char *exec_id, int tty,
    engine_status_cb cb, void *arg);
/* GET /events (container events): ev_cb for each event as it comes; end_cb
 * once when the stream ends (err NULL when the engine closed it cleanly).
 * Lines that do not parse are skipped and counted (engine_events_bad). */
struct engine_call *engine_events(struct engine *e, engine_event_cb ev_cb,
    engine_status_cb end_cb, void *arg);
unsigned long engine_events_bad(const struct engine_call *c);
void engine_call_cancel(struct engine_call *c);

/* The error a finished request's result means, in the words the calls give
 * their callbacks (engine_error.message): NULL for a 2xx status, else one
 * inert line (caller frees), with *status and *timed_out filled when not
 * NULL. For the streams built on engine_http() (engine/stream.h). */
char *engine_result_message(struct engine *e, const struct http_result *res, int *status, int *timed_out);

/* For the exec stream: the http layer of this engine. */
struct http *engine_http(const struct engine *e);

/* Run the loop until *flag becomes nonzero (for the headless CLI). */
void engine_wait(struct engine *e, const int *flag);

#endif
