#!/bin/bash
# demo-engine.sh [stop]: a private dockerd in /tmp/ph-demo ($PH_DEMO_DIR)
# with small containers worth debugging. Their programs are the shell
# scripts of scripts/demo/, copied into /demo/ of an image made here from
# the busybox test image (tests/lib/engine.sh; no registry is needed):
#   web     busybox httpd on port 80, logging each request; a loop inside
#           asks for a page now and then (the network is none), some missing
#   worker  a log line every 3 s, every 4th job failing on stderr
#   db      appends a record a second to /var/lib/db/data.log
#   batch   works for $PH_DEMO_BATCH_SECS s (default 40), then exits with 3
#   api     httpd on port 8080 with a health check (ls says "(healthy)")
# Each says in its first log lines what it does and what to try. Prints the
# line `export DOCKER_HOST=...` on stdout: eval "$(scripts/demo-engine.sh)".
# Run again, it starts what has stopped (batch then dies again). `stop`
# removes the containers, stops the daemon and removes the directory.
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

# demo_image: the name of the demo image (tagged with a hash of the
# scripts, so that a changed script makes a new one), made when missing:
# the test image with scripts/demo/ as /demo, through a container that
# never runs.
demo_image() {
	local ref id rc
	ref=porthole-demo:$(cat "$src/scripts/demo/"* | md5sum | cut -c1-8)
	if ! engine_docker image inspect "$ref" >/dev/null 2>&1; then
		id=$(engine_docker create "$PH_TEST_IMAGE" true) || return 1
		engine_docker cp "$src/scripts/demo" "$id:/demo" &&
			engine_docker commit -c 'CMD ["/bin/sh"]' "$id" "$ref" >/dev/null
		rc=$?
		engine_docker rm "$id" >/dev/null
		[ "$rc" = 0 ] || return 1
	fi
	printf '%s\n' "$ref"
}
image=$(demo_image) || { echo "demo-engine: cannot make the demo image" >&2; exit 1; }

# demo NAME [OPTS...]: the container NAME running /demo/NAME (started again
# when it has stopped).
demo() {
	local name=$1 state
	shift
	state=$(engine_docker inspect -f '{{.State.Running}}' "$name" 2>/dev/null)
	case $state in
	true) ;;
	false) engine_docker start "$name" >/dev/null ;;
	*) PH_TEST_IMAGE=$image engine_run "$name" -w /tmp "$@" -- "/demo/$name" >/dev/null ;;
	esac || echo "demo-engine: cannot start $name" >&2
}
demo web
demo worker
demo db
demo batch -e "BATCH_SECS=${PH_DEMO_BATCH_SECS:-40}"
demo api --health-cmd 'wget -q -O /dev/null http://127.0.0.1:8080/health' \
	--health-interval 5s --health-timeout 3s --health-retries 2

cat >&2 <<TEXT
demo-engine: containers on unix://$dir/docker.sock (docker logs NAME shows what to try):
  web     busybox httpd on port 80, logging each request
  worker  a job every 3 s, every 4th failing on stderr
  db      a record a second appended to /var/lib/db/data.log
  batch   exits with code 3 after ${PH_DEMO_BATCH_SECS:-40} s
  api     httpd with a health check: Up ... (healthy)
Stop it with: scripts/demo-engine.sh stop
TEXT
echo "export DOCKER_HOST=unix://$dir/docker.sock"
