/* app.h: the console's headless model: its engines, each with its own
 * connection (session/conn.h: negotiation, the /events stream, the live
 * container list, reconnection when the daemon goes and comes back), so
 * that one engine down or hung touches only its own rows and tabs; the tabs
 * of exec sessions (each knows its connection), the inspect data of the
 * selected container (or engine), and the status message. The curses UI
 * only reads it and calls its commands; tests drive it without a screen.
 *
 * changed() runs from the loop with an APP_CHANGED_* mask; it must only mark
 * things for redraw. The app owns its sessions, list and strings; app_free()
 * ends every session (without stopping the processes). */
#ifndef PH_APP_H
#define PH_APP_H
#include "core/loop.h"
#include "engine/api.h"
#include "session/conn.h"
#include "session/ctrlist.h"
#include "session/session.h"
#include "session/statsfollow.h"

#define APP_CHANGED_LIST   0x1
#define APP_CHANGED_TABS   0x2
#define APP_CHANGED_PANEL  0x4
#define APP_CHANGED_STATUS 0x8
#define APP_CHANGED_OUTPUT 0x10  /* the current tab's screen */

enum app_conn { APP_CONNECTING, APP_CONNECTED, APP_DISCONNECTED };

struct kv { char *k, *v; };
struct kvlist { struct kv *v; size_t n; };
void kvlist_clear(struct kvlist *l);
void kvlist_add(struct kvlist *l, const char *k, const char *v);

struct app;
typedef void (*app_changed_cb)(struct app *a, int what, void *arg);

/* The engine need not answer yet: the app connects and keeps trying. The
 * app borrows e: free it after app_free(). e is engine 0. */
struct app *app_new(struct loop *loop, struct engine *e, app_changed_cb changed, void *arg);
void app_free(struct app *a);

/* Engine 0 (borrowed, as given to app_new) and its connection's state. */
struct engine *app_engine(const struct app *a);
enum app_conn app_conn(const struct app *a);

/* Engines, in the order added; each has its own connection and list. An
 * engine's name is what the user called it (a context name, the address
 * as given), by default its endpoint's display. app_add_engine() starts
 * connecting at once and returns the new engine's index; with own the app
 * frees e (at app_free() or app_remove_engine()), else it borrows it.
 * app_remove_engine() refuses (-1, *cause allocated) while tabs of it are
 * open or being stopped, and for the last engine. A hidden engine's
 * containers are folded under its header in the list. */
size_t app_add_engine(struct app *a, struct engine *e, const char *name, int own);
int app_remove_engine(struct app *a, size_t i, char **cause);
size_t app_nengines(const struct app *a);
struct conn *app_engine_conn(const struct app *a, size_t i);
const char *app_engine_name(const struct app *a, size_t i);
/* Its short name, unique among the engines: a context's name; of an
 * address, the host or the socket's file name ("docker", "ph-a/docker"
 * when two are called so). Tabs are labelled label:container. */
const char *app_engine_label(const struct app *a, size_t i);
void app_set_engine_name(struct app *a, size_t i, const char *name);
/* The index of the engine of connection c, or of the engine called name
 * (its name, label or address), or -1. */
int app_engine_index(const struct app *a, const struct conn *c);
int app_engine_find(const struct app *a, const char *name);
/* The label of connection c's engine ("" for none). */
const char *app_conn_name(const struct app *a, const struct conn *c);
int app_engine_hidden(const struct app *a, size_t i);
void app_set_engine_hidden(struct app *a, size_t i, int on);
/* The user is at work (keys): each engine that has been quiet is asked
 * whether it is still there (conn_note_use()). */
void app_note_use(struct app *a);
/* The panel for engine i: name, address, state, API and server version,
 * the cause when down, containers and tabs. */
void app_engine_panel(const struct app *a, size_t i, struct kvlist *out);
/* Status line message (last error or notice), "" when none. */
const char *app_message(const struct app *a);
void app_set_message(struct app *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Engine 0's containers (each engine's: conn_containers()). */
const struct ctrlist *app_containers(const struct app *a);
/* Select container id of connection c, whose inspect the panel shows; id
 * NULL selects the engine itself (its header row), c NULL with an id means
 * engine 0, both NULL nothing. */
void app_select_container(struct app *a, struct conn *c, const char *id);
struct conn *app_selected_conn(const struct app *a);
/* The panel's container part: key/value rows, with values made inert
 * (with several engines, the first row names the engine). */
const struct kvlist *app_container_panel(const struct app *a);
/* The selected container's live figures (session/statsfollow.h): while
 * they are wanted (the panel shows them; not at first) and the selected
 * container's inspect says it runs, its stats are streamed; a new
 * selection, its stop (its inspect after the event) or on 0 close the
 * stream, and a new selection or start opens a new one with an empty
 * history. Each sample is an APP_CHANGED_PANEL. */
void app_want_stats(struct app *a, int on);
/* The selected engine's follower (engine 0's while none is selected). */
const struct statsfollow *app_stats(const struct app *a);
/* The panel's resources part from app_stats(): the newest figures as
 * `docker stats` prints them and sparklines (session/samples.h) of graph
 * columns in the glyphs cs (CPU against 100 % or its largest value
 * held, memory against its largest value held); nothing while no
 * container is followed. */
void app_stats_panel(const struct app *a, int graph, enum samples_charset cs, struct kvlist *out);
/* Container events received from the engine so far (for idle checks). */
unsigned long long app_events(const struct app *a);

/* Tabs. The pane size is the one every session's TTY gets. */
void app_set_pane_size(struct app *a, int rows, int cols);
void app_pane_size(const struct app *a, int *rows, int *cols);
/* Scrollback lines kept by each tab opened from now on (default
 * TERM_SCROLLBACK_DEFAULT; 0 keeps none). */
void app_set_scrollback(struct app *a, int lines);
/* Every tab opened from now on records its output into dir
 * (session_record), as porthole-NAME-TIME-N.cast; NULL or "" stops that
 * for new tabs. A file that cannot be made is said in the message line. */
void app_set_record_dir(struct app *a, const char *dir);
/* The audit log (session/audit.h): a JSON line appended to path for each
 * exec session as it ends; NULL: none. A failed write goes to the status
 * line. */
void app_set_audit_log(struct app *a, const char *path);
/* Open a session on a container of connection c (NULL: engine 0's;
 * spec->cmd empty: its shell). Returns the new tab's index (it becomes
 * current). */
int app_open(struct app *a, struct conn *c, const struct session_spec *spec);
/* Open a logs tab on a container (session.h's session_new_logs; it need
 * not run). The container's events (start, destroy) and the engine's
 * return reach it from the app. Returns the tab's index (current). */
struct logfollow_opts;
int app_open_logs(struct app *a, struct conn *c, const struct session_spec *spec, const struct logfollow_opts *o);
size_t app_ntabs(const struct app *a);
struct session *app_tab(const struct app *a, size_t i);
/* The connection tab i runs on (NULL past the last tab). */
struct conn *app_tab_conn(const struct app *a, size_t i);
int app_current(const struct app *a);   /* -1 when no tab */
struct session *app_current_session(const struct app *a);
void app_select_tab(struct app *a, int i);
void app_next_tab(struct app *a, int delta);
/* Close tab i: a running session is stopped first (stop.h), then freed. */
void app_close_tab(struct app *a, int i);
/* Respawn tab i's finished session. -1 when it is still running. */
int app_respawn_tab(struct app *a, int i);
/* The panel's exec part for the current tab. */
void app_session_panel(const struct app *a, struct kvlist *out);
/* Tabs whose process still runs (logs tabs run none). */
size_t app_running_tabs(const struct app *a);
/* Synchronized input: a set of tabs that what is typed in one of them goes
 * to. Tab i joins (on) or leaves it: -1 when i is no tab, or a logs tab or
 * an ended one asked to join. A tab leaves the set when its session ends. */
int app_sync_set(struct app *a, size_t i, int on);
int app_tab_synced(const struct app *a, size_t i);
size_t app_synced_count(const struct app *a);
/* Quitting: stop every session still running, the closed tabs' too, with
 * the tab-close procedure (stop.h), all at once. Returns how many sessions
 * are still live (running, starting or being stopped). Call it again each
 * loop turn until it returns 0: a session that was still starting is
 * stopped as soon as it runs. */
size_t app_stop_all(struct app *a);

/* Each loop turn, after the keys: the focused tab's output is parsed for
 * up to APP_SLICE_MS, then every other tab's for up to APP_BG_SLICE_MS
 * (session.h); a flooding background tab so gets what CPU is left. */
#define APP_SLICE_MS 2
#define APP_BG_SLICE_MS 1

#endif
