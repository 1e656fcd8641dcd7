# script.sh: the start that the scripts of tests/engine share. Source it,
# under bash, with the names of the containers the script will make:
#
#   . "$PH_SRCDIR/tests/engine/script.sh" NAME...
#
# It loads the TAP helpers (tests/lib/tap.sh) and the engine harness
# (tests/lib/engine.sh), takes the suite's engine or starts a private one
# (engine_need), sets P to the porthole binary and tmp to a new scratch
# directory, and on EXIT (also after HUP, INT or TERM) runs what
# script_on_exit was given, removes the named containers and tmp, and stops
# a private engine.
#
#   script_on_exit CMD   one more cleanup command (run first, in order)

. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"

_script_ctrs=("$@")
_script_extra=()
script_on_exit() { _script_extra+=("$1"); }

_script_finish() {
	local cmd
	for cmd in "${_script_extra[@]}"; do
		eval "$cmd"
	done
	[ "${#_script_ctrs[@]}" -gt 0 ] && engine_docker rm -f "${_script_ctrs[@]}" >/dev/null 2>&1
	rm -rf "$tmp"
	engine_cleanup
}

engine_need
P=${PORTHOLE:?}
tmp=$(mktemp -d)
engine_trap _script_finish
