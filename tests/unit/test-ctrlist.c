/* test-ctrlist.c: the live container list (session/ctrlist.c). A list is
 * loaded from a hand-made GET /containers/json answer, then events built by
 * hand are applied one at a time: a create/start of an unknown container
 * adds it, die records the exit code, destroy removes, rename renames,
 * pause/unpause, exec_* change nothing, and an event the list cannot place
 * asks for a refetch. The order (running first, then by name) must hold
 * after every change. */
#include "config.h"
#include "session/ctrlist.h"
#include "engine/humanize.h"
#include "../tap.h"
#include <stdlib.h>
#include <string.h>

static struct container mk(char *id, char *name, char *image, char *state, char *status)
{
	struct container c = { id, name, image, state, status, "sleep 1000000", 1700000000 };
	return c;
}

/* Names in list order, joined by commas: "a,b,c". */
static const char *names(const struct ctrlist *l)
{
	static char out[512];
	out[0] = '\0';
	for (size_t i = 0; i < l->n; i++) {
		if (i)
			strcat(out, ",");
		strncat(out, l->v[i].name ? l->v[i].name : "(null)", sizeof out - strlen(out) - 2);
	}
	return out;
}

static struct event ev(char *action, char *id, char *name, char *image)
{
	struct event e;
	memset(&e, 0, sizeof e);
	e.type = "container";
	e.action = action;
	e.id = id;
	e.name = name;
	e.image = image;
	e.time_nano = 1700000123456789012LL;
	return e;
}

static int sorted(const struct ctrlist *l)
{
	for (size_t i = 1; i < l->n; i++) {
		int ra = ctr_running(&l->v[i - 1]), rb = ctr_running(&l->v[i]);
		if (ra < rb)
			return 0;
		if (ra == rb && strcmp(l->v[i - 1].name, l->v[i].name) > 0)
			return 0;
	}
	return 1;
}

static const char *ID_WEB = "a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
static const char *ID_DB = "b1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
static const char *ID_CACHE = "c1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
static const char *ID_JOB = "c1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
static const char *ID_ALPHA = "d1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
static const char *ID_NEW = "e1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";

static void load(struct ctrlist *l)
{
	struct container v[4] = {
		mk((char *)ID_JOB, "job", "busybox:latest", "exited", "Exited (3) 2 minutes ago"),
		mk((char *)ID_WEB, "web", "nginx:1.25", "running", "Up 5 minutes"),
		mk((char *)ID_ALPHA, "alpha", "alpine:3", "exited", "Exited (0) 1 hour ago"),
		mk((char *)ID_DB, "db", "postgres:16", "running", "Up 2 hours"),
	};
	struct container_list from = { v, 4 };
	ctrlist_replace(l, &from, 1000);
}

static void test_replace(void)
{
	struct ctrlist l;
	ctrlist_init(&l, NULL);
	ok(l.n == 0 && l.v == NULL, "a new list is empty");
	load(&l);
	is_int(l.n, 4, "replace: four rows");
	is_str(names(&l), "db,web,alpha,job", "replace sorts running first, then by name");
	struct ctr *job = ctrlist_find(&l, ID_JOB);
	ok(job && job->has_exit_code && job->exit_code == 3,
	    "\"Exited (3) 2 minutes ago\" gives exit code 3");
	struct ctr *alpha = ctrlist_find(&l, ID_ALPHA);
	ok(alpha && alpha->has_exit_code && alpha->exit_code == 0, "\"Exited (0) ...\" gives exit code 0");
	struct ctr *web = ctrlist_find(&l, ID_WEB);
	ok(web && !web->has_exit_code, "a running container has no exit code");
	ok(web && strcmp(web->image, "nginx:1.25") == 0 && strcmp(web->status, "Up 5 minutes") == 0 &&
	    web->created == 1700000000, "image, status and created are copied");
	is_int(ctrlist_index(&l, ID_DB), 0, "ctrlist_index of the first row");
	is_int(ctrlist_index(&l, "nope"), -1, "ctrlist_index of an unknown id is -1");
	is_int(ctrlist_index(&l, NULL), -1, "ctrlist_index of NULL is -1");
	ok(ctrlist_find(&l, "nope") == NULL, "ctrlist_find of an unknown id is NULL");

	/* Replace again: a row that went away goes, a known exit code the
	 * new status does not carry is kept. */
	struct ctr *j = ctrlist_find(&l, ID_JOB);
	j->exit_code = 42; /* as if a die event had said 42 */
	struct container v[2] = {
		mk((char *)ID_JOB, "job", "busybox:latest", "exited", "Exited"),
		mk((char *)ID_WEB, "web", "nginx:1.25", "running", "Up 6 minutes"),
	};
	struct container_list from = { v, 2 };
	ctrlist_replace(&l, &from, 1000);
	is_str(names(&l), "web,job", "a second replace drops the rows that are gone");
	job = ctrlist_find(&l, ID_JOB);
	ok(job && job->has_exit_code && job->exit_code == 42,
	    "a known exit code survives a replace whose status has none");
	ctrlist_clear(&l);
	ok(l.n == 0 && l.v == NULL, "ctrlist_clear empties the list");

	struct container_list none = { NULL, 0 };
	ctrlist_replace(&l, &none, 1000);
	is_int(l.n, 0, "replace with an empty answer");
	ctrlist_clear(&l);

	/* The rows know the connection of their list, through replaces,
	 * events and clears. */
	static char owner;
	struct conn *conn = (struct conn *)&owner;
	ctrlist_init(&l, conn);
	load(&l);
	int all = l.n == 4;
	for (size_t i = 0; i < l.n; i++)
		all &= l.v[i].conn == conn;
	ok(all, "every row of a replace carries the list's connection");
	struct event e = ev("create", (char *)ID_NEW, "newbie", "busybox:1");
	ctrlist_apply(&l, &e, 2000);
	struct ctr *fresh = ctrlist_find(&l, ID_NEW);
	ok(fresh && fresh->conn == conn, "a row added by an event carries it too");
	ctrlist_clear(&l);
	ok(l.conn == conn, "a cleared list keeps its connection");
	ctrlist_clear(&l);
}

static void test_events(void)
{
	struct ctrlist l;
	struct event e;
	int r;
	ctrlist_init(&l, NULL);
	load(&l);

	e = ev("create", (char *)ID_NEW, "newbie", "busybox:1");
	r = ctrlist_apply(&l, &e, 1000);
	ok(r & CTRLIST_CHANGED, "create of an unknown id: changed");
	struct ctr *c = ctrlist_find(&l, ID_NEW);
	ok(c != NULL, "create of an unknown id appends it");
	ok(c && strcmp(c->name, "newbie") == 0 && strcmp(c->image, "busybox:1") == 0,
	    "the new row has the event's name and image");
	ok(c && !ctr_running(c), "a created container is not running yet");
	ok(c && c->created == 1700000123, "created comes from the event's time");
	is_int(l.n, 5, "five rows");

	e = ev("start", (char *)ID_NEW, "newbie", "busybox:1");
	r = ctrlist_apply(&l, &e, 2000);
	c = ctrlist_find(&l, ID_NEW);
	ok(r & CTRLIST_CHANGED, "start: changed");
	ok(c && ctr_running(c), "start makes it running");
	ok(c && c->started_ms == 2000, "start records when it was seen starting");
	is_int(l.n, 5, "start of a known id adds no row");
	is_str(names(&l), "db,newbie,web,alpha,job", "the started one sorts among the running");

	/* start alone (the create was missed) */
	const char *id2 = "f1f2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2";
	e = ev("start", (char *)id2, "zed", "busybox:1");
	r = ctrlist_apply(&l, &e, 2500);
	c = ctrlist_find(&l, id2);
	ok((r & CTRLIST_CHANGED) && c && ctr_running(c), "start of an unknown id appends it as running");
	is_str(names(&l), "db,newbie,web,zed,alpha,job", "still sorted");

	e = ev("die", (char *)ID_NEW, "newbie", "busybox:1");
	e.has_exit_code = 1;
	e.exit_code = 137;
	r = ctrlist_apply(&l, &e, 3000);
	c = ctrlist_find(&l, ID_NEW);
	ok(r & CTRLIST_CHANGED, "die: changed");
	ok(c && strcmp(c->state, "exited") == 0, "die sets state exited");
	ok(c && c->has_exit_code && c->exit_code == 137, "die with exitCode 137 sets exit code 137");
	ok(c && strstr(c->status, "137") != NULL, "the status text shows 137 (\"%s\")", c ? c->status : "");
	is_str(names(&l), "db,web,zed,alpha,job,newbie", "the dead one moves among the stopped");
	ok(sorted(&l), "order holds");

	e = ev("kill", (char *)ID_WEB, "web", "nginx:1.25");
	r = ctrlist_apply(&l, &e, 3100);
	c = ctrlist_find(&l, ID_WEB);
	ok(r == 0 && c && ctr_running(c), "kill changes nothing (die follows)");

	e = ev("pause", (char *)ID_WEB, "web", "nginx:1.25");
	r = ctrlist_apply(&l, &e, 3200);
	c = ctrlist_find(&l, ID_WEB);
	ok((r & CTRLIST_CHANGED) && c && strcmp(c->state, "paused") == 0 && !ctr_running(c),
	    "pause sets state paused");
	ok(sorted(&l), "a paused container sorts after the running ones");
	e = ev("unpause", (char *)ID_WEB, "web", "nginx:1.25");
	r = ctrlist_apply(&l, &e, 3300);
	c = ctrlist_find(&l, ID_WEB);
	ok((r & CTRLIST_CHANGED) && c && ctr_running(c), "unpause sets it running again");
	ok(sorted(&l), "order holds after unpause");

	e = ev("rename", (char *)ID_WEB, "aaa-front", "nginx:1.25");
	e.old_name = "/web";
	r = ctrlist_apply(&l, &e, 3400);
	c = ctrlist_find(&l, ID_WEB);
	ok((r & CTRLIST_CHANGED) && c && strcmp(c->name, "aaa-front") == 0, "rename changes the name");
	ok(c && ctr_running(c) && c->image && strcmp(c->image, "nginx:1.25") == 0,
	    "rename keeps state and image");
	is_str(names(&l), "aaa-front,db,zed,alpha,job,newbie", "the renamed one sorts by its new name");
	e = ev("rename", (char *)ID_WEB, "/web", "nginx:1.25");
	ctrlist_apply(&l, &e, 3450);
	c = ctrlist_find(&l, ID_WEB);
	ok(c && strcmp(c->name, "web") == 0, "a leading / in the new name is dropped");

	/* exec_* events change nothing */
	static char *exec_actions[] = { "exec_create", "exec_start", "exec_die", "exec_detach" };
	char *before = strdup(names(&l));
	int all_zero = 1;
	for (size_t i = 0; i < sizeof exec_actions / sizeof *exec_actions; i++) {
		e = ev(exec_actions[i], (char *)ID_DB, "db", "postgres:16");
		e.exec_id = "9999";
		if (strcmp(exec_actions[i], "exec_die") == 0) {
			e.has_exit_code = 1;
			e.exit_code = 5;
		}
		all_zero &= ctrlist_apply(&l, &e, 3500) == 0;
	}
	c = ctrlist_find(&l, ID_DB);
	ok(all_zero, "exec_create/exec_start/exec_die/exec_detach return 0");
	ok(c && ctr_running(c) && !c->has_exit_code && strcmp(c->status, "Up 2 hours") == 0,
	    "exec_die leaves the container's state, status and exit code alone");
	is_str(names(&l), before, "exec_* events leave the rows as they were");
	e = ev("exec_start", (char *)"0000unknown", "ghost", "x");
	ok(ctrlist_apply(&l, &e, 3500) == 0 && ctrlist_find(&l, "0000unknown") == NULL,
	    "an exec_* event for an unknown id neither adds a row nor asks for a refetch");
	free(before);

	/* Events of other types are not about the list. */
	e = ev("delete", (char *)ID_DB, "db", "postgres:16");
	e.type = "image";
	ok(ctrlist_apply(&l, &e, 3550) == 0 && ctrlist_find(&l, ID_DB), "an image event is ignored");

	/* Unknown id, not create/start: refetch, nothing added. */
	size_t n = l.n;
	static char *others[] = { "die", "pause", "unpause", "rename", "restart", "update" };
	int all_refetch = 1;
	for (size_t i = 0; i < sizeof others / sizeof *others; i++) {
		e = ev(others[i], (char *)"0123456789ab-not-in-the-list", "ghost", "x");
		r = ctrlist_apply(&l, &e, 3600);
		if (!(r & CTRLIST_REFETCH)) {
			all_refetch = 0;
			diag("%s of an unknown id gave %d", others[i], r);
		}
	}
	ok(all_refetch, "die/pause/unpause/rename/restart/update of an unknown id ask for a refetch");
	is_int(l.n, n, "and add no row");

	e = ev("destroy", (char *)ID_NEW, "newbie", "busybox:1");
	r = ctrlist_apply(&l, &e, 4000);
	ok((r & CTRLIST_CHANGED) && ctrlist_find(&l, ID_NEW) == NULL, "destroy removes the row");
	is_int(l.n, n - 1, "one row fewer");
	is_str(names(&l), "db,web,zed,alpha,job", "the others stay, in order");
	e = ev("destroy", (char *)ID_NEW, "newbie", "busybox:1");
	ok(ctrlist_apply(&l, &e, 4100) == 0 && l.n == n - 1, "destroy of an unknown id changes nothing");
	e = ev("destroy", (char *)ID_JOB, "job", "busybox:latest");
	ctrlist_apply(&l, &e, 4200);
	is_str(names(&l), "db,web,zed,alpha", "destroy of the last row");
	e = ev("destroy", (char *)ID_DB, "db", "postgres:16");
	ctrlist_apply(&l, &e, 4300);
	is_str(names(&l), "web,zed,alpha", "destroy of the first row");

	/* A replace after events keeps what events learnt. */
	e = ev("die", (char *)ID_WEB, "web", "nginx:1.25");
	e.has_exit_code = 1;
	e.exit_code = 137;
	ctrlist_apply(&l, &e, 5000);
	struct container v[1] = { mk((char *)ID_WEB, "web", "nginx:1.25", "exited", "Exited") };
	struct container_list from = { v, 1 };
	ctrlist_replace(&l, &from, 1000);
	c = ctrlist_find(&l, ID_WEB);
	ok(c && c->has_exit_code && c->exit_code == 137, "a replace keeps the exit code a die event gave");
	e = ev("start", (char *)ID_WEB, "web", "nginx:1.25");
	ctrlist_apply(&l, &e, 6000);
	c = ctrlist_find(&l, ID_WEB);
	ok(c && ctr_running(c) && !c->has_exit_code, "a restart clears the exit code");
	struct container v2[1] = { mk((char *)ID_WEB, "web", "nginx:1.25", "running", "Up 1 second") };
	struct container_list from2 = { v2, 1 };
	ctrlist_replace(&l, &from2, 1000);
	c = ctrlist_find(&l, ID_WEB);
	ok(c && c->started_ms == 6000, "a replace keeps when a row was seen starting");
	ctrlist_clear(&l);
}

static void test_matches(void)
{
	struct ctrlist l;
	ctrlist_init(&l, NULL);
	load(&l);
	const struct ctr *web = ctrlist_find(&l, ID_WEB), *db = ctrlist_find(&l, ID_DB);
	ok(ctr_matches(web, "") && ctr_matches(web, NULL), "an empty filter matches");
	ok(ctr_matches(web, "we") && ctr_matches(web, "eb") && !ctr_matches(db, "we"),
	    "a substring of the name matches");
	ok(ctr_matches(web, "nginx") && ctr_matches(db, "gres:1") && !ctr_matches(web, "postgres"),
	    "a substring of the image matches");
	ok(ctr_matches(web, "a1b2c3") && !ctr_matches(db, "a1b2c3"), "an id prefix matches");
	ok(ctr_matches(web, ID_WEB), "the whole id matches");
	ok(!ctr_matches(web, "c3d4e5f6a7"), "a piece of the id that is not its prefix does not match");
	ok(!ctr_matches(web, "zzz"), "an unrelated filter does not match");
	char got[256] = "";
	for (size_t i = 0; i < l.n; i++)
		if (ctr_matches(&l.v[i], "b")) {
			strcat(got, *got ? "," : "");
			strcat(got, l.v[i].name);
		}
	is_str(got, "db,web,job", "filter \"b\" keeps db, web and job, not alpha");
	got[0] = '\0';
	for (size_t i = 0; i < l.n; i++)
		if (ctr_matches(&l.v[i], "d1"))
			strcat(got, l.v[i].name);
	is_str(got, "alpha", "filter \"d1\" keeps only the row whose id starts with it");
	ctrlist_clear(&l);
}

/* The list's uptime: the engine's words for a duration, read back from its
 * status and written again as time passes, so an idle list is right again
 * at its next draw. */
static void test_uptime(void)
{
	static const struct {
		int64_t ms;
		const char *words;
	} d[] = {
		{ 0, "Less than a second" }, { 999, "Less than a second" }, { 1000, "1 second" },
		{ 59999, "59 seconds" }, { 60000, "About a minute" }, { 119999, "About a minute" },
		{ 120000, "2 minutes" }, { 3599999, "59 minutes" }, { 3600000, "About an hour" },
		{ 5399999, "About an hour" }, { 5400000, "2 hours" }, { 47 * 3600000LL, "47 hours" },
		{ 48 * 3600000LL, "2 days" }, { 14 * 86400000LL, "2 weeks" }, { 60 * 86400000LL, "2 months" },
		{ 730 * 86400000LL, "2 years" },
	};
	char buf[40];
	for (size_t i = 0; i < sizeof d / sizeof d[0]; i++) {
		humanize_duration(d[i].ms, buf, sizeof buf);
		is_str(buf, d[i].words, "%lld ms in the engine's words", (long long)d[i].ms);
	}
	size_t used;
	is_int(ctr_parse_duration("5 minutes (healthy)", &used), 300000, "\"5 minutes\" read back");
	is_int(used, 9, "and its length");
	is_int(ctr_parse_duration("About an hour", &used), 3600000, "\"About an hour\"");
	is_int(ctr_parse_duration("1 second", &used), 1000, "\"1 second\"");
	is_int(ctr_parse_duration("3 fortnights", &used), -1, "an unknown unit");
	is_int(ctr_parse_duration("minutes", &used), -1, "no number");
	is_int(ctr_parse_duration("12345678901 years", &used), -1, "an absurd number");
	is_int(ctr_parse_duration("5 minutesago", &used), -1, "a unit run into the next word");

	struct ctrlist l;
	ctrlist_init(&l, NULL);
	struct container v[3] = {
		mk((char *)ID_WEB, "web", "nginx:1.25", "running", "Up 5 minutes (healthy)"),
		mk((char *)ID_DB, "db", "postgres:16", "running", "Up Less than a second"),
		mk((char *)ID_CACHE, "cache", "redis:7", "exited", "Exited (1) 3 minutes ago"),
	};
	struct container_list from = { v, 3 };
	int64_t t0 = 10000000;
	ctrlist_replace(&l, &from, t0);
	char *st = ctr_status_at(ctrlist_find(&l, ID_WEB), t0);
	is_str(st, "Up 5 minutes (healthy)", "a listed row reads as the engine said");
	free(st);
	st = ctr_status_at(ctrlist_find(&l, ID_WEB), t0 + 3600000);
	is_str(st, "Up About an hour (healthy)", "an hour later its uptime has moved on, the suffix kept");
	free(st);
	st = ctr_status_at(ctrlist_find(&l, ID_DB), t0 + 125000);
	is_str(st, "Up 2 minutes", "\"Less than a second\" becomes minutes");
	free(st);
	st = ctr_status_at(ctrlist_find(&l, ID_CACHE), t0 + 3600000);
	is_str(st, "Exited (1) 3 minutes ago", "a stopped row keeps the engine's words");
	free(st);
	/* Seen starting: dated by the event, kept across a replace. */
	struct event ev = { .type = (char *)"container", .action = (char *)"start", .id = (char *)ID_CACHE };
	ctrlist_apply(&l, &ev, t0 + 1000);
	st = ctr_status_at(ctrlist_find(&l, ID_CACHE), t0 + 1000 + 42000);
	is_str(st, "Up 42 seconds", "a started row counts from its start event");
	free(st);
	v[2] = mk((char *)ID_CACHE, "cache", "redis:7", "running", "Up 3 seconds");
	ctrlist_replace(&l, &from, t0 + 50000);
	st = ctr_status_at(ctrlist_find(&l, ID_CACHE), t0 + 1000 + 42000 + 60000);
	is_str(st, "Up About a minute", "a replace keeps the start it saw");
	free(st);
	ctrlist_clear(&l);
}

int main(void)
{
	test_replace();
	test_events();
	test_matches();
	test_uptime();
	return done_testing();
}
