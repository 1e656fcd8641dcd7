/* stats.c: one stats object to the figures `docker stats` shows, and their
 * text (see stats.h). */
#include "config.h"
#include "engine/stats.h"
#include "core/buf.h"
#include "core/xmalloc.h"
#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cJSON *child(const cJSON *o, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(o, key);
}

/* A counter: a finite number of at least 0, else 0. */
static double num(const cJSON *o, const char *key)
{
	const cJSON *v = child(o, key);
	if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble < 0)
		return 0;
	return v->valuedouble;
}

static int has_num(const cJSON *o, const char *key)
{
	return cJSON_IsNumber(child(o, key));
}

static char *str(const cJSON *o, const char *key)
{
	const cJSON *v = child(o, key);
	return xstrdup(cJSON_IsString(v) && v->valuestring ? v->valuestring : "");
}

static unsigned online_cpus(const cJSON *cpu)
{
	double n = num(cpu, "online_cpus");
	if (n >= 1 && n < 1e6)
		return (unsigned)n;
	const cJSON *per = child(child(cpu, "cpu_usage"), "percpu_usage");
	return cJSON_IsArray(per) ? (unsigned)cJSON_GetArraySize(per) : 0;
}

static void cpu_figures(const cJSON *root, struct stats *s)
{
	const cJSON *cpu = child(root, "cpu_stats"), *pre = child(root, "precpu_stats");
	double delta = num(child(cpu, "cpu_usage"), "total_usage") - num(child(pre, "cpu_usage"), "total_usage");
	double sys = num(cpu, "system_cpu_usage") - num(pre, "system_cpu_usage");
	s->online_cpus = online_cpus(cpu);
	s->cpu_percent = sys > 0 && delta > 0 ? delta / sys * s->online_cpus * 100.0 : 0;
	if (!isfinite(s->cpu_percent)) /* absurd counters only */
		s->cpu_percent = 0;
}

static void mem_figures(const cJSON *root, struct stats *s)
{
	const cJSON *mem = child(root, "memory_stats"), *st = child(mem, "stats");
	double usage = num(mem, "usage");
	s->cgroup_v1 = has_num(st, "total_inactive_file");
	double v1 = num(st, "total_inactive_file"), v2 = num(st, "inactive_file");
	if (s->cgroup_v1 && v1 < usage)
		s->mem_used = usage - v1;
	else if (v2 < usage)
		s->mem_used = usage - v2;
	else
		s->mem_used = usage;
	s->mem_limit = num(mem, "limit");
	s->mem_percent = s->mem_limit != 0 ? s->mem_used / s->mem_limit * 100.0 : 0;
	if (!isfinite(s->mem_percent))
		s->mem_percent = 0;
}

static void io_figures(const cJSON *root, struct stats *s)
{
	const cJSON *it, *nets = child(root, "networks");
	if (!cJSON_IsObject(nets))
		nets = NULL;
	cJSON_ArrayForEach(it, nets) {
		s->net_rx += num(it, "rx_bytes");
		s->net_tx += num(it, "tx_bytes");
	}
	const cJSON *bio = child(child(root, "blkio_stats"), "io_service_bytes_recursive");
	if (!cJSON_IsArray(bio))
		bio = NULL;
	cJSON_ArrayForEach(it, bio) {
		const cJSON *op = child(it, "op");
		if (!cJSON_IsString(op) || op->valuestring == NULL)
			continue;
		char c = op->valuestring[0];
		if (c == 'r' || c == 'R')
			s->blk_read += num(it, "value");
		else if (c == 'w' || c == 'W')
			s->blk_write += num(it, "value");
	}
	double pids = num(child(root, "pids_stats"), "current");
	s->pids = pids < 1.8e19 ? (uint64_t)pids : 0;
}

int stats_parse(const char *json, size_t len, struct stats *s, char **cause)
{
	memset(s, 0, sizeof *s);
	cJSON *root = cJSON_ParseWithLength(json, len);
	if (root == NULL || !cJSON_IsObject(root)) {
		cJSON_Delete(root);
		*cause = xstrdup("the engine's stats are not a JSON object");
		return -1;
	}
	s->id = str(root, "id");
	char *name = str(root, "name");
	s->name = xstrdup(name[0] == '/' ? name + 1 : name);
	free(name);
	s->read = str(root, "read");
	cpu_figures(root, s);
	mem_figures(root, s);
	io_figures(root, s);
	cJSON_Delete(root);
	return 0;
}

void stats_clear(struct stats *s)
{
	free(s->id);
	free(s->name);
	free(s->read);
	memset(s, 0, sizeof *s);
}

/* go-units' CustomSize: divide by base while it is reached, then the
 * number with prec significant digits (Go's %g is C's) and the unit. */
static void custom_size(double v, double base, const char *const *units, int prec, char *buf, size_t size)
{
	int i = 0;
	while (v >= base && i < 8) {
		v /= base;
		i++;
	}
	snprintf(buf, size, "%.*g%s", prec, v, units[i]);
}

void stats_size_binary(double v, char *buf, size_t size)
{
	static const char *const u[] = { "B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB", "ZiB", "YiB" };
	custom_size(v, 1024.0, u, 4, buf, size);
}

void stats_size_decimal(double v, char *buf, size_t size)
{
	static const char *const u[] = { "B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB" };
	custom_size(v, 1000.0, u, 3, buf, size);
}

void stats_percent(double v, char *buf, size_t size)
{
	snprintf(buf, size, "%.2f%%", v);
}

/* "A / B" of two sizes. */
static void pair(void (*fmt)(double, char *, size_t), double a, double b, char *buf, size_t size)
{
	char x[32], y[32];
	fmt(a, x, sizeof x);
	fmt(b, y, sizeof y);
	snprintf(buf, size, "%s / %s", x, y);
}

void stats_row(const struct stats *s, struct stats_row *r)
{
	snprintf(r->id, sizeof r->id, "%.12s", s->id);
	stats_percent(s->cpu_percent, r->cpu, sizeof r->cpu);
	pair(stats_size_binary, s->mem_used, s->mem_limit, r->mem, sizeof r->mem);
	stats_percent(s->mem_percent, r->memp, sizeof r->memp);
	pair(stats_size_decimal, s->net_rx, s->net_tx, r->net, sizeof r->net);
	pair(stats_size_decimal, s->blk_read, s->blk_write, r->blk, sizeof r->blk);
	snprintf(r->pids, sizeof r->pids, "%llu", (unsigned long long)s->pids);
	r->name = s->name;
}

/* Two decimals, as the table shows them (the figures are never negative). */
static double cents(double v)
{
	return v < 9e15 ? (double)(int64_t)(v * 100 + 0.5) / 100 : v;
}

char *stats_json(const struct stats *s)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", s->id);
	cJSON_AddStringToObject(o, "name", s->name);
	cJSON_AddStringToObject(o, "read", s->read);
	cJSON_AddNumberToObject(o, "cpu_percent", cents(s->cpu_percent));
	cJSON_AddNumberToObject(o, "online_cpus", s->online_cpus);
	cJSON_AddNumberToObject(o, "memory_usage", s->mem_used);
	cJSON_AddNumberToObject(o, "memory_limit", s->mem_limit);
	cJSON_AddNumberToObject(o, "memory_percent", cents(s->mem_percent));
	cJSON_AddNumberToObject(o, "net_rx", s->net_rx);
	cJSON_AddNumberToObject(o, "net_tx", s->net_tx);
	cJSON_AddNumberToObject(o, "block_read", s->blk_read);
	cJSON_AddNumberToObject(o, "block_write", s->blk_write);
	cJSON_AddNumberToObject(o, "pids", (double)s->pids);
	char *j = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	char *r = xstrdup(j ? j : "{}");
	cJSON_free(j);
	return r;
}
