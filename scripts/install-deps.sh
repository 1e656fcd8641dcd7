#!/bin/bash
# install-deps.sh: installs what porthole needs to build and test on Debian
# or Ubuntu (compiler, autotools, libraries, dockerd, busybox, tmux, clang,
# node), and the MCP SDK the MCP server's tests drive it with (from npm, the
# version tests/mcp/package.json pins, into tests/mcp/node_modules).
# Does nothing when everything is there already; safe to run with no stdin.
set -u
src=$(cd "$(dirname "$0")/.." && pwd)

# The MCP SDK, once node is there.
npm_deps() {
	[ -f "$src/tests/mcp/node_modules/@modelcontextprotocol/sdk/package.json" ] && return 0
	command -v npm >/dev/null || { echo "install-deps: no npm: the MCP tests cannot run" >&2; return 0; }
	echo "install-deps: installing the MCP SDK for the tests (npm)" >&2
	(cd "$src/tests/mcp" && npm install --no-audit --no-fund --no-package-lock --loglevel=error \
		</dev/null >&2) || { echo "install-deps: npm install failed" >&2; return 1; }
}

pkgs=(build-essential autoconf automake libtool pkg-config libncurses-dev
	libcurl4-openssl-dev libcjson-dev libvterm-dev docker.io busybox-static
	tmux curl clang libclang-rt-14-dev python3 openssl podman vttest asciinema
	openssh-server openssh-client)
# node may come with the machine rather than from Debian.
command -v node >/dev/null && command -v npm >/dev/null || pkgs+=(nodejs npm)

missing=()
if command -v dpkg-query >/dev/null; then
	for p in "${pkgs[@]}"; do
		dpkg-query -W -f '${Status}\n' "$p" 2>/dev/null | grep -q ' installed$' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && { npm_deps; exit; }
fi

if ! command -v apt-get >/dev/null || ! command -v dpkg-query >/dev/null; then
	echo "install-deps: not a Debian-like system; install the equivalents of:" >&2
	echo "  ${pkgs[*]}" >&2
	npm_deps
	exit
fi
if [ "$(id -u)" != 0 ]; then
	echo "install-deps: missing packages; as root run:" >&2
	echo "  apt-get install ${missing[*]}" >&2
	npm_deps
	exit
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get -qq update </dev/null >&2 || exit 1
apt-get -qq -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	install "${missing[@]}" </dev/null >&2 || exit 1
npm_deps
