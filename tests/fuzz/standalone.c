/* standalone.c: a main() for the fuzz targets without libFuzzer. It runs
 * LLVMFuzzerTestOneInput over files and prints TAP, one test point per file,
 * so `make check` replays each target's seed corpus as a regression test.
 *
 *   fuzz-demux [FILE|DIR]...
 *
 * With no argument it reads the corpus named after the program:
 * $PH_SRCDIR/tests/fuzz/corpus/demux for fuzz-demux (PH_SRCDIR defaults to
 * "."). Each file runs in a child process, so a crash or a failed check is
 * one "not ok" and the other files still run. An empty input is run too. */
#include "config.h"
#include "fuzz.h"
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int tests, failed;

/* Under UBSan every report stops the input, so it is a "not ok" here even in
 * builds whose checks would recover (the libFuzzer build). */
const char *__ubsan_default_options(void);
const char *__ubsan_default_options(void) { return "halt_on_error=1:print_stacktrace=1"; }

static void report(int good, const char *name, const char *why)
{
	tests++;
	if (!good)
		failed++;
	printf("%sok %d - %s%s%s\n", good ? "" : "not ", tests, name, why ? ": " : "", why ? why : "");
	fflush(stdout);
}

static unsigned char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	unsigned char *p = malloc(cap);
	size_t r;
	while (p && (r = fread(p + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			unsigned char *q = realloc(p, cap * 2);
			if (q == NULL) {
				free(p);
				p = NULL;
				break;
			}
			p = q;
			cap *= 2;
		}
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		free(p);
		return NULL;
	}
	*len = n;
	return p;
}

/* Runs the target on data in a child; returns NULL when it exited 0, else
 * a static description of how it ended. */
static const char *run_child(const unsigned char *data, size_t len)
{
	static char why[64];
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	if (pid < 0) {
		snprintf(why, sizeof why, "fork: %s", strerror(errno));
		return why;
	}
	if (pid == 0) {
		/* A copy with nothing after it, so that a read past the end shows. */
		uint8_t *copy = malloc(len ? len : 1);
		if (copy == NULL)
			_exit(99);
		memcpy(copy, data, len);
		LLVMFuzzerTestOneInput(copy, len);
		free(copy);
		exit(0); /* not _exit: LeakSanitizer runs at exit */
	}
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			snprintf(why, sizeof why, "waitpid: %s", strerror(errno));
			return why;
		}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return NULL;
	if (WIFSIGNALED(st))
		snprintf(why, sizeof why, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(why, sizeof why, "exit status %d", WEXITSTATUS(st));
	return why;
}

/* The last two components of path ("demux/two-frames"), for the TAP line. */
static const char *short_name(const char *path)
{
	const char *last = strrchr(path, '/');
	if (last == NULL)
		return path;
	const char *p = last;
	while (p > path && p[-1] != '/')
		p--;
	return p;
}

static void run_file(const char *path)
{
	size_t len = 0;
	unsigned char *data = slurp(path, &len);
	if (data == NULL) {
		report(0, path, strerror(errno ? errno : EIO));
		return;
	}
	printf("# %s: %zu bytes\n", path, len);
	const char *why = run_child(data, len);
	report(why == NULL, short_name(path), why);
	free(data);
}

static int not_hidden(const struct dirent *d) { return d->d_name[0] != '.'; }

static void run_path(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		report(0, path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	struct dirent **names;
	int n = scandir(path, &names, not_hidden, alphasort);
	if (n < 0) {
		report(0, path, strerror(errno));
		return;
	}
	if (n == 0)
		report(0, path, "no corpus files");
	for (int i = 0; i < n; i++) {
		size_t sz = strlen(path) + strlen(names[i]->d_name) + 2;
		char *file = malloc(sz);
		if (file) {
			snprintf(file, sz, "%s/%s", path, names[i]->d_name);
			run_file(file);
			free(file);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	const char *why = run_child((const unsigned char *)"", 0);
	report(why == NULL, "empty input", why);
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			run_path(argv[i]);
	} else {
		/* fuzz-NAME reads corpus/NAME. */
		const char *base = strrchr(argv[0], '/');
		base = base ? base + 1 : argv[0];
		if (strncmp(base, "fuzz-", 5) == 0)
			base += 5;
		const char *src = getenv("PH_SRCDIR");
		if (src == NULL || *src == '\0')
			src = ".";
		size_t sz = strlen(src) + strlen(base) + 32;
		char *dir = malloc(sz);
		if (dir == NULL)
			return 99;
		snprintf(dir, sz, "%s/tests/fuzz/corpus/%s", src, base);
		run_path(dir);
		free(dir);
	}
	printf("1..%d\n", tests);
	return failed ? 1 : 0;
}
