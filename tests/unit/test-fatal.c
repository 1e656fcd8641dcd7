/* test-fatal.c: the fatal-signal hook (core/fatal.c). Each case runs in a
 * child process: it registers restore functions that write a letter to a
 * pipe, then dies of a fatal signal; the parent checks that every function
 * ran (newest first), that the child still died of that very signal, and
 * that an unregistered function did not run. */
#include "config.h"
#include "core/fatal.h"
#include "../tap.h"
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static int pipe_w = -1;

static void restore_a(void) { (void)!write(pipe_w, "a", 1); }
static void restore_b(void) { (void)!write(pipe_w, "b", 1); }
static void restore_c(void) { (void)!write(pipe_w, "c", 1); }

static void die_of(int sig)
{
	switch (sig) {
	case SIGSEGV: {
		/* A real fault, not a raise(): a store to a page with no access
		 * (not a NULL store, which the sanitizers would report first). */
		volatile int *page = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (page != MAP_FAILED)
			*page = 1;
		break;
	}
	case SIGABRT:
		abort();
	default:
		raise(sig);
	}
	_exit(99);
}

/* Run one child; fill got with what the restore functions wrote. Returns
 * the child's wait status. */
static int run_child(int sig, int unregister_b, char *got, size_t size)
{
	int p[2];
	if (pipe(p) != 0)
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit no_core = { 0, 0 };
		setrlimit(RLIMIT_CORE, &no_core);
		close(p[0]);
		pipe_w = p[1];
		fatal_on(restore_a);
		fatal_on(restore_b);
		fatal_on(restore_b);    /* twice: still once */
		fatal_on(restore_c);
		if (unregister_b)
			fatal_off(restore_b);
		die_of(sig);
	}
	close(p[1]);
	size_t n = 0;
	ssize_t r;
	while (n + 1 < size && (r = read(p[0], got + n, size - 1 - n)) > 0)
		n += (size_t)r;
	got[n] = '\0';
	close(p[0]);
	int st = 0;
	waitpid(pid, &st, 0);
	return st;
}

int main(void)
{
	static const struct { int sig; const char *name; } sigs[] = {
		{ SIGSEGV, "SIGSEGV" }, { SIGBUS, "SIGBUS" }, { SIGFPE, "SIGFPE" },
		{ SIGILL, "SIGILL" }, { SIGABRT, "SIGABRT" },
	};
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
		char got[16];
		int st = run_child(sigs[i].sig, 0, got, sizeof got);
		is_str(got, "cba", "%s: every restore function ran once, newest first", sigs[i].name);
		ok(WIFSIGNALED(st) && WTERMSIG(st) == sigs[i].sig, "%s: the process still died of %s (status %#x)",
		    sigs[i].name, sigs[i].name, st);
	}
	char got[16];
	int st = run_child(SIGSEGV, 1, got, sizeof got);
	is_str(got, "ca", "an unregistered function does not run");
	ok(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "and the fault still kills the process");
	return done_testing();
}
