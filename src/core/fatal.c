/* fatal.c: the fatal-signal hook of fatal.h: a small table of restore
 * functions and the handler that runs them, then dies of the signal. */
#include "config.h"
#include "core/fatal.h"
#include <signal.h>
#include <stddef.h>
#include <string.h>

static const int fatal_signals[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };

static fatal_fn fns[FATAL_MAX];
static volatile sig_atomic_t nfns;
static int installed;
static volatile sig_atomic_t in_handler;

static void on_fatal(int sig)
{
	/* A fault inside a restore function must not loop back here. */
	if (!in_handler) {
		in_handler = 1;
		for (sig_atomic_t i = nfns; i > 0; i--)
			if (fns[i - 1])
				fns[i - 1]();
	}
	signal(sig, SIG_DFL);
	sigset_t self;
	sigemptyset(&self);
	sigaddset(&self, sig);
	sigprocmask(SIG_UNBLOCK, &self, NULL);
	raise(sig);
}

static void install(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_fatal;
	sigemptyset(&sa.sa_mask);
	/* Other fatal signals wait while the restore functions run. */
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaddset(&sa.sa_mask, fatal_signals[i]);
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, NULL);
	installed = 1;
}

int fatal_on(fatal_fn fn)
{
	for (sig_atomic_t i = 0; i < nfns; i++)
		if (fns[i] == fn)
			return 0;
	if (nfns >= FATAL_MAX)
		return -1;
	fns[nfns] = fn;
	nfns++;
	if (!installed)
		install();
	return 0;
}

void fatal_off(fatal_fn fn)
{
	sig_atomic_t j = 0;
	for (sig_atomic_t i = 0; i < nfns; i++)
		if (fns[i] != fn)
			fns[j++] = fns[i];
	for (sig_atomic_t i = j; i < nfns; i++)
		fns[i] = NULL;
	nfns = j;
}
