/* test-stats.c: the resource figures of engine/stats.c from stats objects
 * as dockerd writes them on cgroup v1 and on cgroup v2 (CPU % from the
 * previous sample, online CPUs or the per-CPU list, memory less the
 * inactive file cache, networks and block I/O summed, PIDs), the edge
 * cases of the docker CLI's rules, its sizes and the row and JSON. */
#include "config.h"
#include "engine/stats.h"
#include "../tap.h"
#include <stdlib.h>
#include <string.h>

/* dockerd 20.10 on cgroup v1 (trimmed to what counts, plus noise). */
static const char v1[] =
    "{\"read\":\"2026-12-02T14:29:55.277908074Z\",\"preread\":\"2026-12-02T14:29:54.273494144Z\","
    "\"pids_stats\":{\"current\":3},"
    "\"blkio_stats\":{\"io_service_bytes_recursive\":["
    "{\"major\":8,\"minor\":0,\"op\":\"Read\",\"value\":4096},"
    "{\"major\":8,\"minor\":0,\"op\":\"Write\",\"value\":1048576},"
    "{\"major\":8,\"minor\":16,\"op\":\"Read\",\"value\":8192},"
    "{\"major\":8,\"minor\":0,\"op\":\"Sync\",\"value\":7},"
    "{\"major\":8,\"minor\":0,\"op\":\"Total\",\"value\":1060864},"
    "{\"major\":8,\"minor\":0,\"op\":\"\",\"value\":99}]},"
    "\"num_procs\":0,"
    "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":3000000000,\"percpu_usage\":[1,2,3,4]},"
    "\"system_cpu_usage\":24897100000000,\"online_cpus\":2},"
    "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":2000000000,\"percpu_usage\":[1,2,3,4]},"
    "\"system_cpu_usage\":24877100000000,\"online_cpus\":2},"
    "\"memory_stats\":{\"usage\":10485760,\"max_usage\":3817472,\"stats\":{\"cache\":4194304,"
    "\"inactive_file\":1,\"total_inactive_file\":2097152,\"total_rss\":57344},\"limit\":25275973632},"
    "\"networks\":{\"eth0\":{\"rx_bytes\":1500,\"tx_bytes\":700},\"eth1\":{\"rx_bytes\":500,\"tx_bytes\":300}},"
    "\"name\":\"/web\",\"id\":\"b88a88271ab7c2b0a9d63441f80b3e527446a9014a3b17be779e9736ad2e17f7\"}";

/* The same container on cgroup v2: inactive_file, no total_*; no
 * online_cpus (older engines): the per-CPU list counts. */
static const char v2[] =
    "{\"read\":\"2026-12-02T14:29:55Z\",\"pids_stats\":{\"current\":7,\"limit\":1000},"
    "\"blkio_stats\":{\"io_service_bytes_recursive\":[{\"op\":\"read\",\"value\":100},{\"op\":\"write\",\"value\":2000000}]},"
    "\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":1500000000,\"percpu_usage\":[1,2,3,4]},\"system_cpu_usage\":40000000000},"
    "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":1000000000},\"system_cpu_usage\":36000000000},"
    "\"memory_stats\":{\"usage\":8388608,\"stats\":{\"inactive_file\":4194304,\"anon\":3000000,\"file\":5000000},"
    "\"limit\":536870912},\"name\":\"/db\",\"id\":\"0123456789abcdef\"}";

static int near(double a, double b)
{
	double d = a - b;
	return d < 1e-6 && d > -1e-6;
}

static void test_v1(void)
{
	struct stats s;
	char *cause = NULL;
	is_int(stats_parse(v1, strlen(v1), &s, &cause), 0, "v1: parses");
	ok(s.cgroup_v1, "v1: seen as cgroup v1");
	is_str(s.name, "web", "v1: the name without its /");
	/* 1e9 / 2e10 * 2 CPUs * 100 */
	ok(near(s.cpu_percent, 10), "v1: CPU %% from the previous sample, times online_cpus (%f)", s.cpu_percent);
	is_int(s.online_cpus, 2, "v1: online_cpus beats the per-CPU list");
	ok(near(s.mem_used, 10485760 - 2097152), "v1: memory less total_inactive_file (%f)", s.mem_used);
	ok(near(s.mem_limit, 25275973632.0), "v1: the limit");
	ok(near(s.net_rx, 2000) && near(s.net_tx, 1000), "v1: networks summed");
	ok(near(s.blk_read, 4096 + 8192) && near(s.blk_write, 1048576), "v1: block I/O by op, Sync and Total not counted");
	is_int(s.pids, 3, "v1: PIDs");
	struct stats_row r;
	stats_row(&s, &r);
	is_str(r.id, "b88a88271ab7", "row: the short id");
	is_str(r.cpu, "10.00%", "row: CPU %%");
	is_str(r.mem, "8MiB / 23.54GiB", "row: memory as docker prints it");
	is_str(r.memp, "0.03%", "row: memory %%");
	is_str(r.net, "2kB / 1kB", "row: network I/O");
	is_str(r.blk, "12.3kB / 1.05MB", "row: block I/O");
	is_str(r.pids, "3", "row: PIDs");
	char *j = stats_json(&s);
	ok(strstr(j, "\"cpu_percent\":10,") != NULL, "json: cpu_percent to two decimals");
	ok(strstr(j, "\"memory_usage\":8388608,") != NULL, "json: memory_usage in bytes");
	ok(strstr(j, "\"name\":\"web\"") != NULL, "json: the name");
	free(j);
	stats_clear(&s);
}

static void test_v2(void)
{
	struct stats s;
	char *cause = NULL;
	is_int(stats_parse(v2, strlen(v2), &s, &cause), 0, "v2: parses");
	ok(!s.cgroup_v1, "v2: seen as cgroup v2");
	is_int(s.online_cpus, 4, "v2: without online_cpus, the per-CPU list's length");
	/* 5e8 / 4e9 * 4 * 100 */
	ok(near(s.cpu_percent, 50), "v2: CPU %% (%f)", s.cpu_percent);
	ok(near(s.mem_used, 4194304), "v2: memory less inactive_file (%f)", s.mem_used);
	ok(near(s.mem_percent, 4194304.0 / 536870912 * 100), "v2: memory %%");
	ok(near(s.blk_read, 100) && near(s.blk_write, 2000000), "v2: lower-case ops");
	ok(near(s.net_rx, 0) && near(s.net_tx, 0), "v2: no networks (--network none): 0");
	stats_clear(&s);
}

static void one(const char *json, struct stats *s)
{
	char *cause = NULL;
	if (stats_parse(json, strlen(json), s, &cause) != 0) {
		diag("parse failed: %s", cause);
		free(cause);
		memset(s, 0, sizeof *s);
	}
}

static void test_edges(void)
{
	struct stats s;
	/* The first sample of a stream: no previous one. */
	one("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000,\"online_cpus\":1},"
	    "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":0},\"system_cpu_usage\":0}}", &s);
	ok(near(s.cpu_percent, 10), "no previous sample: the totals so far (%f)", s.cpu_percent);
	stats_clear(&s);
	one("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":100},\"system_cpu_usage\":1000,\"online_cpus\":1},"
	    "\"precpu_stats\":{\"cpu_usage\":{\"total_usage\":200},\"system_cpu_usage\":900}}", &s);
	ok(near(s.cpu_percent, 0), "CPU gone down (a restart): 0");
	stats_clear(&s);
	one("{\"memory_stats\":{\"usage\":1000,\"stats\":{\"total_inactive_file\":5000,\"inactive_file\":300}}}", &s);
	ok(near(s.mem_used, 700), "v1 inactive over the usage: inactive_file is tried next (%f)", s.mem_used);
	ok(near(s.mem_percent, 0), "no limit: 0 %%");
	stats_clear(&s);
	one("{\"memory_stats\":{\"usage\":1000,\"stats\":{\"inactive_file\":5000}}}", &s);
	ok(near(s.mem_used, 1000), "both over the usage: the usage");
	stats_clear(&s);
	/* A stopped container's answer: everything 0 or absent. */
	one("{\"read\":\"0001-01-01T00:00:00Z\",\"name\":\"/x\",\"id\":\"abc\",\"memory_stats\":{},\"cpu_stats\":{}}", &s);
	struct stats_row r;
	stats_row(&s, &r);
	is_str(r.cpu, "0.00%", "stopped: 0.00%%");
	is_str(r.mem, "0B / 0B", "stopped: 0B / 0B");
	is_str(r.pids, "0", "stopped: 0 PIDs");
	stats_clear(&s);
	one("{\"cpu_stats\":{\"cpu_usage\":{\"total_usage\":-5},\"system_cpu_usage\":\"x\"},\"pids_stats\":{\"current\":-1},"
	    "\"networks\":[1,2],\"blkio_stats\":{\"io_service_bytes_recursive\":{\"op\":\"Read\"}}}", &s);
	ok(near(s.cpu_percent, 0) && s.pids == 0 && near(s.net_rx, 0) && near(s.blk_read, 0),
	    "wrong types and negative numbers count as 0");
	stats_clear(&s);
	char *cause = NULL;
	struct stats bad;
	is_int(stats_parse("[1]", 3, &bad, &cause), -1, "an array is refused");
	ok(cause && *cause, "with a cause");
	free(cause);
	cause = NULL;
	is_int(stats_parse("{\"a\":", 5, &bad, &cause), -1, "cut JSON is refused");
	free(cause);
}

static void test_sizes(void)
{
	static const struct { double v; const char *bin, *dec; } v[] = {
		{ 0, "0B", "0B" },
		{ 999, "999B", "999B" },
		{ 999.6, "999.6B", "1e+03B" },
		{ 1000, "1000B", "1kB" },
		{ 1023, "1023B", "1.02kB" },
		{ 1024, "1KiB", "1.02kB" },
		{ 1203765, "1.148MiB", "1.2MB" },
		{ 25275973632.0, "23.54GiB", "25.3GB" },
		{ 1e13, "9.095TiB", "10TB" },
	};
	char b[32];
	for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
		stats_size_binary(v[i].v, b, sizeof b);
		is_str(b, v[i].bin, "binary size of %.1f", v[i].v);
		stats_size_decimal(v[i].v, b, sizeof b);
		is_str(b, v[i].dec, "decimal size of %.1f", v[i].v);
	}
	stats_percent(100.71, b, sizeof b);
	is_str(b, "100.71%", "a percentage with two decimals");
}

int main(void)
{
	test_v1();
	test_v2();
	test_edges();
	test_sizes();
	return done_testing();
}
