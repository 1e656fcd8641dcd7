/* bench-term.c: the cost of a flood in the terminal model alone
 * (session/term.c), model-only: no engine, no screen, no drawing. Not a
 * test; run by hand or by make bench-term:
 *
 *   bench-term [LINES [ROUNDS]]
 *
 * The input is the bytes `seq 1 LINES` prints on a TTY (each line ended by
 * CR LF; LINES defaults to 1,000,000, about 7.9 MB), fed to term_feed() in
 * 16 KB pieces, as an exec stream brings them. For each pane size (200x50
 * and 80x24) it prints the median over ROUNDS (default 3) of the CPU time,
 * the lines per second and the nanoseconds per line, and the scrollback's
 * bytes afterwards. A second input, `yes` output ("y" CR LF), shows the
 * per-line cost when lines are shortest. */
#include "config.h"
#include "session/term.h"
#include "core/buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PIECE 16384

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* CPU seconds to feed the input to a fresh rows x cols terminal. */
static double run(const struct buf *in, int rows, int cols, size_t *sb_bytes, char **last)
{
	struct term *t = term_new(rows, cols, NULL, NULL);
	double t0 = cpu_now();
	for (size_t off = 0; off < buf_used(in); off += PIECE) {
		size_t n = buf_used(in) - off < PIECE ? buf_used(in) - off : PIECE;
		term_feed(t, buf_ptr(in) + off, n);
		term_take_damage(t);
	}
	double secs = cpu_now() - t0;
	*sb_bytes = term_scrollback_bytes(t);
	*last = term_row_text(t, -1);
	term_free(t);
	return secs;
}

static void bench(const char *what, const struct buf *in, long lines, int rounds)
{
	static const int sizes[][2] = { { 50, 200 }, { 24, 80 } };
	for (size_t k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
		double *secs = calloc((size_t)rounds, sizeof *secs);
		size_t sb = 0;
		char *last = NULL;
		for (int r = 0; r < rounds; r++) {
			free(last);
			secs[r] = run(in, sizes[k][0], sizes[k][1], &sb, &last);
		}
		qsort(secs, (size_t)rounds, sizeof *secs, cmp_double);
		double med = secs[rounds / 2];
		printf("%-14s %3dx%-3d  %7.3f s CPU  %6.2f M lines/s  %6.0f ns/line  scrollback %.2f MB  (newest line \"%s\")\n",
		    what, sizes[k][1], sizes[k][0], med, lines / med / 1e6, med * 1e9 / lines, sb / 1e6,
		    last ? last : "");
		free(last);
		free(secs);
	}
}

int main(int argc, char **argv)
{
	long lines = argc > 1 ? atol(argv[1]) : 1000000;
	int rounds = argc > 2 ? atoi(argv[2]) : 3;
	if (lines < 1)
		lines = 1000000;
	if (rounds < 1)
		rounds = 3;
	struct buf in;
	buf_init(&in);
	for (long i = 1; i <= lines; i++)
		buf_addf(&in, "%ld\r\n", i);
	printf("model-only: term_feed() of %.1f MB in %d-byte pieces, median of %d rounds\n", buf_used(&in) / 1e6,
	    PIECE, rounds);
	bench("seq", &in, lines, rounds);
	buf_reset(&in);
	for (long i = 0; i < lines; i++)
		buf_add(&in, "y\r\n", 3);
	bench("yes", &in, lines, rounds);
	buf_free(&in);
	return 0;
}
