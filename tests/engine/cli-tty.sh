#!/bin/bash
# cli-tty.sh: `porthole exec -it` in a real terminal (tmux): the exec TTY has
# the terminal's size from the start and follows resizes; the local terminal
# is raw during the session and restored afterwards, also on SIGTERM.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
c=ph-tty-$$
. "$PH_SRCDIR/tests/engine/script.sh" "$c"
T="tmux -L ph-tty-$$"
script_on_exit 'tmux -L ph-tty-$$ kill-server 2>/dev/null; tmux -L ph-tty2-$$ kill-server 2>/dev/null'
script_on_exit 'rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/ph-tty-$$" "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/ph-tty2-$$"'
engine_run "$c" >/dev/null || t_bail "cannot start a container"
command -v tmux >/dev/null || t_bail "tmux is needed"

screen() { $T capture-pane -p -t w; }
wait_for() { # REGEX [tenths]
	local i
	for ((i = 0; i < ${2:-100}; i++)); do
		[[ $(screen) =~ $1 ]] && return 0
		sleep 0.1
	done
	t_diag "screen:" "$(screen)"
	return 1
}

$T new-session -d -s w -x 100 -y 30 "stty -a | grep -o -- '-\?icanon' | head -1 > /tmp/ph-tty-before-$$; DOCKER_HOST=$PH_ENGINE_HOST $P exec -it $c sh; echo PH-EXIT=\$?; stty -a | grep -o -- '-\?icanon' | head -1; sleep 60"
wait_for '/ #' ; t_check $? "an interactive sh prompt appears"
$T send-keys -t w 'stty size' Enter
wait_for '30 100' ; t_check $? "stty size is the terminal's size (30 100)"
$T resize-window -t w -x 80 -y 20
sleep 0.3
$T send-keys -t w 'clear; stty size' Enter
wait_for '20 80' ; t_check $? "after a resize stty size follows (20 80)"
$T send-keys -t w 'echo $TERM-$((3+4))' Enter
wait_for 'xterm[^ ]*-7|[a-z]+-7' ; t_check $? "typed commands run"
$T send-keys -t w 'exit 9' Enter
wait_for 'PH-EXIT=9' ; t_check $? "the exit status of the session is porthole's"
wait_for $'PH-EXIT=9\n-?icanon' ; t_check $? "a terminal mode line is printed after the session"
t_is "$(screen | grep -A1 PH-EXIT | tail -1)" "$(cat /tmp/ph-tty-before-$$)" "the terminal mode is restored (icanon as before)"
rm -f /tmp/ph-tty-before-$$
# A fresh server for the second part: tmux 3.3 can leave the socket of a
# killed server behind, and a new server on it then fails to start.
$T kill-server 2>/dev/null
T="tmux -L ph-tty2-$$"

$T new-session -d -s w -x 90 -y 25 "DOCKER_HOST=$PH_ENGINE_HOST $P exec -it $c sh -c 'sleep 1000'; echo PH-EXIT=\$?; stty -a | grep -o -- '-\?icanon' | head -1; sleep 60"
sleep 1
pkill -TERM -f "exec -it $c sh -c sleep 1000"
wait_for 'PH-EXIT=143' ; t_check $? "SIGTERM ends porthole exec -t with 143"
wait_for $'PH-EXIT=143\nicanon' ; t_check $? "and the terminal is back in canonical mode"
t_is "$(engine_docker top "$c" -o pid,stat,args | grep -v ' Z' | grep -c 'sleep 1000$')" 0 "the process in the container was stopped"
t_done
