#!/bin/bash
# install-deps.sh: installs what porthole needs to build and test on Debian
# or Ubuntu (compiler, autotools, libraries, dockerd, busybox, tmux, clang).
# Does nothing when everything is there already; safe to run with no stdin.
set -u

pkgs=(build-essential autoconf automake libtool pkg-config libncurses-dev
	libcurl4-openssl-dev libcjson-dev libvterm-dev docker.io busybox-static
	tmux curl clang libclang-rt-14-dev python3 openssl podman vttest)

missing=()
if command -v dpkg-query >/dev/null; then
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && exit 0
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
	echo "install-deps: not a Debian-like system; install the equivalents of:" >&2
	echo "  ${pkgs[*]}" >&2
	exit 0
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages; as root run:" >&2
	echo "  apt-get install ${missing[*]}" >&2
	exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -qq update </dev/null >&2 || exit 1
apt-get -qq -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	install "${missing[@]}" </dev/null >&2 || exit 1
