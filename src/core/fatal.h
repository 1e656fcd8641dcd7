/* fatal.h: the one fatal-signal hook of porthole. Code that puts the
 * terminal (or anything else outside the process) into a state that must
 * not outlive a crash registers a restore function here; on SIGSEGV,
 * SIGBUS, SIGFPE, SIGILL or SIGABRT the handler runs every registered
 * function (newest first), then restores the signal's default action and
 * raises it again, so the process still dies of that signal (core dump,
 * exit status and all) with the terminal already put back.
 *
 * Users: `porthole exec -t` (cli/exec.c) registers the tcsetattr() that
 * leaves raw mode; the console registers its emergency endwin().
 *
 * Contract for a restore function: it runs inside a signal handler, so it
 * may only do async-signal-safe things (tcsetattr, write, a flag test): no
 * malloc, no stdio, no locks. It may run more than once (a normal exit path
 * may call it too), so it must be idempotent. It is also the caller's to
 * run on every normal exit path: fatal.c only covers the fatal signals.
 *
 * The handlers are installed on the first fatal_on() and stay installed;
 * with no function registered they only re-raise. At most FATAL_MAX
 * functions at a time; fatal_on() returns -1 past that. SIGTERM, SIGHUP and
 * SIGINT are not fatal here: they go through the loop (core/loop.h). */
#ifndef PH_FATAL_H
#define PH_FATAL_H

#define FATAL_MAX 8

typedef void (*fatal_fn)(void);

/* Register fn (a second registration of the same fn is a no-op). 0 or -1. */
int fatal_on(fatal_fn fn);
/* Unregister fn (no-op when it is not registered). */
void fatal_off(fatal_fn fn);

#endif
