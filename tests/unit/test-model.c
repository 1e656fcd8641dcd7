/* test-model.c: Engine API JSON to structs and back (engine/model.c), on
 * answers as Docker 20.10 (API 1.41) sends them, and on malformed or
 * wrongly shaped JSON. */
#include "config.h"
#include "engine/model.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define J(...) #__VA_ARGS__

/* GET /version */
static const char version_json[] = J(
{"Platform":{"Name":"Docker Engine - Community"},"Components":[{"Name":"Engine",
"Version":"20.10.24","Details":{"ApiVersion":"1.41","Arch":"amd64","BuildTime":
"2023-04-04T10:31:23.000000000+00:00","Experimental":"false","GitCommit":"5d6db84",
"GoVersion":"go1.19.7","KernelVersion":"5.15.0-91-generic","MinAPIVersion":"1.12",
"Os":"linux"}},{"Name":"containerd","Version":"1.6.20","Details":{"GitCommit":
"2806fc1057397dbaeefbea0e4e17bddfbd388f38"}}],"Version":"20.10.24","ApiVersion":
"1.41","MinAPIVersion":"1.12","GitCommit":"5d6db84","GoVersion":"go1.19.7","Os":
"linux","Arch":"amd64","KernelVersion":"5.15.0-91-generic","BuildTime":
"2023-04-04T10:31:23.000000000+00:00"}
);

/* GET /containers/json?all=1 */
static const char list_json[] = J(
[{"Id":"8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1","Names":["/web"],
"Image":"nginx:1.25","ImageID":"sha256:a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6",
"Command":"/docker-entrypoint.sh nginx -g 'daemon off;'","Created":1700000000,
"Ports":[{"IP":"0.0.0.0","PrivatePort":80,"PublicPort":8080,"Type":"tcp"}],
"Labels":{"maintainer":"NGINX Docker Maintainers"},"State":"running","Status":"Up 3 hours",
"HostConfig":{"NetworkMode":"default"},"NetworkSettings":{"Networks":{"bridge":{
"IPAMConfig":null,"Links":null,"Aliases":null,"NetworkID":"7ea29fc1412292a2d7bba362f9253545fecdfa8ce9a6e37dd10ba8bee7129812",
"EndpointID":"2cdc4edb1ded3631c81f57966563e5c8525b81121bb3706a9a9a3ae102711f3f","Gateway":"172.17.0.1",
"IPAddress":"172.17.0.2","IPPrefixLen":16,"IPv6Gateway":"","GlobalIPv6Address":"",
"GlobalIPv6PrefixLen":0,"MacAddress":"02:42:ac:11:00:02","DriverOpts":null}}},"Mounts":[]},
{"Id":"3176a2479c92f1c0cce8d2a4a3b3d4c0aa2f0f1b7e8d9c0b1a2f3e4d5c6b7a89","Names":["/db","/web/db"],
"Image":"postgres:16","ImageID":"sha256:0123","Command":"docker-entrypoint.sh postgres",
"Created":1699990000,"Ports":[],"Labels":{},"State":"exited","Status":"Exited (137) 2 minutes ago",
"HostConfig":{"NetworkMode":"default"},"NetworkSettings":{"Networks":{}},"Mounts":[]},
{"Names":["/no-id"],"Image":"busybox","State":"created"},
"not an object",
{"Id":"c0ffee","Names":[],"Image":"alpine","State":"created","Status":"Created"}]
);

/* GET /containers/ID/json, a running container with two execs. */
static const char inspect_json[] = J(
{"Id":"8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1",
"Created":"2023-11-14T22:13:20.123456789Z","Path":"/docker-entrypoint.sh",
"Args":["nginx","-g","daemon off;"],"State":{"Status":"running","Running":true,
"Paused":false,"Restarting":false,"OOMKilled":false,"Dead":false,"Pid":4321,
"ExitCode":0,"Error":"","StartedAt":"2023-11-14T22:13:21.5Z",
"FinishedAt":"0001-01-01T00:00:00Z"},"Image":"sha256:a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6",
"ResolvConfPath":"/var/lib/docker/containers/8dfa/resolv.conf","Name":"/web",
"RestartCount":0,"Driver":"overlay2","Platform":"linux","MountLabel":"","ProcessLabel":"",
"AppArmorProfile":"docker-default","ExecIDs":["e1aa","e2bb"],
"HostConfig":{"Binds":null,"NetworkMode":"default","AutoRemove":false},
"Mounts":[],"Config":{"Hostname":"8dfafdbc3a40","Domainname":"","User":"nginx",
"AttachStdin":false,"AttachStdout":true,"AttachStderr":true,
"ExposedPorts":{"80/tcp":{}},"Tty":true,"OpenStdin":true,"StdinOnce":false,
"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","NGINX_VERSION=1.25.3"],
"Cmd":["nginx","-g","daemon off;"],"Image":"nginx:1.25","Volumes":null,
"WorkingDir":"/usr/share/nginx","Entrypoint":["/docker-entrypoint.sh"],"OnBuild":null,
"Labels":{"maintainer":"NGINX Docker Maintainers"},"StopSignal":"SIGQUIT"},
"NetworkSettings":{"Bridge":"","SandboxID":"abc","Ports":{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"}]}}}
);

/* An exited, OOM-killed container: no execs (ExecIDs null), Cmd a string. */
static const char inspect_exited_json[] = J(
{"Id":"3176a2479c92","Created":"2023-11-14T20:00:00Z","Path":"sh","Args":["-c","exit 3"],
"State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,
"OOMKilled":true,"Dead":false,"Pid":0,"ExitCode":137,"Error":"oom",
"StartedAt":"2023-11-14T20:00:01Z","FinishedAt":"2023-11-14T20:05:00Z"},
"Image":"sha256:0123","Name":"db","ExecIDs":null,
"Config":{"User":"","Tty":false,"Env":null,"Cmd":"sh -c 'exit 3'","Image":"postgres:16",
"WorkingDir":"","Entrypoint":null}}
);

/* GET /exec/ID/json while running, and after the process ended. */
static const char exec_running_json[] = J(
{"CanRemove":false,"ContainerID":"8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1",
"DetachKeys":"","ExitCode":null,"ID":"e1aa5f0d0b3c","OpenStderr":true,"OpenStdin":true,
"OpenStdout":true,"ProcessConfig":{"arguments":["-c","ls -l /"],"entrypoint":"sh",
"privileged":false,"tty":true,"user":"nobody"},"Running":true,"Pid":5555}
);

static const char exec_done_json[] = J(
{"CanRemove":false,"ContainerID":"8dfafdbc3a40","DetachKeys":"","ExitCode":2,
"ID":"e2bb","OpenStderr":true,"OpenStdin":false,"OpenStdout":true,
"ProcessConfig":{"arguments":[],"entrypoint":"false","privileged":true,"tty":false},
"Running":false,"Pid":5600}
);

/* GET /events lines. */
static const char ev_die[] = J(
{"status":"die","id":"8dfafdbc3a40e4a1","from":"nginx:1.25","Type":"container","Action":"die",
"Actor":{"ID":"8dfafdbc3a40e4a1","Attributes":{"exitCode":"137","image":"nginx:1.25",
"maintainer":"NGINX Docker Maintainers","name":"web"}},"scope":"local","time":1700000000,
"timeNano":1700000000123456789}
);
static const char ev_exec_die[] = J(
{"status":"exec_die","id":"8dfafdbc3a40e4a1","from":"nginx:1.25","Type":"container",
"Action":"exec_die","Actor":{"ID":"8dfafdbc3a40e4a1","Attributes":{"execID":"e1aa5f0d0b3c",
"exitCode":"0","image":"nginx:1.25","name":"web"}},"scope":"local","time":1700000001,
"timeNano":1700000001000000000}
);
static const char ev_exec_start[] = J(
{"status":"exec_start: sh -c ls","id":"8dfafdbc3a40e4a1","from":"nginx:1.25","Type":"container",
"Action":"exec_start: sh -c ls","Actor":{"ID":"8dfafdbc3a40e4a1","Attributes":{
"execID":"e1aa5f0d0b3c","image":"nginx:1.25","name":"web"}},"scope":"local",
"time":1700000001,"timeNano":1700000001000000000}
);
static const char ev_rename[] = J(
{"status":"rename","id":"3176a2479c92","from":"postgres:16","Type":"container","Action":"rename",
"Actor":{"ID":"3176a2479c92","Attributes":{"image":"postgres:16","name":"newdb","oldName":"/db"}},
"scope":"local","time":1700000002,"timeNano":1700000002000000000}
);
static const char ev_network[] = J(
{"Type":"network","Action":"connect","Actor":{"ID":"7ea29fc14122","Attributes":{
"container":"8dfafdbc3a40","name":"bridge","type":"bridge"}},"scope":"local","time":1700000003,
"timeNano":1700000003000000000}
);

static void test_version(void)
{
	struct engine_version v;
	char *cause = NULL;
	is_int(version_parse(version_json, &v, &cause), 0, "version: parses");
	is_str(v.version, "20.10.24", "version: Version");
	is_str(v.api_version, "1.41", "version: ApiVersion");
	is_str(v.min_api_version, "1.12", "version: MinAPIVersion");
	is_str(v.os, "linux", "version: Os");
	is_str(v.arch, "amd64", "version: Arch");
	is_str(v.platform, "Docker Engine - Community", "version: Platform.Name");
	version_clear(&v);
	ok(v.version == NULL && v.api_version == NULL, "version_clear zeroes");
}

static void test_list(void)
{
	struct container_list l;
	char *cause = NULL;
	is_int(container_list_parse(list_json, &l, &cause), 0, "list: parses");
	is_int((long long)l.n, 3, "list: three entries with an Id (one without Id and a string skipped)");
	if (l.n == 3) {
		is_str(l.v[0].id, "8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1", "list[0]: Id");
		is_str(l.v[0].name, "web", "list[0]: the leading '/' of the name removed");
		is_str(l.v[0].image, "nginx:1.25", "list[0]: Image");
		is_str(l.v[0].state, "running", "list[0]: State");
		is_str(l.v[0].status, "Up 3 hours", "list[0]: Status");
		is_str(l.v[0].command, "/docker-entrypoint.sh nginx -g 'daemon off;'", "list[0]: Command");
		is_int(l.v[0].created, 1700000000, "list[0]: Created");
		is_str(l.v[1].name, "db", "list[1]: the first of several Names");
		is_str(l.v[1].state, "exited", "list[1]: State");
		is_str(l.v[1].status, "Exited (137) 2 minutes ago", "list[1]: Status");
		is_str(l.v[2].id, "c0ffee", "list[2]: Id");
		is_str(l.v[2].name, "", "list[2]: empty Names gives an empty name");
		ok(l.v[2].command == NULL && l.v[2].created == 0, "list[2]: missing fields NULL / 0");
	}
	container_list_clear(&l);
	ok(l.v == NULL && l.n == 0, "container_list_clear zeroes");

	is_int(container_list_parse("[]", &l, &cause), 0, "an empty list parses");
	is_int((long long)l.n, 0, "an empty list has no entries");
	container_list_clear(&l);
}

static void test_inspect(void)
{
	struct container_info c;
	char *cause = NULL;
	is_int(container_info_parse(inspect_json, &c, &cause), 0, "inspect: parses");
	is_str(c.id, "8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1", "inspect: Id");
	is_str(c.name, "web", "inspect: Name without its '/'");
	is_str(c.image, "nginx:1.25", "inspect: Config.Image");
	is_str(c.image_id, "sha256:a8758716bb6aa4d90071160d27028fe4eaee7ce8166221a97d30440c8eac2be6", "inspect: Image (the id)");
	is_str(c.status, "running", "inspect: State.Status");
	ok(c.running == 1 && c.paused == 0 && c.restarting == 0 && c.oom_killed == 0 && c.dead == 0,
	    "inspect: State flags");
	is_int(c.pid, 4321, "inspect: State.Pid");
	is_int(c.exit_code, 0, "inspect: State.ExitCode");
	is_str(c.error, "", "inspect: State.Error");
	is_str(c.started_at, "2023-11-14T22:13:21.5Z", "inspect: State.StartedAt");
	is_str(c.finished_at, "0001-01-01T00:00:00Z", "inspect: State.FinishedAt");
	is_int((long long)c.cmd.n, 3, "inspect: Config.Cmd has three words");
	if (c.cmd.n == 3) {
		is_str(c.cmd.v[0], "nginx", "inspect: Cmd[0]");
		is_str(c.cmd.v[2], "daemon off;", "inspect: Cmd[2] with its space");
	}
	char *joined = strv_join(&c.cmd, " ");
	is_str(joined, "nginx -g daemon off;", "strv_join of Cmd");
	free(joined);
	is_int((long long)c.entrypoint.n, 1, "inspect: Entrypoint");
	is_str(c.entrypoint.n ? c.entrypoint.v[0] : NULL, "/docker-entrypoint.sh", "inspect: Entrypoint[0]");
	is_int((long long)c.exec_ids.n, 2, "inspect: ExecIDs array of two");
	is_str(c.exec_ids.n == 2 ? c.exec_ids.v[1] : NULL, "e2bb", "inspect: ExecIDs[1]");
	is_int((long long)c.env.n, 2, "inspect: Env");
	is_str(c.env.n == 2 ? c.env.v[1] : NULL, "NGINX_VERSION=1.25.3", "inspect: Env[1]");
	is_str(c.user, "nginx", "inspect: Config.User");
	is_str(c.workdir, "/usr/share/nginx", "inspect: Config.WorkingDir");
	is_int(c.tty, 1, "inspect: Config.Tty");
	container_info_clear(&c);
	ok(c.id == NULL && c.cmd.n == 0 && c.cmd.v == NULL, "container_info_clear zeroes");

	is_int(container_info_parse(inspect_exited_json, &c, &cause), 0, "inspect exited: parses");
	is_str(c.name, "db", "inspect exited: a Name without '/' kept");
	is_str(c.status, "exited", "inspect exited: State.Status");
	ok(c.running == 0 && c.oom_killed == 1, "inspect exited: not running, OOMKilled");
	is_int(c.exit_code, 137, "inspect exited: ExitCode 137");
	is_int(c.pid, 0, "inspect exited: Pid 0");
	ok(c.exec_ids.n == 0 && c.exec_ids.v == NULL, "inspect exited: ExecIDs null gives an empty list");
	ok(c.entrypoint.n == 0 && c.env.n == 0, "inspect exited: Entrypoint and Env null give empty lists");
	is_int((long long)c.cmd.n, 1, "inspect exited: a string Cmd is one word");
	is_str(c.cmd.n ? c.cmd.v[0] : NULL, "sh -c 'exit 3'", "inspect exited: the string Cmd kept");
	is_str(c.user, "", "inspect exited: empty User");
	is_int(c.tty, 0, "inspect exited: Tty false");
	container_info_clear(&c);
}

static void test_exec_info(void)
{
	struct exec_info e;
	char *cause = NULL;
	is_int(exec_info_parse(exec_running_json, &e, &cause), 0, "exec running: parses");
	is_str(e.id, "e1aa5f0d0b3c", "exec running: ID");
	is_str(e.container_id, "8dfafdbc3a40e4a1b9b0cd8a5c1b4d8e5a3e0bd0a6d2b0f3c1e8d6f6c9d5a2b1", "exec running: ContainerID");
	is_int(e.running, 1, "exec running: Running");
	is_int(e.has_exit_code, 0, "exec running: ExitCode null means no exit code yet");
	is_int(e.pid, 5555, "exec running: Pid");
	is_int(e.tty, 1, "exec running: ProcessConfig.tty");
	is_int(e.privileged, 0, "exec running: ProcessConfig.privileged");
	is_int(e.open_stdin, 1, "exec running: OpenStdin");
	is_str(e.user, "nobody", "exec running: ProcessConfig.user");
	ok(e.workdir == NULL, "exec running: no workingDir sent, NULL");
	is_int((long long)e.cmd.n, 3, "exec running: entrypoint then arguments");
	if (e.cmd.n == 3) {
		is_str(e.cmd.v[0], "sh", "exec running: cmd[0] the entrypoint");
		is_str(e.cmd.v[1], "-c", "exec running: cmd[1]");
		is_str(e.cmd.v[2], "ls -l /", "exec running: cmd[2]");
	}
	exec_info_clear(&e);
	ok(e.id == NULL && e.cmd.v == NULL, "exec_info_clear zeroes");

	is_int(exec_info_parse(exec_done_json, &e, &cause), 0, "exec done: parses");
	is_int(e.running, 0, "exec done: not running");
	is_int(e.has_exit_code, 1, "exec done: has an exit code");
	is_int(e.exit_code, 2, "exec done: ExitCode 2");
	ok(e.tty == 0 && e.privileged == 1 && e.open_stdin == 0, "exec done: tty, privileged, OpenStdin");
	ok(e.user == NULL, "exec done: no user field, NULL");
	is_int((long long)e.cmd.n, 1, "exec done: empty arguments leave only the entrypoint");
	exec_info_clear(&e);

	static const char zero[] = "{\"ID\":\"e3\",\"Running\":false,\"ExitCode\":0,\"ProcessConfig\":{}}";
	is_int(exec_info_parse(zero, &e, &cause), 0, "exec exit 0: parses");
	ok(e.has_exit_code == 1 && e.exit_code == 0, "exec exit 0: has_exit_code with code 0");
	exec_info_clear(&e);
}

static void test_events(void)
{
	struct event ev;
	char *cause = NULL;

	is_int(event_parse(ev_die, strlen(ev_die), &ev, &cause), 0, "die: parses");
	is_str(ev.type, "container", "die: Type");
	is_str(ev.action, "die", "die: Action");
	is_str(ev.id, "8dfafdbc3a40e4a1", "die: Actor.ID");
	is_str(ev.name, "web", "die: name attribute");
	is_str(ev.image, "nginx:1.25", "die: image attribute");
	ok(ev.has_exit_code == 1, "die: exitCode attribute present");
	is_int(ev.exit_code, 137, "die: exitCode \"137\" as a number");
	ok(ev.exec_id == NULL && ev.old_name == NULL, "die: no execID or oldName");
	/* timeNano goes through a double in cJSON: allow its rounding. */
	long long dt = (long long)(ev.time_nano - 1700000000123456789LL);
	ok(dt > -1000 && dt < 1000, "die: timeNano (off by %lld ns)", dt);
	event_clear(&ev);
	ok(ev.type == NULL && ev.action == NULL, "event_clear zeroes");

	is_int(event_parse(ev_exec_die, strlen(ev_exec_die), &ev, &cause), 0, "exec_die: parses");
	is_str(ev.action, "exec_die", "exec_die: Action");
	is_str(ev.exec_id, "e1aa5f0d0b3c", "exec_die: execID");
	ok(ev.has_exit_code == 1 && ev.exit_code == 0, "exec_die: exitCode \"0\"");
	event_clear(&ev);

	is_int(event_parse(ev_exec_start, strlen(ev_exec_start), &ev, &cause), 0, "exec_start: parses");
	is_str(ev.action, "exec_start", "exec_start: the \": sh -c ls\" suffix stripped");
	is_str(ev.exec_id, "e1aa5f0d0b3c", "exec_start: execID");
	is_int(ev.has_exit_code, 0, "exec_start: no exit code");
	event_clear(&ev);

	is_int(event_parse(ev_rename, strlen(ev_rename), &ev, &cause), 0, "rename: parses");
	is_str(ev.action, "rename", "rename: Action");
	is_str(ev.name, "newdb", "rename: the new name");
	/* The engine sends the old name with its '/'; either form names "db". */
	const char *old = ev.old_name ? ev.old_name : "";
	is_str(old[0] == '/' ? old + 1 : old, "db", "rename: oldName");
	event_clear(&ev);

	is_int(event_parse(ev_network, strlen(ev_network), &ev, &cause), 0, "network connect: parses");
	is_str(ev.type, "network", "network connect: Type network");
	is_str(ev.action, "connect", "network connect: Action");
	event_clear(&ev);

	/* Old engines: only status and id, no Type, Action or Actor. */
	static const char old_style[] = "{\"status\":\"start\",\"id\":\"abc123\",\"from\":\"busybox\",\"time\":1}";
	is_int(event_parse(old_style, strlen(old_style), &ev, &cause), 0, "status/id only: parses");
	is_str(ev.action, "start", "status/id only: status as the action");
	is_str(ev.id, "abc123", "status/id only: id");
	is_str(ev.type, "container", "status/id only: type defaults to container");
	event_clear(&ev);

	/* Only len bytes are read: two lines in one buffer. */
	char two[2048];
	snprintf(two, sizeof two, "%s\n%s", ev_exec_die, ev_rename);
	is_int(event_parse(two, strlen(ev_exec_die), &ev, &cause), 0, "first of two lines: parses with its length");
	is_str(ev.action, "exec_die", "first of two lines: its own action");
	event_clear(&ev);
	char *unterminated = xmalloc(strlen(ev_die));
	memcpy(unterminated, ev_die, strlen(ev_die));
	is_int(event_parse(unterminated, strlen(ev_die), &ev, &cause), 0, "a line without a NUL after it parses");
	event_clear(&ev);
	free(unterminated);

	/* An exitCode that is not a number is no exit code. */
	static const char badcode[] = "{\"Action\":\"die\",\"Actor\":{\"ID\":\"x\",\"Attributes\":{\"exitCode\":\"12abc\"}}}";
	is_int(event_parse(badcode, strlen(badcode), &ev, &cause), 0, "exitCode \"12abc\": the event parses");
	is_int(ev.has_exit_code, 0, "exitCode \"12abc\": no exit code");
	event_clear(&ev);

	static const struct {
		const char *json, *why;
	} bad[] = {
		{ "{\"Type\":\"container\",\"Action\":\"die\"}", "no Actor.ID" },
		{ "{\"Type\":\"container\",\"Actor\":{\"ID\":\"x\"}}", "no Action" },
		{ "[{\"Action\":\"die\",\"Actor\":{\"ID\":\"x\"}}]", "an array" },
		{ "{\"Action\":\"die\",\"Actor\":{\"ID\":\"x\"}", "truncated" },
		{ "", "empty" },
		{ "null", "null" },
		{ "{\"Action\":5,\"Actor\":{\"ID\":\"x\"}}", "a numeric Action" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cause = NULL;
		is_int(event_parse(bad[i].json, strlen(bad[i].json), &ev, &cause), -1, "event %s: -1", bad[i].why);
		ok(cause != NULL, "event %s: cause (%s)", bad[i].why, cause ? cause : "none");
		ok(ev.type == NULL && ev.action == NULL && ev.id == NULL, "event %s: nothing left to free", bad[i].why);
		free(cause);
	}
	/* A line cut short by len is malformed even if the buffer goes on. */
	cause = NULL;
	is_int(event_parse(ev_die, 40, &ev, &cause), -1, "a line cut by len: -1");
	free(cause);
}

/* ---- malformed answers ---- */

/* Each parser on a zeroed struct: its result, and whether it left the
 * struct as it found it (nothing to free) when it failed. */
static int zeroed(const void *p, size_t n)
{
	const unsigned char *b = p;
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

#define PARSE_INTO(type, parse, clear) \
	static int try_##parse(const char *json, char **cause, int *clean) \
	{ \
		type x; \
		memset(&x, 0, sizeof x); \
		int r = parse(json, &x, cause); \
		*clean = zeroed(&x, sizeof x); \
		if (r == 0) \
			clear(&x); \
		return r; \
	}
PARSE_INTO(struct engine_version, version_parse, version_clear)
PARSE_INTO(struct container_list, container_list_parse, container_list_clear)
PARSE_INTO(struct container_info, container_info_parse, container_info_clear)
PARSE_INTO(struct exec_info, exec_info_parse, exec_info_clear)

static void test_malformed(void)
{
	static const struct {
		int (*parse)(const char *json, char **cause, int *clean);
		const char *json, *what;
		const char *cause_has;  /* NULL: any cause */
	} cases[] = {
		{ try_version_parse, "{\"Version\":\"20.10.24\"}", "version without ApiVersion", NULL },
		{ try_version_parse, "[{\"ApiVersion\":\"1.41\"}]", "version as an array", NULL },
		{ try_version_parse, "{\"ApiVersion\":", "truncated version", NULL },
		{ try_version_parse, "{\"ApiVersion\":1.41}", "ApiVersion as a number", NULL },
		{ try_container_list_parse, "{\"message\":\"page not found\"}", "list: an object where an array is expected", "array" },
		{ try_container_list_parse, "[{\"Id\":\"x\"},", "list: truncated JSON", NULL },
		{ try_container_list_parse, "", "list: empty body", NULL },
		{ try_container_info_parse, "{\"Name\":\"/web\",\"State\":{\"Status\":\"running\"}}", "inspect without Id", NULL },
		{ try_container_info_parse, "{\"Id\":\"abc\",\"State\":\"running\"}", "inspect with State not an object", NULL },
		{ try_container_info_parse, "[{\"Id\":\"abc\",\"State\":{\"Status\":\"running\"}}]", "inspect as an array", "object" },
		{ try_container_info_parse, "{\"Id\":\"abc\",\"State\":{\"Status\":\"running\"}", "truncated inspect", NULL },
		{ try_container_info_parse, "{\"message\":\"No such container: nope\"}", "an error body given to inspect", NULL },
		{ try_exec_info_parse, "{\"ContainerID\":\"abc\",\"Running\":true}", "exec without ID", NULL },
		{ try_exec_info_parse, "[]", "exec as an array", NULL },
		{ try_exec_info_parse, "{\"ID\":\"x\"", "truncated exec", NULL },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *cause = NULL;
		int clean = 0;
		int r = cases[i].parse(cases[i].json, &cause, &clean);
		int told = cause && *cause && (cases[i].cause_has == NULL || strstr(cause, cases[i].cause_has));
		ok(r == -1 && told && clean, "%s: -1, a cause (%s), nothing left to free", cases[i].what,
		    cause ? cause : "none");
		free(cause);
	}
}

/* Looks key up in the parsed body; NULL if absent. */
static const cJSON *jget(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

static int jarray_is(const cJSON *a, const char *const *want, size_t n)
{
	if (!cJSON_IsArray(a) || (size_t)cJSON_GetArraySize(a) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		const cJSON *it = cJSON_GetArrayItem(a, (int)i);
		if (!cJSON_IsString(it) || strcmp(it->valuestring, want[i]) != 0)
			return 0;
	}
	return 1;
}

static void test_exec_config(void)
{
	struct exec_config c;
	memset(&c, 0, sizeof c);
	static const char *const cmd[] = { "sh", "-c", "echo \"hi\" && ls -l 'a b'\n\t\\" };
	static const char *const env[] = { "TERM=xterm-256color", "LANG=C.UTF-8", "X=é漢" };
	for (size_t i = 0; i < 3; i++)
		strv_push(&c.cmd, cmd[i]);
	for (size_t i = 0; i < 3; i++)
		strv_push(&c.env, env[i]);
	c.user = "1000:1000";
	c.workdir = "/srv/app dir";
	c.tty = 1;
	c.attach_stdin = 1;
	c.attach_stdout = 1;
	c.attach_stderr = 1;
	c.rows = 40;
	c.cols = 132;

	char *s = exec_config_json(&c, 1);
	cJSON *o = cJSON_Parse(s);
	ok(cJSON_IsObject(o), "exec config: valid JSON object (%s)", s);
	ok(jarray_is(jget(o, "Cmd"), cmd, 3), "exec config: Cmd round trip, quotes and controls intact");
	ok(jarray_is(jget(o, "Env"), env, 3), "exec config: Env round trip, UTF-8 intact");
	is_str(cJSON_GetStringValue(jget(o, "User")), "1000:1000", "exec config: User");
	is_str(cJSON_GetStringValue(jget(o, "WorkingDir")), "/srv/app dir", "exec config: WorkingDir");
	ok(cJSON_IsTrue(jget(o, "Tty")), "exec config: Tty true");
	ok(cJSON_IsTrue(jget(o, "AttachStdin")), "exec config: AttachStdin true");
	ok(cJSON_IsTrue(jget(o, "AttachStdout")) && cJSON_IsTrue(jget(o, "AttachStderr")), "exec config: AttachStdout/err true");
	ok(cJSON_IsFalse(jget(o, "Privileged")), "exec config: Privileged false");
	const cJSON *cs = jget(o, "ConsoleSize");
	ok(cJSON_IsArray(cs) && cJSON_GetArraySize(cs) == 2 &&
	    cJSON_GetArrayItem(cs, 0)->valuedouble == 40 && cJSON_GetArrayItem(cs, 1)->valuedouble == 132,
	    "exec config: ConsoleSize [rows, cols] = [40, 132]");
	cJSON_Delete(o);
	free(s);

	/* ConsoleSize only when asked for, with a tty, and a size. */
	s = exec_config_json(&c, 0);
	o = cJSON_Parse(s);
	ok(o && jget(o, "ConsoleSize") == NULL, "exec config: no ConsoleSize when the API does not take it");
	cJSON_Delete(o);
	free(s);
	c.tty = 0;
	s = exec_config_json(&c, 1);
	o = cJSON_Parse(s);
	ok(o && jget(o, "ConsoleSize") == NULL, "exec config: no ConsoleSize without a tty");
	ok(cJSON_IsFalse(jget(o, "Tty")), "exec config: Tty false");
	cJSON_Delete(o);
	free(s);
	c.tty = 1;
	c.rows = 0;
	s = exec_config_json(&c, 1);
	o = cJSON_Parse(s);
	ok(o && jget(o, "ConsoleSize") == NULL, "exec config: no ConsoleSize with 0 rows");
	cJSON_Delete(o);
	free(s);

	/* Empty user, workdir and env are left out; stdin off. */
	strv_clear(&c.env);
	c.user = "";
	c.workdir = NULL;
	c.attach_stdin = 0;
	c.privileged = 1;
	s = exec_config_json(&c, 1);
	o = cJSON_Parse(s);
	ok(o && jget(o, "Env") == NULL, "exec config: no Env when empty");
	ok(o && jget(o, "User") == NULL, "exec config: no User when empty");
	ok(o && jget(o, "WorkingDir") == NULL, "exec config: no WorkingDir when NULL");
	ok(cJSON_IsFalse(jget(o, "AttachStdin")), "exec config: AttachStdin false");
	ok(cJSON_IsTrue(jget(o, "Privileged")), "exec config: Privileged true");
	ok(jarray_is(jget(o, "Cmd"), cmd, 3), "exec config: Cmd still there");
	cJSON_Delete(o);
	free(s);
	strv_clear(&c.cmd);
	ok(c.cmd.v == NULL && c.cmd.n == 0, "strv_clear zeroes");
}

/* A parser of one string field: its input, what it gives (NULL: nothing). */
struct small_case {
	char *(*parse)(const char *json);
	const char *json, *want, *what;
};

static void test_small(void)
{
	static const struct small_case cases[] = {
		{ id_parse, "{\"Id\":\"b8c9e4f0a1d2\",\"Warnings\":[]}", "b8c9e4f0a1d2", "id_parse: a create answer" },
		{ id_parse, "{\"Id\":\"\"}", NULL, "id_parse: an empty Id is NULL" },
		{ id_parse, "{\"id\":\"lowercase\"}", NULL, "id_parse: the key is case-sensitive" },
		{ id_parse, "{\"Id\":42}", NULL, "id_parse: a numeric Id is NULL" },
		{ id_parse, "not json", NULL, "id_parse: not JSON is NULL" },
		{ id_parse, "[\"Id\"]", NULL, "id_parse: an array is NULL" },
		{ error_message_parse, "{\"message\":\"No such container: nope\"}", "No such container: nope",
		    "error_message_parse: a 404 body" },
		{ error_message_parse, "{\"message\":\"Container 8dfa is not running\"}\n", "Container 8dfa is not running",
		    "error_message_parse: a 409 body with a newline" },
		{ error_message_parse, "{}", NULL, "error_message_parse: no message is NULL" },
		{ error_message_parse, "page not found", NULL, "error_message_parse: plain text is NULL" },
		{ error_message_parse, "", NULL, "error_message_parse: empty is NULL" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = cases[i].parse(cases[i].json);
		if (cases[i].want)
			is_str(got, cases[i].want, "%s", cases[i].what);
		else
			ok(got == NULL, "%s", cases[i].what);
		free(got);
	}

	struct strv v = { NULL, 0 }, w = { NULL, 0 };
	char *j = strv_join(&v, ",");
	is_str(j, "", "strv_join of nothing is empty");
	free(j);
	strv_push(&v, "a");
	strv_push(&v, "b c");
	j = strv_join(&v, ", ");
	is_str(j, "a, b c", "strv_join with a separator");
	free(j);
	strv_copy(&w, &v);
	strv_push(&v, "d");
	j = strv_join(&w, "|");
	is_str(j, "a|b c", "strv_copy copies the strings (later pushes to the source do not show)");
	free(j);
	ok(w.n == 2 && w.v[0] != v.v[0], "and owns copies of its own");
	strv_clear(&v);
	strv_clear(&w);
}

int main(void)
{
	test_version();
	test_list();
	test_inspect();
	test_exec_info();
	test_events();
	test_exec_config();
	test_malformed();
	test_small();
	return done_testing();
}
