# podman.sh: a private Podman API service (`podman system service`) for the
# tests, next to (never instead of) the machine's own podman: its storage,
# run state, runtime state, temporary files, network config, events log and
# configuration all live under one short directory in /tmp. Source it (it
# sources tests/lib/engine.sh, whose _engine_* helpers it shares).
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

# shellcheck source=tests/lib/engine.sh
. "$(dirname "${BASH_SOURCE[0]}")/engine.sh"

PH_PODMAN_IMAGE=${PH_PODMAN_IMAGE:-localhost/porthole-test:busybox}

_podman_log() { printf 'podman: %s\n' "$*" >&2; }

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

podman_ping() { engine_ping "${1:-${PH_PODMAN_HOST:-}}"; }

podman_api() {
	local path=$1
	shift
	curl -sS -m 30 --unix-socket "${PH_PODMAN_HOST#unix://}" "$@" "http://d$path"
}

podman_start() {
	local d=${1%/} sock pid _PODMAN_CMD
	case $d in /*) ;; *) _podman_log "podman_start: DIR must be absolute"; return 1 ;; esac
	sock=$d/podman.sock
	_engine_sock_ok _podman_log "$sock" || return 1
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
	_engine_spawn "$d/service.log" setsid "${_PODMAN_CMD[@]}" system service --time=0 "unix://$sock"
	pid=$!
	echo "$pid" >"$d/pid"
	_engine_wait "$pid" "$PH_PODMAN_HOST" 150 0.1 "$d/service.log" \
		"podman: the podman service in $d did not answer /_ping"
}

podman_stop() {
	local d=${1%/} pid i _PODMAN_CMD
	case $d in /tmp/?*) ;; *) _podman_log "podman_stop: refusing DIR '$d'"; return 1 ;; esac
	[ -d "$d" ] || return 0
	if [ -f "$d/containers.conf" ] && command -v podman >/dev/null; then
		_podman_cmd "$d"
		timeout 30 "${_PODMAN_CMD[@]}" rm -a -f -t 0 >/dev/null 2>&1
	fi
	pid=$(cat "$d/pid" 2>/dev/null)
	if [ -n "$pid" ] && _engine_alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null
		for ((i = 0; i < 50; i++)); do
			_engine_alive "$pid" || break
			sleep 0.1
		done
	fi
	# Everything DIR's service started: podman, conmon and runtime processes
	# whose command line names DIR (the service, the monitors, podman
	# cleanup), and the container processes below them.
	_engine_wipe "$d" 'podman|conmon|runc|crun|env|timeout' "$d/"
}

podman_image() {
	local ref=${1:-$PH_PODMAN_IMAGE}
	podman_cli image exists "$ref" 2>/dev/null && return 0
	_engine_rootfs | podman_cli import -q -c 'CMD ["/bin/sh"]' - "$ref" >/dev/null
}

podman_run() {
	local name=$1 opts=() cmd=()
	shift
	_engine_run_args "$@"
	podman_cli run -d --network none --ulimit nofile=1024:1024 --ulimit nproc=1024:1024 \
		--stop-timeout 1 --name "$name" "${opts[@]}" "$PH_PODMAN_IMAGE" "${cmd[@]}"
}

_podman_need_fail() { _engine_skip_or_bail "podman: $*"; }

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
	engine_trap podman_cleanup
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
