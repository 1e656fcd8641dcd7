/* audit.h: the audit log (`set audit-log FILE`): one JSON line for each
 * session as it ends, appended to the file (created mode 0600):
 *   {"started":"2026-01-02T03:04:05Z","ended":"...","local_user":"ann",
 *    "engine":"unix:///run/docker.sock","container_id":"...",
 *    "container_name":"web","exec_id":"...","command":["sh","-c","..."],
 *    "user":"","workdir":"","exit_code":0,"stopped_by_porthole":false}
 * exit_code is null when the session failed or its code is unknown (then
 * "error" says why). Nothing of the session's environment is written: its
 * values may be secrets. Headless; the console's model (app.c) calls it. */
#ifndef PH_SESSION_AUDIT_H
#define PH_SESSION_AUDIT_H
#include "session/session.h"

/* The line for s (ended) on the engine named engine, without a newline.
 * The caller frees it. */
char *audit_entry(const struct session *s, const char *engine);
/* Append line and a newline to path in one write. 0, or -1 with *cause. */
int audit_append(const char *path, const char *line, char **cause);

#endif
