#!/bin/bash
# test.sh [--asan]: installs the dependencies, builds, starts one private
# dockerd for the whole suite, runs `make check` and prints the logs of the
# failed tests. The last line is always "N passed, M failed[, K skipped]".
# Builds out of tree in _build (warnings are errors there); --asan builds in
# _build-asan with ASan and UBSan and tests there.
set -u

src=$(cd "$(dirname "$0")/.." && pwd)
asan=0
for a in "$@"; do
	case $a in
	--asan) asan=1 ;;
	*) echo "usage: scripts/test.sh [--asan]" >&2; exit 2 ;;
	esac
done

"$src/scripts/install-deps.sh" || exit 1

if [ "$asan" = 1 ]; then
	bdir=$src/_build-asan
	export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
	export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
	BUILD_DIR=$bdir "$src/scripts/build.sh" --enable-asan --enable-ubsan
else
	bdir=$src/_build
	BUILD_DIR=$bdir "$src/scripts/build.sh" --enable-werror
fi || {
	echo "test.sh: the build failed" >&2
	echo "0 passed, 1 failed"
	exit 1
}

. "$src/tests/lib/engine.sh"
edir=$(mktemp -d -p /tmp ph-test.XXXX) || exit 1
stamp=$edir/stamp
cleanup() {
	if [ -n "$edir" ]; then
		cp "$edir/dockerd.log" "$bdir/test-dockerd.log" 2>/dev/null
		engine_stop "$edir" >/dev/null 2>&1
		edir=
	fi
}
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

export PORTHOLE_REQUIRE_ENGINE=1
if engine_start "$edir" && engine_image "$edir"; then
	export PORTHOLE_TEST_HOST=$PH_ENGINE_HOST PORTHOLE_TEST_DIR=$edir
elif [ "${CI:-}" = true ]; then
	echo "test.sh: no engine: the engine tests will fail" >&2
else
	echo "test.sh: no engine: the engine tests will be skipped" >&2
	unset PORTHOLE_REQUIRE_ENGINE
fi

touch "$stamp"
make -C "$bdir" -j"${JOBS:-2}" -k check
rc=$?

mapfile -t bad < <(find "$bdir/tests" -name '*.trs' -newer "$stamp" \
	-exec grep -lE '^:test-result: (FAIL|XPASS|ERROR)' {} + 2>/dev/null | sort)
for trs in "${bad[@]}"; do
	echo "==================== ${trs%.trs}.log"
	cat "${trs%.trs}.log"
done
[ ${#bad[@]} -eq 0 ] || echo "(engine log: $bdir/test-dockerd.log)"

summary=$("$src/scripts/tap-summary.sh" "$bdir" "$stamp") || rc=1
cleanup
echo "$summary"
exit "$rc"
