/* sshrelay.h: an ssh:// engine as a local socket. The relay listens on a
 * unix socket in a private directory (mode 0700) made for it; each
 * connection libcurl makes there is handed, as stdin and stdout, to a new
 *   ssh -o BatchMode=yes -o ConnectTimeout=10 [-l USER] [-p PORT] -- HOST
 *       docker [-H unix://SOCKET] system dial-stdio
 * (the docker CLI's way: the remote CLI joins that stream to its engine's
 * socket), so HTTP, keep-alive and the exec streams' upgraded connections
 * all pass through unchanged. PORTHOLE_SSH_COMMAND, when set, replaces
 * "ssh" (a command line run by /bin/sh: "ssh -F ~/.ssh/other_config").
 * BatchMode keeps ssh from asking for a password on the console's
 * terminal: keys or an agent must do.
 *
 * What each ssh writes on stderr is read on the loop; the last line of one
 * that failed is sshrelay_error(), which engine/api.c adds to "cannot reach
 * the engine" messages. sshrelay_free() ends every ssh (SIGTERM, then
 * SIGKILL after SSHRELAY_GRACE_MS), reaps them, and removes the socket and
 * its directory. */
#ifndef PH_SSHRELAY_H
#define PH_SSHRELAY_H
#include "core/loop.h"
#include "engine/endpoint.h"

#define SSHRELAY_GRACE_MS 500

struct sshrelay;

/* NULL with *cause when the socket cannot be made. */
struct sshrelay *sshrelay_new(struct loop *l, const struct endpoint *ep, char **cause);
/* The local socket's path. */
const char *sshrelay_path(const struct sshrelay *r);
/* Read what the ssh processes wrote on stderr so far (without waiting),
 * then the last line of a failed one, or NULL. */
const char *sshrelay_error(struct sshrelay *r);
/* ssh processes running now. */
int sshrelay_running(const struct sshrelay *r);
void sshrelay_free(struct sshrelay *r);

#endif
