#!/bin/bash
# version.sh: `porthole --version` (and -V) names porthole's version and
# each library's: ncurses, libcurl and cJSON as they report themselves at run
# time, libvterm as configure found it (pkg-config).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
P=${PORTHOLE:?}

out=$("$P" --version); rc=$?
t_is "$rc" 0 "--version exits 0"
t_like "$(head -n 1 <<<"$out")" "^porthole [0-9]+\.[0-9]+(\.[0-9]+)?" "the first line is porthole's version"
t_like "$out" $'\n'"  ncurses [0-9]+\.[0-9]+(\.[0-9]+)?" "it names ncurses' version"
t_like "$out" $'\n'"  libcurl [0-9]+\.[0-9]+\.[0-9]+" "it names libcurl's version"
t_like "$out" $'\n'"  cJSON [0-9]+\.[0-9]+\.[0-9]+" "it names cJSON's version"
t_like "$out" $'\n'"  libvterm [0-9]+\.[0-9]+(\.[0-9]+)? \(the version built against\)" \
	"it names libvterm's build-time version and says so"
if command -v pkg-config >/dev/null && v=$(pkg-config --modversion vterm 2>/dev/null); then
	t_like "$out" "libvterm ${v//./\\.} " "libvterm's is pkg-config's"
else
	t_skip "no pkg-config for libvterm" "libvterm's is pkg-config's"
fi
t_is "$("$P" -V)" "$out" "-V prints the same"
t_done
