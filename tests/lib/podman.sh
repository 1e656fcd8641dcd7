# podman.sh: a private Podman API service (`podman system service`) for the
# tests, next to (never instead of) the machine's own podman: its storage,
# run state, runtime state, temporary files, network config, events log and
# configuration all live under one short directory in /tmp. Source it.
#
#   podman_start DIR      start (or reuse) the service in DIR; exports
#                         PH_PODMAN_DIR and PH_PODMAN_HOST=unix://DIR/podman.sock
#   podman_stop DIR       remove its containers, stop the service, end what it
#                         left behind (conmon keeps a process per exec session
#                         for 300 s), unmount, rm -rf DIR (only under /tmp)
#   podman_cli ARGS...    the podman CLI on DIR's storage ($PH_PODMAN_DIR)
#   podman_api PATH [CURL-ARGS...]  raw API call through curl
#   podman_ping [HOST]    true when HOST (default $PH_PODMAN_HOST) answers /_ping
#   podman_image [REF]    import the busybox test image (default $PH_PODMAN_IMAGE)
#   podman_run NAME [OPTS... --] [CMD...]
#                         podman run -d --network none with the ulimits this
#                         VM needs, --name NAME OPTS IMAGE CMD (CMD defaults
#                         to sleep 1000000); prints the id
#   podman_need           for test scripts: start a private service in a new
#                         directory, stop it on EXIT (a script that sets its
#                         own EXIT trap calls podman_cleanup in it), import
#                         the image. Without podman or when it cannot run:
#                         TAP skip-all saying why, or "Bail out!" when CI=true
#                         or PORTHOLE_REQUIRE_ENGINE=1.
#
# Containers need --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 on these
# VMs (podman_run passes them). Files podman writes outside DIR whatever it is
# told: its blob-info cache (/var/lib/containers/cache) on an image import,
# and empty lock files of the network backend.

PH_PODMAN_IMAGE=${PH_PODMAN_IMAGE:-localhost/porthole-test:busybox}

_podman_log() { printf 'podman: %s\n' "$*" >&2; }

# True when PID runs (a zombie does not).
_podman_alive() {
	local st
	st=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
	st=${st##*) }
	[ "${st%% *}" != Z ]
}

# _podman_cmd DIR: sets _PODMAN_CMD to the podman command line that keeps
# podman (and its OCI runtime) inside DIR: configuration files from DIR only
# (not /etc/containers nor /usr/share/containers), and the global flags.
_podman_cmd() {
	local d=$1
	_PODMAN_CMD=(env CONTAINERS_CONF="$d/containers.conf" CONTAINERS_STORAGE_CONF="$d/storage.conf"
		CONTAINERS_REGISTRIES_CONF="$d/registries.conf" TMPDIR="$d/tmp"
		podman --root "$d/root" --runroot "$d/run" --tmpdir "$d/tmp"
		--storage-driver vfs --events-backend file --cgroup-manager cgroupfs
		--network-config-dir "$d/net" --volumepath "$d/volumes"
		--runtime-flag "root=$d/runtime")
}

podman_cli() {
	local _PODMAN_CMD
	_podman_cmd "${PH_PODMAN_DIR:?podman_start first}"
	"${_PODMAN_CMD[@]}" "$@"
}

podman_ping() {
	local host=${1:-${PH_PODMAN_HOST:-}}
	case $host in
	unix://*) curl -sf -m 3 --unix-socket "${host#unix://}" http://d/_ping ;;
	*) return 1 ;;
	esac >/dev/null 2>&1
}

podman_api() {
	local path=$1
	shift
	curl -sS -m 30 --unix-socket "${PH_PODMAN_HOST#unix://}" "$@" "http://d$path"
}

podman_start() {
	local d=${1%/} sock pid i _PODMAN_CMD
	case $d in /*) ;; *) _podman_log "podman_start: DIR must be absolute"; return 1 ;; esac
	sock=$d/podman.sock
	if [ ${#sock} -ge 107 ]; then
		_podman_log "socket path too long (${#sock} bytes): $sock"
		return 1
	fi
	export PH_PODMAN_DIR=$d PH_PODMAN_HOST=unix://$sock
	podman_ping && return 0
	[ "$(id -u)" = 0 ] || { _podman_log "a private podman service needs root here"; return 1; }
	command -v podman >/dev/null || { _podman_log "podman not installed (apt-get install podman)"; return 1; }
	mkdir -p "$d/root" "$d/run" "$d/tmp" "$d/net" "$d/volumes" "$d/runtime" || return 1
	printf '%s\n' '[engine]' 'cgroup_manager = "cgroupfs"' 'events_logger = "file"' \
		"events_logfile_path = \"$d/tmp/events.log\"" >"$d/containers.conf"
	printf '%s\n' '[storage]' 'driver = "vfs"' "runroot = \"$d/run\"" \
		"graphroot = \"$d/root\"" >"$d/storage.conf"
	printf '%s\n' 'unqualified-search-registries = []' >"$d/registries.conf"
	_podman_cmd "$d"
	# Close every inherited fd above 2: a pipe kept open by the service
	# would make whoever reads it (make, a test driver) wait forever.
	(
		for f in "/proc/$BASHPID/fd/"*; do
			f=${f##*/}
			[ "$f" -gt 2 ] 2>/dev/null && eval "exec $f>&-"
		done
		exec setsid "${_PODMAN_CMD[@]}" system service --time=0 "unix://$sock"
	) </dev/null >>"$d/service.log" 2>&1 &
	pid=$!
	echo "$pid" >"$d/pid"
	for ((i = 0; i < 150; i++)); do
		if podman_ping; then
			disown "$pid" 2>/dev/null
			return 0
		fi
		if ! _podman_alive "$pid"; then
			wait "$pid" 2>/dev/null
			break
		fi
		sleep 0.1
	done
	_podman_log "the podman service in $d did not answer /_ping; end of $d/service.log:"
	tail -n 20 "$d/service.log" | sed 's/^/  | /' >&2
	return 1
}

# Pids of everything DIR's service started: podman, conmon and runtime
# processes whose command line names DIR (the service, the monitors, podman
# cleanup) and all their descendants (the container processes).
_podman_procs() {
	local d=$1 p pid st name more=1 args=()
	local -A parent=() hit=()
	for p in /proc/[0-9]*; do
		pid=${p#/proc/}
		read -r st <"$p/stat" 2>/dev/null || continue
		st=${st##*) }
		st=${st#* }
		parent[$pid]=${st%% *}
		mapfile -d '' -t args <"$p/cmdline" 2>/dev/null || continue
		name=${args[0]:-}
		case ${name##*/} in podman | conmon | runc | crun | env | timeout) ;; *) continue ;; esac
		case " ${args[*]} " in *"$d/"*) hit[$pid]=1 ;; esac
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

podman_stop() {
	local d=${1%/} pid i m pids=() _PODMAN_CMD
	case $d in /tmp/?*) ;; *) _podman_log "podman_stop: refusing DIR '$d'"; return 1 ;; esac
	[ -d "$d" ] || return 0
	if [ -f "$d/containers.conf" ] && command -v podman >/dev/null; then
		_podman_cmd "$d"
		timeout 30 "${_PODMAN_CMD[@]}" rm -a -f -t 0 >/dev/null 2>&1
	fi
	pid=$(cat "$d/pid" 2>/dev/null)
	if [ -n "$pid" ] && _podman_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null
		for ((i = 0; i < 50; i++)); do
			_podman_alive "$pid" || break
			sleep 0.1
		done
	fi
	for ((i = 0; i < 10; i++)); do
		mapfile -t pids < <(_podman_procs "$d")
		[ ${#pids[@]} -eq 0 ] && break
		kill -KILL "${pids[@]}" 2>/dev/null
		sleep 0.2
	done
	# Deepest mount points first.
	awk -v d="$d" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo |
		sort -r | while read -r m; do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null
	done
	rm -rf "$d"
}

podman_image() {
	local ref=${1:-$PH_PODMAN_IMAGE} here
	podman_cli image exists "$ref" 2>/dev/null && return 0
	here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	"$here/assets/busybox-rootfs.sh" | podman_cli import -q -c 'CMD ["/bin/sh"]' - "$ref" >/dev/null
}

podman_run() {
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
	podman_cli run -d --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
		--stop-timeout 1 --name "$name" "${opts[@]}" "$PH_PODMAN_IMAGE" "$@"
}

_podman_need_fail() {
	if [ "${CI:-}" = true ] || [ "${PORTHOLE_REQUIRE_ENGINE:-}" = 1 ]; then
		echo "Bail out! podman: $*"
		exit 1
	fi
	echo "1..0 # SKIP podman: $*"
	exit 0
}

podman_cleanup() {
	if [ -n "${_PH_OWN_PODMAN:-}" ]; then
		podman_stop "$_PH_OWN_PODMAN" >/dev/null 2>&1
		_PH_OWN_PODMAN=
	fi
}

podman_need() {
	local d why
	[ "$(id -u)" = 0 ] || _podman_need_fail "a private podman service needs root"
	command -v podman >/dev/null || _podman_need_fail "podman not installed (apt-get install podman)"
	d=$(mktemp -d -p /tmp ph-pm.XXXXXX) || _podman_need_fail "mktemp failed"
	_PH_OWN_PODMAN=$d
	trap podman_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM
	if ! podman_start "$d" 2>"$d.err"; then
		t_diag "$(cat "$d.err")"
		why=$(grep -v '^[[:space:]]*$' "$d/service.log" 2>/dev/null | tail -n 1)
		[ -n "$why" ] || why=$(tail -n 1 "$d.err")
		rm -f "$d.err"
		_podman_need_fail "the podman service did not start: ${why#podman: }"
	fi
	rm -f "$d.err"
	if ! why=$(podman_image 2>&1); then
		t_diag "$why"
		_podman_need_fail "cannot import $PH_PODMAN_IMAGE: $(printf '%s\n' "$why" | tail -n 1)"
	fi
}
