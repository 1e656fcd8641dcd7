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
#   engine_trap CMD           CMD on EXIT; HUP, INT and TERM exit 129, 130
#                             and 143, so that CMD runs on them too
#   engine_prog NAME          for the scripts that run a C test of
#                             tests/engine: PH_PROG=$PH_BUILDDIR/tests/engine/NAME,
#                             "Bail out!" when it is not built
#   engine_prog_run SECS ARGS...  $PH_PROG ARGS, killed after SECS s; exits
#                             with its status ("Bail out!" when it did not end)
#
# tests/lib/podman.sh sources this file and shares its _engine_* helpers.

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

# _engine_sock_ok LOGFN SOCK: true when SOCK fits in a unix socket address;
# else says so through LOGFN.
_engine_sock_ok() {
	[ ${#2} -lt 107 ] && return 0
	"$1" "socket path too long (${#2} bytes): $2"
	return 1
}

# _engine_spawn LOG CMD...: CMD in the background (its pid in $!), stdin
# /dev/null, output appended to LOG, every inherited fd above 2 closed: a
# pipe kept open by a daemon would make whoever reads it (make, a test
# driver) wait forever.
_engine_spawn() {
	local log=$1
	shift
	(
		for f in "/proc/$BASHPID/fd/"*; do
			f=${f##*/}
			[ "$f" -gt 2 ] 2>/dev/null && eval "exec $f>&-"
		done
		exec "$@"
	) </dev/null >>"$log" 2>&1 &
}

# _engine_wait PID HOST TRIES SECS LOG MESSAGE: polls HOST's /_ping every
# SECS s, TRIES times at most, while PID runs. True when HOST answers (PID
# is then disowned); else MESSAGE and the end of LOG on stderr.
_engine_wait() {
	local i
	for ((i = 0; i < $3; i++)); do
		if engine_ping "$2"; then
			disown "$1" 2>/dev/null
			return 0
		fi
		if ! _engine_alive "$1"; then
			wait "$1" 2>/dev/null
			break
		fi
		sleep "$4"
	done
	printf '%s; end of %s:\n' "$6" "$5" >&2
	tail -n 20 "$5" | sed 's/^/  | /' >&2
	return 1
}

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
	local dir=${1%/} sock pid ns
	case $dir in /*) ;; *) _engine_log "engine_start: DIR must be absolute"; return 1 ;; esac
	sock=$dir/docker.sock
	_engine_sock_ok _engine_log "$sock" || return 1
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
	# shellcheck disable=SC2086 # PH_DOCKERD_ARGS: words
	_engine_spawn "$dir/dockerd.log" setsid -w dockerd --data-root "$dir/root" --exec-root "$dir/exec" \
		--pidfile "$dir/pid" -H "unix://$sock" --iptables=false \
		--bridge=none --storage-driver=vfs \
		--containerd-namespace "$ns" --containerd-plugins-namespace "$ns-plugins" \
		${PH_DOCKERD_ARGS:-}
	pid=$!
	_engine_wait "$pid" "$PH_ENGINE_HOST" 300 0.2 "$dir/dockerd.log" \
		"engine: dockerd in $dir did not answer /_ping"
}

# _engine_kin REGEX WORD...: pids of the processes whose program (argv[0]
# without its directory) matches REGEX whole and whose command line holds
# one of the WORDs, and of all their descendants; never this shell.
_engine_kin() {
	local re="^($1)\$" p pid st name w more=1 args=()
	local -A parent=() hit=()
	shift
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		read -r st <"$p/stat" 2>/dev/null || continue
		st=${st##*) }
		st=${st#* }
		parent[$pid]=${st%% *}
		mapfile -d '' -t args <"$p/cmdline" 2>/dev/null || continue
		name=${args[0]:-}
		[[ ${name##*/} =~ $re ]] || continue
		for w in "$@"; do
			case " ${args[*]} " in *"$w"*) hit[$pid]=1 ;; esac
		done
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

# _engine_wipe DIR REGEX WORD...: SIGKILL to the processes of _engine_kin
# REGEX WORD... until none is left (2 s at most), then every mount point
# under DIR unmounted and DIR removed.
_engine_wipe() {
	local dir=$1 i m pids=()
	shift
	for ((i = 0; i < 10; i++)); do
		mapfile -t pids < <(_engine_kin "$@")
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

engine_stop() {
	local dir=${1%/} pid i ids=() dk
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
	# dockerd, containerd, shims and runc (their command line names DIR or
	# our namespace), and the container processes below them.
	_engine_wipe "$dir" 'dockerd|containerd|containerd-shim.*|runc' "$dir/" " $(_engine_ns "$dir") "
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

# _engine_rootfs: the busybox test image's root file system (the tar of
# assets/busybox-rootfs.sh) on stdout.
_engine_rootfs() {
	"$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/assets/busybox-rootfs.sh"
}

# engine_image [DIR] [NAME:TAG]: the busybox image of assets/busybox-rootfs.sh
# (DIR is unused, kept for callers). Skipped when the image exists.
engine_image() {
	local ref=${2:-$PH_TEST_IMAGE}
	engine_docker image inspect "$ref" >/dev/null 2>&1 && return 0
	_engine_rootfs | engine_docker import -c 'CMD ["/bin/sh"]' - "$ref" >/dev/null
}

# _engine_run_args [OPTS... --] [CMD...]: sets the caller's arrays opts and
# cmd (CMD defaults to sleep 1000000, which ignores TERM).
_engine_run_args() {
	local i
	opts=() cmd=("$@")
	for ((i = 1; i <= $#; i++)); do
		if [ "${!i}" = -- ]; then
			opts=("${@:1:i-1}")
			cmd=("${@:i+1}")
			break
		fi
	done
	[ ${#cmd[@]} -gt 0 ] || cmd=(sleep 1000000)
}

engine_run() {
	local name=$1 opts=() cmd=()
	shift
	_engine_run_args "$@"
	engine_docker run -d --network none --stop-timeout 1 --name "$name" "${opts[@]}" "$PH_TEST_IMAGE" "${cmd[@]}"
}

# _engine_skip_or_bail TEXT: for test scripts that cannot run: TAP
# "Bail out! TEXT" and exit 1 when CI=true or PORTHOLE_REQUIRE_ENGINE=1,
# else skip them all and exit 0.
_engine_skip_or_bail() {
	if [ "${CI:-}" = true ] || [ "${PORTHOLE_REQUIRE_ENGINE:-}" = 1 ]; then
		echo "Bail out! $1"
		exit 1
	fi
	echo "1..0 # SKIP $1"
	exit 0
}

_engine_need_fail() { _engine_skip_or_bail "no engine: $*"; }

# engine_trap CMD: CMD on EXIT and on HUP, INT and TERM (which exit 128 + N).
engine_trap() {
	# shellcheck disable=SC2064 # CMD is the trap's text
	trap "$1" EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
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
	engine_trap engine_cleanup
	engine_start "$dir" || _engine_need_fail "dockerd did not start (see stderr)"
	export DOCKER_HOST=$PH_ENGINE_HOST
	engine_image "$dir" || _engine_need_fail "cannot build $PH_TEST_IMAGE"
}

# engine_prog NAME: PH_PROG, the built C test tests/engine/NAME, or Bail out!
engine_prog() {
	PH_PROG=$PH_BUILDDIR/tests/engine/$1
	if [ ! -x "$PH_PROG" ]; then
		echo "Bail out! $PH_PROG is not built (make check builds it)"
		exit 1
	fi
}

# engine_prog_run SECS ARGS...: runs $PH_PROG ARGS with a timeout; exits with its status.
engine_prog_run() {
	local rc
	timeout -k 5 "$1" "$PH_PROG" "${@:2}"
	rc=$?
	if [ "$rc" -ge 124 ]; then
		echo "Bail out! ${PH_PROG##*/} did not finish (status $rc)"
	fi
	exit "$rc"
}
