#!/bin/bash
# build.sh [CONFIGURE-ARGS...]: regenerates the build system when needed,
# configures (again only when the arguments changed) and runs make. Builds out
# of tree, in $BUILD_DIR (default _build; e.g. BUILD_DIR=_build-asan).
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
bdir=${BUILD_DIR:-$src/_build}
mkdir -p "$bdir"
bdir=$(cd "$bdir" && pwd)

if [ ! -x "$src/configure" ] || [ "$src/configure.ac" -nt "$src/configure" ]; then
	(cd "$src" && ./autogen.sh)
fi

# The arguments quoted as config.status --config prints them.
want=
for a in "$@"; do
	q="'\\''"
	want="$want '${a//\'/$q}'"
done
want=${want# }

# Automake refuses an out-of-tree build beside a configured source tree.
if [ -f "$src/config.status" ] && [ "$bdir" != "$src" ]; then
	echo "build.sh: cleaning the in-tree build (builds go to $bdir)" >&2
	make -C "$src" distclean >/dev/null
fi

cd "$bdir"
if [ ! -f Makefile ] || [ ! -x config.status ] || [ "$(./config.status --config)" != "$want" ]; then
	"$src/configure" "$@"
fi
make -j"${JOBS:-2}"
