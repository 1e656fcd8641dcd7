/* fuzz-event.c: fuzz target for the events parser (engine/model.c
 * event_parse). The input is a GET /events body: each line is parsed on its
 * own from an exact-size copy (no NUL after it, as in the read buffer). A
 * parsed event has a type, an action without a ": command" suffix and an id;
 * a rejected one has a cause and nothing to free. The text fields are then
 * made inert (core/strutil.c), which must leave no control byte. */
#include "config.h"
#include "engine/model.h"
#include "core/strutil.h"
#include "fuzz.h"
#include <string.h>

static void check_inert(const char *s)
{
	if (s == NULL)
		return;
	char *t = str_inert(s);
	for (const unsigned char *q = (const unsigned char *)t; *q; q++)
		FUZZ_CHECK(*q >= 0x20 && *q != 0x7f);
	free(t);
}

static void one_line(const char *line, size_t len)
{
	char *copy = malloc(len ? len : 1);
	FUZZ_CHECK(copy != NULL);
	memcpy(copy, line, len);
	struct event ev;
	char *cause = NULL;
	int r = event_parse(copy, len, &ev, &cause);
	free(copy);
	FUZZ_CHECK(r == 0 || r == -1);
	if (r == -1) {
		FUZZ_CHECK(cause != NULL && *cause != '\0');
		FUZZ_CHECK(ev.type == NULL && ev.action == NULL && ev.id == NULL && ev.name == NULL &&
		    ev.image == NULL && ev.exec_id == NULL && ev.old_name == NULL);
		free(cause);
		return;
	}
	FUZZ_CHECK(cause == NULL);
	FUZZ_CHECK(ev.type != NULL && ev.action != NULL && ev.id != NULL);
	FUZZ_CHECK(strchr(ev.action, ':') == NULL);
	FUZZ_CHECK(ev.has_exit_code == 0 || ev.has_exit_code == 1);
	if (!ev.has_exit_code)
		FUZZ_CHECK(ev.exit_code == 0);
	check_inert(ev.type);
	check_inert(ev.action);
	check_inert(ev.id);
	check_inert(ev.name);
	check_inert(ev.image);
	check_inert(ev.exec_id);
	check_inert(ev.old_name);
	event_clear(&ev);
	FUZZ_CHECK(ev.type == NULL && ev.action == NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_each_line(data, size, one_line);
	return 0;
}
