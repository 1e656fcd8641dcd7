/* stats.h: a container's resource figures from one object of GET
 * /containers/ID/stats, worked out as `docker stats` works them out (the
 * docker CLI's stats helpers), for cgroup v1 and v2 alike:
 *   CPU %     (cpu_stats.cpu_usage.total_usage - precpu_stats's) /
 *             (cpu_stats.system_cpu_usage - precpu_stats's) * online CPUs
 *             * 100, 0 unless both differences are positive; online CPUs
 *             is cpu_stats.online_cpus, else the length of percpu_usage;
 *   memory    memory_stats.usage less the inactive file cache:
 *             stats.total_inactive_file (cgroup v1) when it is below the
 *             usage, else stats.inactive_file (cgroup v2) when below it;
 *   memory %  that over memory_stats.limit (0 without a limit);
 *   net I/O   rx_bytes and tx_bytes summed over every network;
 *   block I/O blkio_stats.io_service_bytes_recursive's values summed by
 *             the first letter of op: r/R read, w/W written;
 *   PIDs      pids_stats.current.
 * And the figures as `docker stats` prints them (its go-units sizes).
 *
 * Pure (cJSON, no I/O). stats_parse() fills a caller-provided struct and
 * returns 0, or -1 with *cause (caller frees) and nothing to free.
 * stats_clear() frees what a parse filled. Used by engine/statstream.c's
 * users: `porthole stats` and the console's side panel. */
#ifndef PH_STATS_H
#define PH_STATS_H
#include <stddef.h>
#include <stdint.h>

struct stats {
	char *id, *name;        /* name without its leading "/"; "" when absent */
	char *read;             /* the engine's time of the sample, "" when absent */
	double cpu_percent;
	double mem_used, mem_limit, mem_percent;
	double net_rx, net_tx;
	double blk_read, blk_write;
	uint64_t pids;
	unsigned online_cpus;
	int cgroup_v1;          /* memory_stats.stats had total_inactive_file */
};

int stats_parse(const char *json, size_t len, struct stats *s, char **cause);
void stats_clear(struct stats *s);

/* Sizes as `docker stats` prints them: memory in binary units with four
 * significant digits ("1.52MiB", "23.5GiB"), network and block I/O in
 * decimal units with three ("1.2kB", "0B"). */
void stats_size_binary(double v, char *buf, size_t size);
void stats_size_decimal(double v, char *buf, size_t size);
/* "12.34%". */
void stats_percent(double v, char *buf, size_t size);

/* One row of `docker stats`: the columns below, as text. */
struct stats_row {
	char id[16], cpu[24], mem[80], memp[24], net[80], blk[80], pids[24];
	const char *name;       /* borrowed from the struct stats */
};
void stats_row(const struct stats *s, struct stats_row *r);

/* One JSON object (one line) of `porthole stats --json`: the figures as
 * numbers (caller frees). */
char *stats_json(const struct stats *s);

#endif
