/* humanize.c: engine values for people (see humanize.h). */
#include "config.h"
#include "engine/humanize.h"
#include "core/xmalloc.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

void humanize_duration(int64_t ms, char *buf, size_t size)
{
	int64_t secs = ms / 1000, mins = secs / 60, hours = (ms + 1800000) / 3600000;
	if (secs < 1)
		snprintf(buf, size, "Less than a second");
	else if (secs == 1)
		snprintf(buf, size, "1 second");
	else if (secs < 60)
		snprintf(buf, size, "%d seconds", (int)secs);
	else if (mins == 1)
		snprintf(buf, size, "About a minute");
	else if (mins < 60)
		snprintf(buf, size, "%d minutes", (int)mins);
	else if (hours == 1)
		snprintf(buf, size, "About an hour");
	else if (hours < 48)
		snprintf(buf, size, "%d hours", (int)hours);
	else if (hours < 24 * 7 * 2)
		snprintf(buf, size, "%d days", (int)(hours / 24));
	else if (hours < 24 * 30 * 2)
		snprintf(buf, size, "%d weeks", (int)(hours / 24 / 7));
	else if (hours < 24 * 365 * 2)
		snprintf(buf, size, "%d months", (int)(hours / 24 / 30));
	else
		snprintf(buf, size, "%d years", (int)(ms / 3600000 / 24 / 365));
}

static int digits(const char *s, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int humanize_parse_time(const char *s, int64_t *secs)
{
	int y, mo, d, h, mi, se;
	if (s == NULL || strlen(s) < 20 || digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &mo) ||
	    s[7] != '-' || digits(s + 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') || digits(s + 11, 2, &h) ||
	    s[13] != ':' || digits(s + 14, 2, &mi) || s[16] != ':' || digits(s + 17, 2, &se))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60)
		return -1;
	const char *p = s + 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	long off = 0;
	if (*p == 'Z' || *p == 'z')
		p++;
	else if (*p == '+' || *p == '-') {
		int oh, om;
		if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 23 || om > 59)
			return -1;
		off = (oh * 60L + om) * 60L * (*p == '-' ? -1 : 1);
		p += 6;
	} else
		return -1;
	if (*p != '\0')
		return -1;
	if (y <= 1)
		return 0;
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = se;
	*secs = (int64_t)timegm(&tm) - off;
	return 1;
}

char *humanize_time(const char *s, int64_t now)
{
	int64_t t;
	int r = humanize_parse_time(s, &t);
	if (s == NULL || *s == '\0' || r == 0)
		return xstrdup("-");
	if (r < 0)
		return xstrdup(s);
	time_t tt = (time_t)t;
	struct tm lt;
	char when[64], ago[64];
	if (localtime_r(&tt, &lt) == NULL || strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &lt) == 0)
		return xstrdup(s);
	humanize_duration(now > t ? (now - t) * 1000 : 0, ago, sizeof ago);
	return xasprintf("%s (%s ago)", when, ago);
}

void humanize_exit_code(const struct container_info *c, char *buf, size_t size)
{
	int none = c->running || c->paused || c->restarting || (c->status && strcmp(c->status, "created") == 0);
	if (none)
		snprintf(buf, size, "-");
	else
		snprintf(buf, size, "%d", c->exit_code);
}
