# sshd.sh: a private sshd on 127.0.0.1 for the ssh:// tests. Source it
# (bash) after tests/lib/engine.sh and tap.sh, with tmp set:
#
#   sshd_need            bail (CI, PORTHOLE_REQUIRE_ENGINE) or skip all when
#                        sshd, ssh, ssh-keygen or root is missing
#   sshd_start DIR       keys, configuration and an sshd of its own in DIR,
#                        on a free port; the far side's docker CLI finds the
#                        test engine through DOCKER_HOST, which sshd sets.
#                        Exports PORTHOLE_SSH_COMMAND ("ssh -F DIR/ssh_config")
#                        and SSHD_HOST, the alias to use (ssh://ph-ssh-test).
#                        0 once a login works, else 1.
#   sshd_stop            ends it (call from the script's EXIT cleanup)

sshd_need() {
	local sshd
	sshd=$(command -v sshd || echo /usr/sbin/sshd)
	if [ ! -x "$sshd" ] || ! command -v ssh >/dev/null || ! command -v ssh-keygen >/dev/null ||
	    [ "$(id -u)" != 0 ]; then
		if [ "${CI:-}" = true ] || [ "${PORTHOLE_REQUIRE_ENGINE:-}" = 1 ]; then
			t_bail "sshd, ssh or root is missing (scripts/install-deps.sh installs openssh-server)"
		fi
		t_skip_all "sshd, ssh or root is missing"
	fi
}

sshd_start() {
	local d=$1 port i sshd
	sshd=$(command -v sshd || echo /usr/sbin/sshd)
	mkdir -p "$d" /run/sshd
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	ssh-keygen -q -t ed25519 -N '' -f "$d/host_key" && ssh-keygen -q -t ed25519 -N '' -f "$d/client_key" || return 1
	cp "$d/client_key.pub" "$d/authorized_keys"
	cat >"$d/sshd_config" <<CFG
Port $port
ListenAddress 127.0.0.1
HostKey $d/host_key
PidFile $d/sshd.pid
AuthorizedKeysFile $d/authorized_keys
PermitRootLogin prohibit-password
PasswordAuthentication no
KbdInteractiveAuthentication no
StrictModes no
UsePAM no
SetEnv DOCKER_HOST=$PH_ENGINE_HOST
CFG
	cat >"$d/ssh_config" <<CFG
Host ph-ssh-test
	HostName 127.0.0.1
	Port $port
	User root
	IdentityFile $d/client_key
	IdentitiesOnly yes
	UserKnownHostsFile /dev/null
	StrictHostKeyChecking no
	LogLevel ERROR
CFG
	"$sshd" -D -f "$d/sshd_config" -E "$d/sshd.log" &
	_sshd_pid=$!
	export PORTHOLE_SSH_COMMAND="ssh -F $d/ssh_config" SSHD_HOST=ph-ssh-test SSHD_PORT=$port SSHD_DIR=$d
	for i in $(seq 1 50); do
		ssh -F "$d/ssh_config" ph-ssh-test true 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

sshd_stop() {
	[ -n "${_sshd_pid:-}" ] || return 0
	kill "$_sshd_pid" 2>/dev/null
	wait "$_sshd_pid" 2>/dev/null
	_sshd_pid=
}
