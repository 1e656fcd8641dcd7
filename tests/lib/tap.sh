# tap.sh: TAP helpers for the shell tests (automake's tap-driver reads them).
# Source it, call the t_* checks and end with t_done, which prints the plan
# 1..N. Diagnostics go to stdout as "# ..." lines.
#
#   t_ok DESC CMD...       passes when CMD exits 0 (its output shown on failure)
#   t_nok DESC CMD...      passes when CMD exits non-zero
#   t_check STATUS DESC    passes when STATUS is 0 (e.g. t_check $? "...")
#   t_is GOT WANT DESC     string equality
#   t_isnt GOT UNWANTED DESC
#   t_like GOT REGEX DESC  bash extended regex match ([[ =~ ]])
#   t_unlike GOT REGEX DESC
#   t_pass DESC / t_fail DESC / t_skip REASON [DESC]
#   t_diag TEXT...         each argument, each line of it, as a "# " comment
#   t_skip_all REASON / t_bail REASON

T_N=0
T_FAILED=0

t_diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# _t_report STATUS DESC: prints the ok / not ok line, returns STATUS.
_t_report() {
	local desc=${2//#/\\#}
	T_N=$((T_N + 1))
	if [ "$1" = 0 ]; then
		printf 'ok %d - %s\n' "$T_N" "$desc"
	else
		printf 'not ok %d - %s\n' "$T_N" "$desc"
		T_FAILED=$((T_FAILED + 1))
	fi
	return "$1"
}

t_pass() { _t_report 0 "$1"; }
t_fail() { _t_report 1 "$1"; }

t_check() {
	local rc=$1
	[ "$rc" = 0 ] || rc=1
	_t_report "$rc" "$2" || t_diag "exit status: $1"
}

t_ok() {
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	[ "$rc" = 0 ] && { _t_report 0 "$desc"; return 0; }
	_t_report 1 "$desc"
	t_diag "command: $*" "exit status: $rc"
	[ -n "$out" ] && t_diag "output:" "$out"
	return 1
}

t_nok() {
	local desc=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	[ "$rc" != 0 ] && { _t_report 0 "$desc"; return 0; }
	_t_report 1 "$desc"
	t_diag "command: $*" "exit status: 0 (wanted non-zero)"
	[ -n "$out" ] && t_diag "output:" "$out"
	return 1
}

t_is() {
	[ "$1" = "$2" ] && { _t_report 0 "$3"; return 0; }
	_t_report 1 "$3"
	t_diag "     got: '$1'" "expected: '$2'"
	return 1
}

t_isnt() {
	[ "$1" != "$2" ] && { _t_report 0 "$3"; return 0; }
	_t_report 1 "$3"
	t_diag "     got: '$1'" "expected anything else"
	return 1
}

t_like() {
	[[ $1 =~ $2 ]] && { _t_report 0 "$3"; return 0; }
	_t_report 1 "$3"
	t_diag "     got: '$1'" "expected to match: $2"
	return 1
}

t_unlike() {
	[[ $1 =~ $2 ]] || { _t_report 0 "$3"; return 0; }
	_t_report 1 "$3"
	t_diag "     got: '$1'" "expected not to match: $2"
	return 1
}

t_skip() {
	local desc=${2:-$1}
	T_N=$((T_N + 1))
	printf 'ok %d - %s # SKIP %s\n' "$T_N" "${desc//#/\\#}" "$1"
}

t_skip_all() {
	printf '1..0 # SKIP %s\n' "$1"
	exit 0
}

t_bail() {
	printf 'Bail out! %s\n' "$1"
	exit 1
}

# Exits 1 when a check failed, except under automake's tap-driver (it sets
# AM_TAP_AWK), which counts the "not ok" lines and would add an error for
# the exit status on top.
t_done() {
	printf '1..%d\n' "$T_N"
	[ "$T_FAILED" = 0 ] && exit 0
	t_diag "failed $T_FAILED of $T_N"
	[ -n "${AM_TAP_AWK:-}" ] && exit 0
	exit 1
}
