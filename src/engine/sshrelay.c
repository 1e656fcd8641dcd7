/* sshrelay.c: a unix socket whose connections each go to an ssh running
 * `docker system dial-stdio` on the engine's machine (see sshrelay.h). */
#include "config.h"
#include "engine/sshrelay.h"
#include "core/buf.h"
#include "core/strutil.h"
#include "core/xmalloc.h"
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SSHRELAY_REAP_MS 50
#define SSHRELAY_ERROR_WAIT_MS 300

struct sshproc {
	pid_t pid;
	int err_fd;              /* its stderr, until EOF */
	struct loop_fd *err_w;
	struct buf err;          /* what it wrote there (the last KiB) */
	int exited, status;
	struct sshproc *next;
};

struct sshrelay {
	struct loop *loop;
	struct endpoint ep;
	char *dir, *path;
	int listen_fd;
	struct loop_fd *listen_w;
	struct sshproc *procs;
	struct loop_timer *reap;
	char *error;
};

const char *sshrelay_path(const struct sshrelay *r) { return r->path; }

static void set_error_from(struct sshrelay *r, struct sshproc *p)
{
	/* The last non-empty line ssh wrote. */
	const char *s = buf_ptr(&p->err);
	size_t n = buf_used(&p->err);
	while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	size_t start = n;
	while (start > 0 && s[start - 1] != '\n')
		start--;
	if (n == start)
		return;
	char *line = str_inert_n(s + start, n - start);
	free(r->error);
	r->error = strncmp(line, "ssh: ", 5) == 0 ? xstrdup(line) : xasprintf("ssh: %s", line);
	free(line);
}

static void read_err(struct sshrelay *r, struct sshproc *p)
{
	char b[1024];
	for (;;) {
		ssize_t n = read(p->err_fd, b, sizeof b);
		if (n < 0 && errno == EINTR)
			continue;
		if (n > 0) {
			buf_add(&p->err, b, (size_t)n);
			if (buf_used(&p->err) > 1024)
				buf_consume(&p->err, buf_used(&p->err) - 1024);
			continue;
		}
		if (n < 0 && errno == EAGAIN)
			return;
		/* EOF: ssh is ending. What it said is why, unless it ends well
		 * (reap() clears it then). */
		if (buf_used(&p->err) > 0)
			set_error_from(r, p);
		loop_fd_del(p->err_w);
		p->err_w = NULL;
		close(p->err_fd);
		p->err_fd = -1;
		loop_timer_start(r->reap, 0);
		return;
	}
}

static void on_err(int fd, short revents, void *arg)
{
	(void)fd;
	(void)revents;
	struct sshrelay *r = arg;
	for (struct sshproc *p = r->procs; p; p = p->next)
		if (p->err_w && p->err_fd == fd) {
			read_err(r, p);
			return;
		}
}

static void proc_free(struct sshproc *p)
{
	if (p->err_w)
		loop_fd_del(p->err_w);
	if (p->err_fd >= 0)
		close(p->err_fd);
	buf_free(&p->err);
	free(p);
}

/* Reap the ssh processes that have ended; a failed one's last line becomes
 * the relay's error. */
static void reap(void *arg)
{
	struct sshrelay *r = arg;
	int waiting = 0;
	for (struct sshproc **pp = &r->procs; *pp; ) {
		struct sshproc *p = *pp;
		int st;
		pid_t w = waitpid(p->pid, &st, WNOHANG);
		if (w == p->pid || (w < 0 && errno == ECHILD)) {
			if (p->err_w)
				read_err(r, p);
			if (w == p->pid && !(WIFEXITED(st) && WEXITSTATUS(st) == 0)) {
				set_error_from(r, p);
			} else if (w == p->pid) {
				free(r->error); /* one went through: an old failure is over */
				r->error = NULL;
			}
			*pp = p->next;
			proc_free(p);
			continue;
		}
		waiting |= p->err_fd < 0; /* stderr closed: it should end soon */
		pp = &p->next;
	}
	if (waiting)
		loop_timer_start(r->reap, SSHRELAY_REAP_MS);
}

static void spawn(struct sshrelay *r, int conn)
{
	int errp[2];
	if (pipe2(errp, O_CLOEXEC) != 0) {
		close(conn);
		return;
	}
	char port[16];
	snprintf(port, sizeof port, "%d", r->ep.port);
	char *sock = r->ep.path ? xasprintf("unix://%s", r->ep.path) : NULL;
	const char *ssh = getenv("PORTHOLE_SSH_COMMAND");
	pid_t pid = fork();
	if (pid == 0) {
		dup2(conn, 0);
		dup2(conn, 1);
		dup2(errp[1], 2);
		signal(SIGPIPE, SIG_DFL);
		/* Its own process group: a ^C on the console is not its. */
		setpgid(0, 0);
		const char *argv[24];
		int n = 0;
		if (ssh && *ssh) {
			argv[n++] = "/bin/sh";
			argv[n++] = "-c";
			argv[n++] = "exec $PORTHOLE_SSH_COMMAND \"$@\"";
		}
		argv[n++] = "ssh";
		argv[n++] = "-o";
		argv[n++] = "BatchMode=yes";
		argv[n++] = "-o";
		argv[n++] = "ConnectTimeout=10";
		if (r->ep.user) {
			argv[n++] = "-l";
			argv[n++] = r->ep.user;
		}
		if (r->ep.port) {
			argv[n++] = "-p";
			argv[n++] = port;
		}
		argv[n++] = "--";
		argv[n++] = r->ep.host;
		argv[n++] = "docker";
		if (sock) {
			argv[n++] = "-H";
			argv[n++] = sock;
		}
		argv[n++] = "system";
		argv[n++] = "dial-stdio";
		argv[n] = NULL;
		if (ssh && *ssh)
			execv("/bin/sh", (char *const *)argv);
		else
			execvp("ssh", (char *const *)argv);
		fprintf(stderr, "cannot run ssh: %s\n", strerror(errno));
		_exit(127);
	}
	free(sock);
	close(conn);
	close(errp[1]);
	if (pid < 0) {
		close(errp[0]);
		free(r->error);
		r->error = xasprintf("cannot start ssh: %s", strerror(errno));
		return;
	}
	fcntl(errp[0], F_SETFL, fcntl(errp[0], F_GETFL) | O_NONBLOCK);
	struct sshproc *p = xcalloc(1, sizeof *p);
	p->pid = pid;
	p->err_fd = errp[0];
	buf_init(&p->err);
	p->err_w = loop_fd_add(r->loop, p->err_fd, POLLIN, on_err, r);
	p->next = r->procs;
	r->procs = p;
}

static void on_accept(int fd, short revents, void *arg)
{
	(void)revents;
	struct sshrelay *r = arg;
	for (;;) {
		int c = accept4(fd, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			return; /* EAGAIN, or nothing we can do */
		spawn(r, c);
	}
}

struct sshrelay *sshrelay_new(struct loop *l, const struct endpoint *ep, char **cause)
{
	struct sshrelay *r = xcalloc(1, sizeof *r);
	r->loop = l;
	r->listen_fd = -1;
	endpoint_copy(&r->ep, ep);
	const char *tmp = getenv("TMPDIR");
	r->dir = xasprintf("%s/porthole-ssh-XXXXXX", tmp && *tmp && strlen(tmp) < 60 ? tmp : "/tmp");
	if (mkdtemp(r->dir) == NULL) {
		*cause = xasprintf("cannot make a directory for the ssh relay: %s", strerror(errno));
		free(r->dir);
		r->dir = NULL;
		sshrelay_free(r);
		return NULL;
	}
	r->path = xasprintf("%s/engine.sock", r->dir);
	struct sockaddr_un sa;
	memset(&sa, 0, sizeof sa);
	sa.sun_family = AF_UNIX;
	snprintf(sa.sun_path, sizeof sa.sun_path, "%s", r->path);
	r->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (r->listen_fd < 0 || bind(r->listen_fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    listen(r->listen_fd, 16) != 0) {
		*cause = xasprintf("cannot make the ssh relay's socket: %s", strerror(errno));
		sshrelay_free(r);
		return NULL;
	}
	r->listen_w = loop_fd_add(l, r->listen_fd, POLLIN, on_accept, r);
	r->reap = loop_timer_new(l, reap, r);
	return r;
}

const char *sshrelay_error(struct sshrelay *r)
{
	/* Asked after a connection failed: an ssh that is ending may not have
	 * closed its stderr yet. Wait a little for that (this path only). */
	struct pollfd fds[8];
	for (int round = 0; round < 2; round++) {
		nfds_t n = 0;
		for (struct sshproc *p = r->procs; p; p = p->next)
			if (p->err_w) {
				read_err(r, p);
				if (p->err_w && n < 8)
					fds[n++] = (struct pollfd){ p->err_fd, POLLIN, 0 };
			}
		if (round == 1 || r->error || n == 0)
			break;
		poll(fds, n, SSHRELAY_ERROR_WAIT_MS);
	}
	reap(r);
	return r->error;
}

int sshrelay_running(const struct sshrelay *r)
{
	int n = 0;
	for (const struct sshproc *p = r->procs; p; p = p->next)
		n++;
	return n;
}

void sshrelay_free(struct sshrelay *r)
{
	if (r == NULL)
		return;
	if (r->listen_w)
		loop_fd_del(r->listen_w);
	if (r->listen_fd >= 0)
		close(r->listen_fd);
	/* Every ssh ends: SIGTERM, then SIGKILL after the grace period. */
	for (struct sshproc *p = r->procs; p; p = p->next)
		kill(p->pid, SIGTERM);
	struct timespec step = { 0, 10 * 1000000 };
	for (int waited = 0; r->procs; waited += 10) {
		for (struct sshproc **pp = &r->procs; *pp; ) {
			struct sshproc *p = *pp;
			if (waitpid(p->pid, NULL, WNOHANG) != 0) {
				*pp = p->next;
				proc_free(p);
			} else {
				if (waited >= SSHRELAY_GRACE_MS)
					kill(p->pid, SIGKILL);
				pp = &p->next;
			}
		}
		if (r->procs)
			nanosleep(&step, NULL);
	}
	if (r->path)
		unlink(r->path);
	if (r->dir)
		rmdir(r->dir);
	loop_timer_free(r->reap);
	endpoint_clear(&r->ep);
	free(r->path);
	free(r->dir);
	free(r->error);
	free(r);
}
