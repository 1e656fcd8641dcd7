/* conn.h: one engine connection of the console, as an object: API version
 * negotiation, the /events stream, the live container list it keeps
 * (session/ctrlist.h), the inspect of one watched container, and
 * reconnection when the daemon goes away and comes back (the list and the
 * event stream are fetched again, nothing that happened between is lost).
 * The console's model (session/app.h) holds its connections; each container
 * row (struct ctr's conn) and each tab knows the connection it came from.
 *
 * Callbacks run from the loop; each is optional:
 *   changed   with a CONN_CHANGED_* mask (state, list);
 *   event     each container event, after the list has applied it;
 *   inspected each answer for the watched container (err or info, valid
 *             during the call only);
 *   message   one line for the status line ("engine unreachable ...").
 * None may free the conn.
 *
 * Ownership: a conn borrows its engine (the caller frees it after
 * conn_free()) and owns its list, calls and timers. */
#ifndef PH_CONN_H
#define PH_CONN_H
#include "core/loop.h"
#include "engine/api.h"
#include "session/ctrlist.h"

enum conn_state { CONN_CONNECTING, CONN_CONNECTED, CONN_DISCONNECTED };

#define CONN_CHANGED_STATE 0x1
#define CONN_CHANGED_LIST  0x2

/* How soon a lost engine is asked again, and how long a burst of events
 * is gathered into one list call. */
#define CONN_RECONNECT_MS 500
#define CONN_REFETCH_MS 50

struct conn;

struct conn_cb {
	void (*changed)(struct conn *c, int what, void *arg);
	void (*event)(struct conn *c, const struct event *ev, void *arg);
	void (*inspected)(struct conn *c, const struct engine_error *err, const struct container_info *info,
	    void *arg);
	void (*message)(struct conn *c, const char *msg, void *arg);
};

/* Starts connecting at once; the engine need not answer yet. */
struct conn *conn_new(struct loop *loop, struct engine *e, const struct conn_cb *cb, void *arg);
void conn_free(struct conn *c);

struct engine *conn_engine(const struct conn *c);
enum conn_state conn_state(const struct conn *c);
const struct ctrlist *conn_containers(const struct conn *c);
/* Why the engine is down (the error of the call that found it so), NULL
 * unless CONN_DISCONNECTED. A call that times out on a connected engine
 * (a daemon that hangs) puts it down and reconnecting. */
const char *conn_cause(const struct conn *c);

/* Watch container id (NULL: none): its inspect is asked now, after every
 * list and on each of its events; an answer still in flight for the one
 * watched before is dropped. */
void conn_watch(struct conn *c, const char *id);
/* Ask the watched container's inspect again (coalesced with one in
 * flight). */
void conn_refresh_watched(struct conn *c);
/* The user is at work (a key): an engine that has said nothing for
 * CONN_QUIET_MS (or its timeout, when shorter) is pinged, given
 * CONN_PING_MS (or its timeout, when shorter) to answer, so that one that
 * hangs shows as down while the console is in use. Nothing is asked while
 * nobody types: an idle console makes no wakeups. */
#define CONN_QUIET_MS 10000
#define CONN_PING_MS 3000
void conn_note_use(struct conn *c);

#endif
