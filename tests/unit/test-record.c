/* test-record.c: asciicast v2 recordings (session/record.c) with a fixed
 * clock: the header, output events with their times, a UTF-8 sequence
 * split across two pieces kept whole, bytes that are not UTF-8 as U+FFFD,
 * NUL bytes dropped, a resize only when the size changes, a file that
 * cannot be made. */
#include "config.h"
#include "session/record.h"
#include "core/xmalloc.h"
#include "../tap.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	static char b[65536];
	size_t n = f ? fread(b, 1, sizeof b - 1, f) : 0;
	b[n] = '\0';
	if (f)
		fclose(f);
	return b;
}

int main(void)
{
	char dir[] = "/tmp/ph-rec-XXXXXX";
	if (!mkdtemp(dir))
		return 1;
	char *path = xasprintf("%s/t.cast", dir);
	char *cause = NULL;
	struct recorder *r = recorder_open(path, 80, 24, "web: shell", 1000, &cause);
	ok(r != NULL && cause == NULL, "a recording opens");
	recorder_output(r, "hi\r\n", 4, 1250);
	recorder_output(r, "\xc3", 1, 1500);        /* the first byte of é */
	recorder_output(r, "\xa9t\xff", 3, 2000);   /* its second, t, a bad byte */
	recorder_output(r, "a\0b", 3, 2500);
	recorder_resize(r, 80, 24, 2600);           /* no change: no event */
	recorder_resize(r, 100, 30, 3000);
	ok(recorder_error(r) == NULL, "no error");
	ok(recorder_close(r) == 0, "closes cleanly");
	const char *s = slurp(path);
	const char *nl = strchr(s, '\n');
	char *header = xstrndup(s, nl ? (size_t)(nl - s) : strlen(s));
	ok(strncmp(header, "{\"version\":2,\"width\":80,\"height\":24,\"timestamp\":", 48) == 0, "the header: version, size, timestamp (%s)", header);
	ok(strstr(header, "\"title\":\"web: shell\"") && strstr(header, "\"env\":{\"TERM\":\"xterm-256color\",\"SHELL\":\"/bin/sh\"}"),
	    "its title and env");
	is_str(nl ? nl + 1 : "", "[0.25,\"o\",\"hi\\r\\n\"]\n"
	    "[1,\"o\",\"\xc3\xa9t\xef\xbf\xbd\"]\n"
	    "[1.5,\"o\",\"ab\"]\n"
	    "[2,\"r\",\"100x30\"]\n",
	    "events: times from the start, é kept whole, U+FFFD for the bad byte, NUL dropped, one resize");
	free(header);
	unlink(path);
	free(path);
	path = xasprintf("%s/no/such.cast", dir);
	r = recorder_open(path, 80, 24, NULL, 0, &cause);
	ok(r == NULL && cause && strstr(cause, "No such file or directory"), "a path that cannot be made: %s", cause ? cause : "");
	free(cause);
	free(path);
	rmdir(dir);
	return done_testing();
}
