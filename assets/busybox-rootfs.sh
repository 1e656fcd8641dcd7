#!/bin/bash
# busybox-rootfs.sh: the recipe of porthole's demo and test image. Writes a
# tar of a tiny root file system to stdout: a static busybox with one link
# per applet, /etc/passwd with root (0) and nobody (65534), /etc/group, an
# empty /tmp (1777). No registry needed: import it with
#   assets/busybox-rootfs.sh | docker import -c 'CMD ["/bin/sh"]' - NAME:TAG
set -eu
bb=/bin/busybox
[ -x "$bb" ] || bb=$(command -v busybox) || bb=
if [ -z "$bb" ] || ldd "$bb" >/dev/null 2>&1; then
	echo "busybox-rootfs: no static busybox: install busybox-static" >&2
	exit 1
fi
root=$(mktemp -d -p "${TMPDIR:-/tmp}" ph-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
chmod 755 "$root" # it becomes the image's /: mktemp made it 0700
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/proc" "$root/sys" "$root/dev"
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
# One link per applet; python3 makes the ~400 links in one process.
if command -v python3 >/dev/null; then
	"$bb" --list | python3 -c 'import os, sys
for a in sys.stdin.read().split():
    if a != "busybox":
        os.symlink("busybox", os.path.join(sys.argv[1], a))' "$root/bin"
else
	for a in $("$bb" --list); do
		[ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
	done
fi
printf '%s\n' 'root:x:0:0:root:/root:/bin/sh' \
	'nobody:x:65534:65534:nobody:/nonexistent:/bin/sh' >"$root/etc/passwd"
printf '%s\n' 'root:x:0:' 'nogroup:x:65534:' >"$root/etc/group"
tar -C "$root" --numeric-owner --owner=0 --group=0 -c .
