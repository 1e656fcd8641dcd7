/* fuzz-copymode.c: fuzz target for copy mode (session/copymode.c and its
 * motion, search, selection and resize files) over a terminal model.
 *
 * Input: 3 header bytes, then the process output up to the first 0xff
 * byte, then the commands.
 *   byte 0  rows - 1 (mod 12)          byte 1  columns - 2 (mod 40)
 *   byte 2  scrollback limit (0 .. 63)
 * Each command byte b: below 0xf0, the command (b mod the number of
 * commands); one that takes an argument reads a length byte (low 3 bits)
 * and that many bytes as the argument. 0xf0 .. 0xf7: feed the next
 * (b & 7) * 8 output bytes taken from the start of the output; 0xf8 ..
 * 0xfb: a new scrollback limit (the next byte mod 64); 0xfe: a resize
 * under copy mode (copymode_resize_begin(), term_resize() to the next two
 * bytes as rows and columns as in the header, copymode_resize_end());
 * 0xfc, 0xfd, 0xff: smart case off or on (the low bit).
 * What must hold after each: the cursor is on a row copy mode has and a
 * column of the width, never a right half; the view is within the rows and
 * shows the cursor; the selection's text is there exactly when a selection
 * is, valid UTF-8; the search info has its index within its count; every
 * span of the matches on the view is on a view row within the width; every
 * row of the view reads as valid UTF-8. */
#include "config.h"
#include "session/copymode.h"
#include "session/term.h"
#include "core/utf8.h"
#include "fuzz.h"
#include <stdlib.h>
#include <string.h>

static void check_text(char *s)
{
	if (s != NULL)
		FUZZ_CHECK(utf8_valid(s, strlen(s)));
	free(s);
}

static void check(struct copymode *cm)
{
	int rows, cols, row, col;
	copymode_size(cm, &rows, &cols);
	copymode_cursor(cm, &row, &col);
	int first = copymode_first_row(cm), top = copymode_top(cm);
	FUZZ_CHECK(first <= 0);
	FUZZ_CHECK(row >= first && row < rows && col >= 0 && col < cols);
	struct term_cell c;
	FUZZ_CHECK(copymode_cell(cm, row, col, &c) == 0 && c.width != 0);
	FUZZ_CHECK(top >= first && top <= 0 && row >= top && row < top + rows);

	char *s = copymode_selection_text(cm);
	FUZZ_CHECK((s == NULL) == (copymode_selection_mode(cm) == COPYMODE_SEL_NONE));
	check_text(s);
	check_text(copymode_take_copy(cm));

	struct copymode_search_info info;
	copymode_search_info(cm, &info);
	FUZZ_CHECK(info.count >= 0 && info.index >= 0 && info.index <= info.count);

	struct copymode_span sp[16];
	int n = copymode_matches(cm, top, rows, sp, 16);
	for (int i = 0; i < n && i < 16; i++) {
		FUZZ_CHECK(sp[i].row >= top && sp[i].row < top + rows);
		FUZZ_CHECK(sp[i].col >= 0 && sp[i].col < sp[i].end && sp[i].end <= cols);
	}
	for (int i = 0; i < rows; i++)
		check_text(copymode_row_text(cm, top + i));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	int rows = 1 + data[0] % 12, cols = 2 + data[1] % 40;
	const char *out = (const char *)data + 3;
	const uint8_t *end = data + size;
	const uint8_t *cmds = memchr(out, 0xff, size - 3);
	size_t outlen = cmds ? (size_t)((const char *)cmds - out) : size - 3;
	cmds = cmds ? cmds + 1 : end;

	struct term *t = term_new(rows, cols, NULL, NULL);
	term_set_scrollback_limit(t, data[2] % 64);
	term_feed(t, out, outlen);
	struct copymode *cm = copymode_new(t);
	check(cm);

	int ncmd = 0;
	while (copymode_command_name(ncmd) != NULL)
		ncmd++;
	for (const uint8_t *p = cmds; p < end;) {
		uint8_t b = *p++;
		if (b < 0xf0) {
			const char *name = copymode_command_name(b % ncmd);
			char arg[8] = "";
			if (copymode_command_arg(name) && p < end) {
				size_t len = *p++ & 7;
				if (len > (size_t)(end - p))
					len = (size_t)(end - p);
				memcpy(arg, p, len);
				arg[len] = '\0';
				p += len;
			}
			copymode_run(cm, name, copymode_command_arg(name) ? arg : NULL);
		} else if (b < 0xf8) {
			size_t len = (size_t)(b & 7) * 8;
			term_feed(t, out, len < outlen ? len : outlen);
		} else if (b < 0xfc) {
			if (p < end)
				term_set_scrollback_limit(t, *p++ % 64);
		} else if (b == 0xfe && end - p >= 2) {
			copymode_resize_begin(cm);
			term_resize(t, 1 + p[0] % 12, 2 + p[1] % 40);
			copymode_resize_end(cm);
			p += 2;
		} else {
			copymode_set_smartcase(cm, b & 1);
		}
		check(cm);
	}
	copymode_free(cm);
	term_free(t);
	return 0;
}
