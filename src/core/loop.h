/* loop.h: porthole's one wait point. A loop owns a set of watched file
 * descriptors, one-shot timers and a self-pipe for signals, and waits on all
 * of them with a single poll(2). Everything else in porthole is a callback
 * run from loop_run_once(): nothing else may block.
 *
 * Ownership: the loop owns the handles it returns; they stay valid until
 * loop_fd_del()/loop_timer_free() (both safe from inside any callback) or
 * loop_free(). The loop never closes a watched fd: its owner does, after
 * loop_fd_del(). */
#ifndef PH_LOOP_H
#define PH_LOOP_H
#include <poll.h>
#include <stdint.h>

struct loop;
struct loop_fd;
struct loop_timer;

typedef void (*loop_fd_cb)(int fd, short revents, void *arg);
typedef void (*loop_timer_cb)(void *arg);
typedef void (*loop_signal_cb)(int signo, void *arg);
typedef void (*loop_idle_cb)(void *arg);

struct loop *loop_new(void);
void loop_free(struct loop *l);

/* Watch fd for events (POLLIN|POLLOUT). revents given to cb may include
 * POLLHUP/POLLERR. */
struct loop_fd *loop_fd_add(struct loop *l, int fd, short events, loop_fd_cb cb, void *arg);
void loop_fd_set(struct loop_fd *f, short events);
short loop_fd_events(const struct loop_fd *f);
void loop_fd_del(struct loop_fd *f);

/* Timers are created stopped; start (re)arms them to fire once after ms,
 * never in the loop turn that started them (a zero timer runs after the next
 * poll, so work resumed that way takes turns with every other fd). */
struct loop_timer *loop_timer_new(struct loop *l, loop_timer_cb cb, void *arg);
void loop_timer_start(struct loop_timer *t, int64_t ms);
void loop_timer_stop(struct loop_timer *t);
int loop_timer_pending(const struct loop_timer *t);
void loop_timer_free(struct loop_timer *t);

/* Deliver signo through the self-pipe to cb, in loop context. -1 on error.
 * SIG_DFL/SIG_IGN state is restored by loop_free(). */
int loop_signal(struct loop *l, int signo, loop_signal_cb cb, void *arg);

/* Called once after every turn that dispatched anything (the redraw hook). */
void loop_set_idle(struct loop *l, loop_idle_cb cb, void *arg);

/* One poll (at most max_ms, -1 for no limit besides the timers) and the
 * dispatch of what it returned. Returns the number of callbacks run, or -1
 * on a poll error other than EINTR. */
int loop_run_once(struct loop *l, int64_t max_ms);

/* Monotonic milliseconds. */
int64_t loop_now_ms(void);

/* Wakeups counted since loop_new (poll returns), for idle tests. */
uint64_t loop_wakeups(const struct loop *l);

#endif
