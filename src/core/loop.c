/* loop.c: the single poll(2) loop of loop.h: fds, timers and a signal
 * self-pipe. Called by the CLI (to wait for one request) and the console
 * (for its whole life). */
#include "config.h"
#include "core/loop.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct loop_fd {
	struct loop *loop;
	int fd;
	short events;
	int dead;
	loop_fd_cb cb;
	void *arg;
};

struct loop_timer {
	struct loop *loop;
	int64_t when; /* -1 when stopped */
	uint64_t armed; /* the turn it was started in */
	loop_timer_cb cb;
	void *arg;
	int dead;
};

#define LOOP_NSIG 65

struct loop {
	struct loop_fd **fds;
	size_t nfds, capfds;
	struct loop_timer **timers;
	size_t ntimers, captimers;
	int dirty; /* dead entries to sweep */
	int sigpipe[2];
	struct loop_fd *sigwatch;
	loop_signal_cb sigcb[LOOP_NSIG];
	void *sigarg[LOOP_NSIG];
	struct sigaction oldsa[LOOP_NSIG];
	loop_idle_cb idle;
	void *idlearg;
	uint64_t wakeups;
	uint64_t turn;
	struct pollfd *pfd;
	size_t cappfd;
};

static int sig_write_fd = -1;

int64_t loop_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sig_handler(int signo)
{
	int saved = errno;
	unsigned char c = (unsigned char)signo;
	if (sig_write_fd >= 0)
		(void)!write(sig_write_fd, &c, 1);
	errno = saved;
}

static void sig_readable(int fd, short revents, void *arg)
{
	struct loop *l = arg;
	unsigned char c[64];
	ssize_t n;
	while ((n = read(fd, c, sizeof c)) > 0) {
		for (ssize_t i = 0; i < n; i++)
			if (c[i] < LOOP_NSIG && l->sigcb[c[i]])
				l->sigcb[c[i]](c[i], l->sigarg[c[i]]);
	}
}

struct loop *loop_new(void)
{
	struct loop *l = xcalloc(1, sizeof *l);
	l->sigpipe[0] = l->sigpipe[1] = -1;
	return l;
}

void loop_free(struct loop *l)
{
	if (l == NULL)
		return;
	for (int s = 1; s < LOOP_NSIG; s++)
		if (l->sigcb[s])
			sigaction(s, &l->oldsa[s], NULL);
	if (l->sigpipe[0] >= 0) {
		if (sig_write_fd == l->sigpipe[1])
			sig_write_fd = -1;
		close(l->sigpipe[0]);
		close(l->sigpipe[1]);
	}
	for (size_t i = 0; i < l->nfds; i++)
		free(l->fds[i]);
	for (size_t i = 0; i < l->ntimers; i++)
		free(l->timers[i]);
	free(l->fds);
	free(l->timers);
	free(l->pfd);
	free(l);
}

struct loop_fd *loop_fd_add(struct loop *l, int fd, short events, loop_fd_cb cb, void *arg)
{
	struct loop_fd *f = xcalloc(1, sizeof *f);
	f->loop = l;
	f->fd = fd;
	f->events = events;
	f->cb = cb;
	f->arg = arg;
	if (l->nfds == l->capfds) {
		l->capfds = l->capfds ? l->capfds * 2 : 16;
		l->fds = xreallocarray(l->fds, l->capfds, sizeof *l->fds);
	}
	l->fds[l->nfds++] = f;
	return f;
}

void loop_fd_set(struct loop_fd *f, short events) { f->events = events; }
short loop_fd_events(const struct loop_fd *f) { return f->events; }

void loop_fd_del(struct loop_fd *f)
{
	if (f == NULL)
		return;
	f->dead = 1;
	f->cb = NULL;
	f->loop->dirty = 1;
}

struct loop_timer *loop_timer_new(struct loop *l, loop_timer_cb cb, void *arg)
{
	struct loop_timer *t = xcalloc(1, sizeof *t);
	t->loop = l;
	t->when = -1;
	t->cb = cb;
	t->arg = arg;
	if (l->ntimers == l->captimers) {
		l->captimers = l->captimers ? l->captimers * 2 : 16;
		l->timers = xreallocarray(l->timers, l->captimers, sizeof *l->timers);
	}
	l->timers[l->ntimers++] = t;
	return t;
}

void loop_timer_start(struct loop_timer *t, int64_t ms)
{
	t->when = loop_now_ms() + (ms < 0 ? 0 : ms);
	t->armed = t->loop->turn;
}

void loop_timer_stop(struct loop_timer *t) { t->when = -1; }
int loop_timer_pending(const struct loop_timer *t) { return t->when >= 0; }

void loop_timer_free(struct loop_timer *t)
{
	if (t == NULL)
		return;
	t->dead = 1;
	t->when = -1;
	t->loop->dirty = 1;
}

int loop_signal(struct loop *l, int signo, loop_signal_cb cb, void *arg)
{
	if (signo <= 0 || signo >= LOOP_NSIG)
		return -1;
	if (l->sigpipe[0] < 0) {
		if (pipe(l->sigpipe) != 0)
			return -1;
		for (int i = 0; i < 2; i++) {
			fcntl(l->sigpipe[i], F_SETFL, fcntl(l->sigpipe[i], F_GETFL) | O_NONBLOCK);
			fcntl(l->sigpipe[i], F_SETFD, FD_CLOEXEC);
		}
		sig_write_fd = l->sigpipe[1];
		l->sigwatch = loop_fd_add(l, l->sigpipe[0], POLLIN, sig_readable, l);
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sig_handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	if (l->sigcb[signo] == NULL && sigaction(signo, &sa, &l->oldsa[signo]) != 0)
		return -1;
	l->sigcb[signo] = cb;
	l->sigarg[signo] = arg;
	return 0;
}

void loop_set_idle(struct loop *l, loop_idle_cb cb, void *arg)
{
	l->idle = cb;
	l->idlearg = arg;
}

uint64_t loop_wakeups(const struct loop *l) { return l->wakeups; }

static void sweep(struct loop *l)
{
	size_t j = 0;
	for (size_t i = 0; i < l->nfds; i++) {
		if (l->fds[i]->dead)
			free(l->fds[i]);
		else
			l->fds[j++] = l->fds[i];
	}
	l->nfds = j;
	j = 0;
	for (size_t i = 0; i < l->ntimers; i++) {
		if (l->timers[i]->dead)
			free(l->timers[i]);
		else
			l->timers[j++] = l->timers[i];
	}
	l->ntimers = j;
	l->dirty = 0;
}

int loop_run_once(struct loop *l, int64_t max_ms)
{
	int ran = 0;
	int64_t now = loop_now_ms();
	int64_t wait = max_ms;

	l->turn++;
	if (l->dirty)
		sweep(l);
	for (size_t i = 0; i < l->ntimers; i++) {
		struct loop_timer *t = l->timers[i];
		if (t->when < 0)
			continue;
		int64_t d = t->when - now;
		if (d < 0)
			d = 0;
		if (wait < 0 || d < wait)
			wait = d;
	}

	size_t n = l->nfds;
	if (n > l->cappfd) {
		l->cappfd = n * 2;
		l->pfd = xreallocarray(l->pfd, l->cappfd, sizeof *l->pfd);
	}
	for (size_t i = 0; i < n; i++) {
		l->pfd[i].fd = l->fds[i]->dead ? -1 : l->fds[i]->fd;
		l->pfd[i].events = l->fds[i]->events;
		l->pfd[i].revents = 0;
	}
	int r = poll(l->pfd, n, wait > INT32_MAX ? INT32_MAX : (int)wait);
	l->wakeups++;
	if (r < 0 && errno != EINTR)
		return -1;
	/* Callbacks may add fds (appended past n) or delete any (marked dead). */
	for (size_t i = 0; r > 0 && i < n; i++) {
		struct loop_fd *f = l->fds[i];
		if (l->pfd[i].revents == 0 || f->dead || f->cb == NULL)
			continue;
		f->cb(f->fd, l->pfd[i].revents, f->arg);
		ran++;
	}
	now = loop_now_ms();
	size_t nt = l->ntimers;
	for (size_t i = 0; i < nt; i++) {
		struct loop_timer *t = l->timers[i];
		/* A timer started during this turn's callbacks waits for the
		 * next poll, so a zero timer never starves the other fds. */
		if (t->dead || t->when < 0 || t->when > now || t->armed == l->turn)
			continue;
		t->when = -1;
		t->cb(t->arg);
		ran++;
	}
	if (ran > 0 && l->idle)
		l->idle(l->idlearg);
	return ran;
}
