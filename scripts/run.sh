#!/bin/bash
# run.sh [PORTHOLE-ARGS...]: installs the dependencies, builds, finds an
# engine (DOCKER_HOST, the system docker socket, podman's sockets, else the
# demo engine of scripts/demo-engine.sh) and runs porthole on it.
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
"$src/scripts/install-deps.sh" || exit 1
"$src/scripts/build.sh" >&2 || exit 1
. "$src/tests/lib/engine.sh"

host=
if [ -n "${DOCKER_HOST:-}" ]; then
	engine_ping "$DOCKER_HOST" && host=$DOCKER_HOST
else
	for s in /var/run/docker.sock "${XDG_RUNTIME_DIR:-/nonexistent}/podman/podman.sock" /run/podman/podman.sock; do
		if [ -S "$s" ] && engine_ping "unix://$s"; then
			host=unix://$s
			break
		fi
	done
fi
if [ -z "$host" ]; then
	[ -n "${DOCKER_HOST:-}" ] && echo "run.sh: $DOCKER_HOST does not answer; using the demo engine" >&2
	host=$("$src/scripts/demo-engine.sh" | sed -n 's/^export DOCKER_HOST=//p')
	[ -n "$host" ] || { echo "run.sh: no engine to connect to" >&2; exit 1; }
fi
echo "run.sh: engine $host" >&2

P=$src/_build/porthole
if [ $# -gt 0 ]; then
	exec "$P" -H "$host" "$@"
fi
if [ ! -t 0 ] || [ ! -t 1 ]; then
	# No terminal for the console: show what it would show, headless.
	"$P" -H "$host" ls
	exit $?
fi
exec "$P" -H "$host"
