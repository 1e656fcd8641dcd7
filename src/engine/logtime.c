/* logtime.c: the logs' times (see logtime.h): RFC 3339 in and out, and the
 * docker CLI's reading of --since/--until (its GetTimestamp). */
#include "config.h"
#include "engine/logtime.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NS_PER_S 1000000000LL
/* 2262-04-11: the last day whose nanoseconds fit in an int64_t. */
#define MAX_SECS 9223372035LL

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* Exactly n decimal digits at *p (advanced past them) into *v. */
static int digits(const char **p, const char *end, int n, int *v)
{
	int x = 0;
	for (int i = 0; i < n; i++) {
		if (*p >= end || **p < '0' || **p > '9')
			return -1;
		x = x * 10 + (*(*p)++ - '0');
	}
	*v = x;
	return 0;
}

/* The parts of a time as the CLI's formats allow them: a date, then
 * optionally "T" and an hour, ":" minutes, ":" seconds, a fraction; then
 * optionally a zone. parts counts the time fields given (0 to 3). */
struct tparts {
	int y, mo, d, h, mi, s, parts;
	int64_t frac_ns;
	int has_frac;
	int zone;      /* 0 none, 1 given */
	int off_s;     /* the zone's offset east of UTC */
};

static int parse_parts(const char *s, size_t n, struct tparts *t)
{
	const char *p = s, *end = s + n;
	memset(t, 0, sizeof *t);
	if (digits(&p, end, 4, &t->y) || p >= end || *p++ != '-' || digits(&p, end, 2, &t->mo) ||
	    p >= end || *p++ != '-' || digits(&p, end, 2, &t->d))
		return -1;
	if (p < end && (*p == 'T' || *p == 't')) {
		p++;
		if (digits(&p, end, 2, &t->h))
			return -1;
		t->parts = 1;
		if (p < end && *p == ':') {
			p++;
			if (digits(&p, end, 2, &t->mi))
				return -1;
			t->parts = 2;
		}
		if (t->parts == 2 && p < end && *p == ':') {
			p++;
			if (digits(&p, end, 2, &t->s))
				return -1;
			t->parts = 3;
		}
		if (t->parts == 3 && p < end && *p == '.') {
			p++;
			int nd = 0;
			int64_t f = 0;
			while (p < end && *p >= '0' && *p <= '9') {
				if (nd < 9) {
					f = f * 10 + (*p - '0');
					nd++;
				}
				p++;
			}
			if (nd == 0)
				return -1;
			while (nd++ < 9)
				f *= 10;
			t->frac_ns = f;
			t->has_frac = 1;
		}
	}
	if (p < end && (*p == 'Z' || *p == 'z')) {
		p++;
		t->zone = 1;
	} else if (p < end && (*p == '+' || *p == '-')) {
		int sign = *p++ == '-' ? -1 : 1, oh, om;
		if (digits(&p, end, 2, &oh) || p >= end || *p++ != ':' || digits(&p, end, 2, &om) ||
		    oh > 23 || om > 59)
			return -1;
		t->zone = 1;
		t->off_s = sign * (oh * 3600 + om * 60);
	}
	if (p != end)
		return -1;
	if (t->mo < 1 || t->mo > 12 || t->d < 1 || t->d > days_in_month(t->y, t->mo) || t->h > 23 ||
	    t->mi > 59 || t->s > 60)
		return -1;
	return 0;
}

static int parts_to_ns(const struct tparts *t, int local, int64_t *ns)
{
	int64_t secs;
	if (local) {
		struct tm tm;
		memset(&tm, 0, sizeof tm);
		tm.tm_year = t->y - 1900;
		tm.tm_mon = t->mo - 1;
		tm.tm_mday = t->d;
		tm.tm_hour = t->h;
		tm.tm_min = t->mi;
		tm.tm_sec = t->s;
		tm.tm_isdst = -1;
		time_t tt = mktime(&tm);
		if (tt == (time_t)-1 && !(tm.tm_year == 69 && tm.tm_mon == 11 && tm.tm_mday == 31))
			return -1;
		secs = (int64_t)tt;
	} else {
		secs = days_from_civil(t->y, t->mo, t->d) * 86400 + t->h * 3600 + t->mi * 60 + t->s - t->off_s;
	}
	if (secs < 0 || secs > MAX_SECS)
		return -1;
	*ns = secs * NS_PER_S + t->frac_ns;
	return 0;
}

int logtime_parse(const char *s, size_t n, int64_t *ns)
{
	struct tparts t;
	if (parse_parts(s, n, &t) != 0 || t.parts != 3 || !t.zone)
		return -1;
	return parts_to_ns(&t, 0, ns);
}

void logtime_format(int64_t ns, char *buf, size_t size)
{
	int64_t secs = ns / NS_PER_S, frac = ns % NS_PER_S;
	if (frac < 0) {
		frac += NS_PER_S;
		secs--;
	}
	int64_t days = secs / 86400, rem = secs % 86400;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	int y, m, d;
	civil_from_days(days, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02dT%02d:%02d:%02d.%09lldZ", y, m, d, (int)(rem / 3600),
	    (int)(rem / 60 % 60), (int)(rem % 60), (long long)frac);
}

/* A Go duration ("1h30m", "1.5h", "-90s", "250ms") into *ns: 0, or -1. */
static int parse_duration(const char *s, int64_t *ns)
{
	static const struct { const char *unit; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "\xc2\xb5s", 1e3 }, { "\xce\xbcs", 1e3 }, { "ms", 1e6 },
		{ "s", 1e9 }, { "m", 60e9 }, { "h", 3600e9 },
	};
	const char *p = s;
	int neg = 0;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (strcmp(p, "0") == 0) {
		*ns = 0;
		return 0;
	}
	if (*p == '\0')
		return -1;
	double total = 0;
	while (*p) {
		double v = 0, scale = 1;
		int nd = 0;
		while (*p >= '0' && *p <= '9') {
			v = v * 10 + (*p++ - '0');
			nd++;
		}
		if (*p == '.') {
			p++;
			while (*p >= '0' && *p <= '9') {
				scale /= 10;
				v += (*p++ - '0') * scale;
				nd++;
			}
		}
		if (nd == 0)
			return -1;
		size_t best = 0, k = 0;
		for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
			size_t l = strlen(units[i].unit);
			/* The longest unit that matches: "ms" before "m". */
			if (strncmp(p, units[i].unit, l) == 0 && l > best) {
				best = l;
				k = i;
			}
		}
		if (best == 0)
			return -1;
		total += v * units[k].ns;
		p += best;
	}
	if (total > 9.2e18)
		return -1;
	*ns = (int64_t)(neg ? -total : total);
	return 0;
}

/* "SECONDS" or "SECONDS.NANOS" as the API takes them. */
static int is_unix_time(const char *s)
{
	const char *p = s;
	size_t nd = 0;
	while (*p >= '0' && *p <= '9') {
		p++;
		nd++;
	}
	if (nd == 0 || nd > 11)
		return 0;
	if (*p == '.') {
		p++;
		size_t nf = 0;
		while (*p >= '0' && *p <= '9') {
			p++;
			nf++;
		}
		if (nf == 0 || nf > 9)
			return 0;
	}
	return *p == '\0';
}

int logtime_arg(const char *s, int64_t now_ns, char *buf, size_t size, char **cause)
{
	int64_t ns;
	/* A duration before now: the CLI sends whole seconds ("0" is not one:
	 * it is the epoch). */
	if (strcmp(s, "0") != 0 && parse_duration(s, &ns) == 0) {
		int64_t t = now_ns - ns;
		int64_t secs = t / NS_PER_S - (t % NS_PER_S < 0);
		snprintf(buf, size, "%lld", (long long)secs);
		return 0;
	}
	struct tparts t;
	if (parse_parts(s, strlen(s), &t) == 0) {
		if (parts_to_ns(&t, !t.zone, &ns) != 0) {
			*cause = xasprintf("\"%s\" is outside the times the engine keeps (1970 to 2262)", s);
			return -1;
		}
		snprintf(buf, size, "%lld.%09lld", (long long)(ns / NS_PER_S), (long long)(ns % NS_PER_S));
		return 0;
	}
	if (strchr(s, '-') == NULL && is_unix_time(s)) {
		snprintf(buf, size, "%s", s);
		return 0;
	}
	*cause = xasprintf("\"%s\" is neither a time (2026-12-02T14:29:42Z), a duration (10m, 1h30m) "
	    "nor unix seconds", s);
	return -1;
}
