# engine.sh: runs a private dockerd for the tests and demos, next to (never
# instead of) a system one: its own data root, exec root, socket and
# containerd namespace, all under one short directory in /tmp. Source it.
#
#   engine_start DIR          start (or reuse) the engine in DIR; exports
#                             PH_ENGINE_DIR and PH_ENGINE_HOST=unix://DIR/docker.sock
#                             (extra dockerd arguments in $PH_DOCKERD_ARGS)
#   engine_stop DIR           remove its containers, stop it, clean up, rm -rf DIR
#   engine_image [DIR] [REF]  import the busybox test image (default porthole-test:busybox)
#   engine_run NAME [OPTS... --] [CMD...]
#                             docker run -d --network none --stop-timeout 1
#                             --name NAME OPTS IMAGE CMD (CMD defaults to
#                             sleep 1000000, which ignores TERM); prints the id
#   engine_docker ARGS...     the docker CLI aimed at $PH_ENGINE_HOST
#   engine_api PATH [CURL-ARGS...]  raw API call through curl
#   engine_ping [HOST]        true when HOST (default $PH_ENGINE_HOST) answers /_ping
#   engine_freeze DIR / engine_thaw DIR   SIGSTOP / SIGCONT the daemon
#   engine_crash DIR          kill -9 the daemon (its containerd dies with it,
#                             the shims and containers stay)
#   engine_restart DIR        engine_crash then engine_start on the same DIR: the
#                             new daemon stops the containers left running
#   engine_need [--private]   for test scripts: use the suite's engine
#                             ($PORTHOLE_TEST_HOST; --private, e.g. for fault
#                             tests, never does) or start a private engine and
#                             stop it on EXIT (a script that sets its own EXIT
#                             trap calls engine_cleanup in it); then exports
#                             DOCKER_HOST too. Without an engine: TAP skip-all,
#                             or "Bail out!" when CI=true or
#                             PORTHOLE_REQUIRE_ENGINE=1.

PH_TEST_IMAGE=${PH_TEST_IMAGE:-porthole-test:busybox}

_engine_log() { printf 'engine: %s\n' "$*" >&2; }

# True when PID runs: kill -0 is not enough, a dead daemon whose parent
# does not reap it (pid 1 on some VMs) stays a zombie.
_engine_alive() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*) }
	[ "${st%% *}" != Z ]
}

# The pid in pidfile FILE when that process runs.
_engine_pidof() {
	local pid
	pid=$(cat "$1" 2>/dev/null) || return 1
	[ -n "$pid" ] && _engine_alive "$pid" || return 1
	printf '%s\n' "$pid"
}

# engine_pid DIR: the daemon's pid.
engine_pid() { _engine_pidof "$1/pid"; }

engine_ping() {
	local host=${1:-${PH_ENGINE_HOST:-}}
	case $host in
	unix://*) curl -sf -m 3 --unix-socket "${host#unix://}" http://d/_ping ;;
	tcp://*) curl -sf -m 3 "http://${host#tcp://}/_ping" ;;
	/*) curl -sf -m 3 --unix-socket "$host" http://d/_ping ;;
	*) return 1 ;;
	esac >/dev/null 2>&1
}

engine_api() {
	local path=$1
	shift
	case $PH_ENGINE_HOST in
	tcp://*) curl -sS -m 30 "$@" "http://${PH_ENGINE_HOST#tcp://}$path" ;;
	*) curl -sS -m 30 --unix-socket "${PH_ENGINE_HOST#unix://}" "$@" "http://d$path" ;;
	esac
}

engine_docker() {
	env -u DOCKER_CONTEXT DOCKER_HOST="$PH_ENGINE_HOST" docker "$@"
}

# A containerd namespace of our own, so that a system containerd (which
# dockerd uses when /run/containerd/containerd.sock exists) keeps ours apart.
_engine_ns() {
	local b
	b=$(basename "$1" | tr -c 'A-Za-z0-9\n' '-' | tr -s '-')
	b=${b#-}
	printf 'ph-%s\n' "${b%-}"
}

engine_start() {
	local dir=${1%/} sock pid i ns
	case $dir in /*) ;; *) _engine_log "engine_start: DIR must be absolute"; return 1 ;; esac
	sock=$dir/docker.sock
	if [ ${#sock} -ge 107 ]; then
		_engine_log "socket path too long (${#sock} bytes): $sock"
		return 1
	fi
	export PH_ENGINE_DIR=$dir PH_ENGINE_HOST=unix://$sock
	if engine_ping "$PH_ENGINE_HOST"; then return 0; fi
	if [ "$(id -u)" != 0 ]; then _engine_log "a private dockerd needs root"; return 1; fi
	command -v dockerd >/dev/null || { _engine_log "dockerd not installed"; return 1; }
	if pid=$(engine_pid "$dir"); then
		_engine_log "dockerd $pid in $dir does not answer"
		return 1
	fi
	# Pidfiles of dead processes: dockerd takes a zombie for a live one.
	rm -f "$dir/pid"
	_engine_pidof "$dir/exec/containerd/containerd.pid" >/dev/null ||
		rm -f "$dir/exec/containerd/containerd.pid"
	mkdir -p "$dir/root" "$dir/exec" || return 1
	ns=$(_engine_ns "$dir")
	# Close every inherited fd above 2: a pipe kept open by the daemon
	# would make whoever reads it (make, a test driver) wait forever.
	(
		for f in "/proc/$BASHPID/fd/"*; do
			f=${f##*/}
			[ "$f" -gt 2 ] 2>/dev/null && eval "exec $f>&-"
		done
		exec setsid -w dockerd --data-root "$dir/root" --exec-root "$dir/exec" \
			--pidfile "$dir/pid" -H "unix://$sock" --iptables=false \
			--bridge=none --storage-driver=vfs \
			--containerd-namespace "$ns" --containerd-plugins-namespace "$ns-plugins" \
			${PH_DOCKERD_ARGS:-}
	) </dev/null >>"$dir/dockerd.log" 2>&1 &
	pid=$!
	for ((i = 0; i < 300; i++)); do
		if engine_ping "$PH_ENGINE_HOST"; then
			disown "$pid"
			return 0
		fi
		if ! _engine_alive "$pid"; then
			wait "$pid" 2>/dev/null
			break
		fi
		sleep 0.2
	done
	_engine_log "dockerd in $dir did not answer /_ping; end of $dir/dockerd.log:"
	tail -n 20 "$dir/dockerd.log" | sed 's/^/  | /' >&2
	return 1
}

# Pids of this engine's processes: dockerd, containerd, shims and runc (their
# command line names DIR or our namespace) and all their descendants, which
# are the container processes.
_engine_procs() {
	local dir=$1 ns p pid st name more=1 args=()
	local -A parent=() hit=()
	ns=$(_engine_ns "$dir")
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		read -r st <"$p/stat" 2>/dev/null || continue
		st=${st##*) }
		st=${st#* }
		parent[$pid]=${st%% *}
		mapfile -d '' -t args <"$p/cmdline" 2>/dev/null || continue
		name=${args[0]:-}
		case ${name##*/} in dockerd | containerd | containerd-shim* | runc) ;; *) continue ;; esac
		case " ${args[*]} " in *"$dir/"* | *" $ns "*) hit[$pid]=1 ;; esac
	done
	while [ "$more" = 1 ]; do
		more=0
		for pid in "${!parent[@]}"; do
			if [ -z "${hit[$pid]:-}" ] && [ -n "${hit[${parent[$pid]}]:-}" ]; then
				hit[$pid]=1
				more=1
			fi
		done
	done
	unset "hit[$$]" "hit[$BASHPID]"
	[ ${#hit[@]} -eq 0 ] || printf '%s\n' "${!hit[@]}"
}

engine_stop() {
	local dir=${1%/} pid i m pids=() ids=() dk
	case $dir in /?*) ;; *) _engine_log "engine_stop: refusing DIR '$dir'"; return 1 ;; esac
	[ -d "$dir" ] || return 0
	if pid=$(engine_pid "$dir"); then
		kill -CONT "$pid" 2>/dev/null
		# Containers first: their sleep as pid 1 ignores TERM, and dockerd
		# would wait 10 s on each at shutdown.
		if engine_ping "unix://$dir/docker.sock"; then
			dk=(timeout 30 env -u DOCKER_CONTEXT "DOCKER_HOST=unix://$dir/docker.sock" docker)
			mapfile -t ids < <("${dk[@]}" ps -aq 2>/dev/null)
			[ ${#ids[@]} -gt 0 ] && "${dk[@]}" rm -f "${ids[@]}" >/dev/null 2>&1
		fi
		kill -TERM "$pid" 2>/dev/null
		for ((i = 0; i < 75; i++)); do
			_engine_alive "$pid" || break
			sleep 0.2
		done
		kill -KILL "$pid" 2>/dev/null
	fi
	for ((i = 0; i < 10; i++)); do
		mapfile -t pids < <(_engine_procs "$dir")
		[ ${#pids[@]} -eq 0 ] && break
		kill -KILL "${pids[@]}" 2>/dev/null
		sleep 0.2
	done
	# Deepest mount points first.
	awk -v d="$dir" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	rm -rf "$dir"
}

engine_freeze() { local p; p=$(engine_pid "$1") && kill -STOP "$p"; }
engine_thaw() { local p; p=$(engine_pid "$1") && kill -CONT "$p"; }

engine_crash() {
	local pid i
	pid=$(engine_pid "$1") || return 1
	kill -KILL "$pid"
	for ((i = 0; i < 50; i++)); do
		_engine_alive "$pid" || return 0
		sleep 0.1
	done
	return 1
}

engine_restart() {
	engine_crash "$1" && engine_start "$1"
}

# engine_image [DIR] [NAME:TAG]: the busybox image of assets/busybox-rootfs.sh
# (DIR is unused, kept for callers). Skipped when the image exists.
engine_image() {
	local ref=${2:-$PH_TEST_IMAGE} here
	engine_docker image inspect "$ref" >/dev/null 2>&1 && return 0
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	"$here/assets/busybox-rootfs.sh" | engine_docker import -c 'CMD ["/bin/sh"]' - "$ref" >/dev/null
}

engine_run() {
	local name=$1 opts=() i
	shift
	for ((i = 1; i <= $#; i++)); do
		if [ "${!i}" = -- ]; then
			opts=("${@:1:i-1}")
			shift "$i"
			break
		fi
	done
	[ $# -gt 0 ] || set -- sleep 1000000
	engine_docker run -d --network none --stop-timeout 1 --name "$name" "${opts[@]}" "$PH_TEST_IMAGE" "$@"
}

_engine_need_fail() {
	if [ "${CI:-}" = true ] || [ "${PORTHOLE_REQUIRE_ENGINE:-}" = 1 ]; then
		echo "Bail out! no engine: $*"
		exit 1
	fi
	echo "1..0 # SKIP no engine: $*"
	exit 0
}

engine_cleanup() {
	if [ -n "${_PH_OWN_ENGINE:-}" ]; then
		engine_stop "$_PH_OWN_ENGINE" >/dev/null 2>&1
		_PH_OWN_ENGINE=
	fi
}

engine_need() {
	local dir
	if [ "${1:-}" != --private ] && [ -n "${PORTHOLE_TEST_HOST:-}" ]; then
		export PH_ENGINE_HOST=$PORTHOLE_TEST_HOST DOCKER_HOST=$PORTHOLE_TEST_HOST
		export PH_ENGINE_DIR=${PORTHOLE_TEST_DIR:-}
		engine_ping || _engine_need_fail "$PORTHOLE_TEST_HOST does not answer /_ping"
		engine_image >/dev/null 2>&1 || _engine_need_fail "cannot build $PH_TEST_IMAGE"
		return 0
	fi
	[ "$(id -u)" = 0 ] || _engine_need_fail "a private dockerd needs root"
	command -v dockerd >/dev/null || _engine_need_fail "dockerd not installed"
	command -v docker >/dev/null || _engine_need_fail "docker CLI not installed"
	dir=$(mktemp -d -p /tmp ph-t.XXXXXX) || _engine_need_fail "mktemp failed"
	_PH_OWN_ENGINE=$dir
	trap engine_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	engine_start "$dir" || _engine_need_fail "dockerd did not start (see stderr)"
	export DOCKER_HOST=$PH_ENGINE_HOST
	engine_image "$dir" || _engine_need_fail "cannot build $PH_TEST_IMAGE"
}
