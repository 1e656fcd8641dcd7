#!/bin/bash
# demo-engine.sh [stop]: a private dockerd in /tmp/ph-demo with three small
# busybox containers (web, worker, db) to try porthole on. Prints the line
# `export DOCKER_HOST=...` on stdout: eval "$(scripts/demo-engine.sh)".
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/tests/lib/engine.sh"
dir=${PH_DEMO_DIR:-/tmp/ph-demo}

if [ "${1:-}" = stop ]; then
	engine_stop "$dir"
	exit
fi

if ! engine_ping "unix://$dir/docker.sock"; then
	engine_stop "$dir" 2>/dev/null # leftovers of a dead one
	engine_start "$dir" || exit 1
fi
export PH_ENGINE_HOST=unix://$dir/docker.sock
engine_image "$dir" || exit 1

demo() {
	local name=$1 state
	shift
	state=$(engine_docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)
	case $state in
	true) ;;
	false) engine_docker start "$name" >/dev/null ;;
	*) engine_run "$name" -w /tmp -- "$@" >/dev/null ;;
	esac || echo "demo-engine: cannot start $name" >&2
}
demo web sh -c 'i=0; while :; do i=$((i+1)); echo "GET /page/$i 200"; sleep 2; done'
demo worker sh -c 'while :; do echo "job done at $(date +%T)"; sleep 5; done'
demo db sleep 1000000

echo "demo-engine: containers web, worker, db on unix://$dir/docker.sock" >&2
echo "export DOCKER_HOST=unix://$dir/docker.sock"
