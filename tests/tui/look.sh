#!/bin/bash
# look.sh: how the console shows what a tab prints, driven in tmux against
# the real engine and read back with capture-pane -e: 16 and 256 colours,
# RGB as the nearest palette entry (and as RGB on a direct-colour terminal,
# by its terminfo name or COLORTERM=truecolor), faint, concealed, struck and
# curly-underlined text; wide characters, an emoji and a combining mark
# in place; NO_COLOR set: no colour sequence at all; and the
# empty pane's hint wrapped to a narrow pane. On a failed check the screen is
# printed as diagnostics.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
command -v tic >/dev/null || t_skip_all "tic not installed"
infocmp tmux-256color >/dev/null 2>&1 || t_skip_all "no tmux-256color terminfo"
A=ph-look-a-$$
tui_begin "$A"
unset COLORTERM NO_COLOR
engine_run "$A" >/dev/null || t_bail "cannot start the container"

# A direct-colour description of tmux for the RGB checks (tmux-direct is
# not installed everywhere): RGB set and setaf/setab as ncurses' own
# xterm-direct writes them.
cat >"$tmp/direct.src" <<'TI'
tmux-direct|tmux with direct colour,
	RGB, colors#0x1000000, pairs#0x10000,
	setab=\E[%?%p1%{8}%<%t4%p1%d%e48\:2\:\:%p1%{65536}%/%d\:%p1%{256}%/%{255}%&%d\:%p1%{255}%&%d%;m,
	setaf=\E[%?%p1%{8}%<%t3%p1%d%e38\:2\:\:%p1%{65536}%/%d\:%p1%{256}%/%{255}%&%d\:%p1%{255}%&%d%;m,
	use=tmux-256color,
TI
tic -x -o "$tmp/terminfo" "$tmp/direct.src" 2>/dev/null || t_bail "tic cannot compile the direct-colour entry"

# ok_sgr DESC TEXT LINE: a check that tui_sgr_at TEXT prints LINE.
ok_sgr() {
	local got
	got=$(tui_sgr_at "$2" | tr '\n' ' ')
	if printf '%s\n' $got | grep -qxF -- "$3"; then
		t_pass "$1"
	else
		t_fail "$1"
		t_diag "at \"$2\": ${got:-not on the screen}; want $3"
	fi
}

# samples: in the shell tab, prints the samples: each word is made by
# printf from a format that is not itself the word, so the typed command
# line never matches.
samples() {
	tui_type "clear; printf '\\033[31mR%s \\033[0m\\033[38;5;208mP%s \\033[0m\\033[38;2;255;128;0mT%s \\033[0m\\033[38;2;14;0;0mG%s \\033[0m\\033[2mF%s \\033[0m\\033[8mH%s \\033[0m\\033[9mS%s \\033[0m\\033[4:3mU%s\\033[0m|\\n' 16 256 rgb grey faint hidden struck curly"
	tui_keys Enter
	TUI_QUIET=1 tui_wait '│R16 ' 10
}

# open_shell CMDLINE: starts the console with CMDLINE, opens a shell tab on
# $A and prints the samples.
open_shell() {
	tui_type "clear; $1; echo PH-EXIT=\$?"
	tui_keys Enter
	TUI_QUIET=1 tui_wait '^ containers' 15 || return 1
	TUI_QUIET=1 tui_select "$A" || return 1
	tui_keys Enter
	TUI_QUIET=1 tui_wait '│/ # ' 10 || return 1
	samples
}

quit_console() {
	tui_keys C-d
	TUI_QUIET=1 tui_wait " 0:$A shell \[exit" 10 >/dev/null
	tui_keys C-b q
	TUI_QUIET=1 tui_wait '^PH-EXIT=' 10 >/dev/null
}

# ---- a 256-colour terminal (tmux-256color) ----

tui_start -x 160 -y 40 "cd $(q "$tmp")"
open_shell "$(q "$P")" || t_diag "the shell tab did not show the samples"
ok_sgr "a 16-colour foreground is drawn as itself" R16 "fg=31"
ok_sgr "a 256-colour one too" P256 "fg=38;5;208"
ok_sgr "RGB #ff8000 as the nearest entry, 208" Trgb "fg=38;5;208"
ok_sgr "RGB #0e0000 as the nearest grey, 232" Ggrey "fg=38;5;232"
# (faint and concealed need the terminal model's bits for SGR 2 and 8)
ok_sgr "faint text is drawn dim" Ffaint "2"
tui_refresh
ok_is "$(printf '%s\n' "$TUI_SCREEN" | grep -c 'Hhidden')" 0 "concealed text is not shown"
ok_wait "(the rest of that line is)" '│R16 P256 Trgb Ggrey Ffaint +Sstruck Ucurly\|' 1
if infocmp -x tmux-256color | grep -q 'smxx='; then
	ok_sgr "struck text is drawn struck (the terminal's smxx)" Sstruck "9"
else
	t_skip "struck text: tmux-256color has no smxx here"
fi
if infocmp -x tmux-256color | grep -q 'Smulx='; then
	ok_sgr "a curly underline is drawn curly (the terminal's Smulx)" Ucurly "4:3"
else
	t_skip "curly underline: tmux-256color has no Smulx here"
fi
if infocmp -x tmux-256color | grep -q 'smxx='; then
	# Struck characters written over again without the attribute: curses
	# sees no change in them, the console must still unstrike them.
	tui_type "clear; printf '\\033[9mX%s\\033[0m\\r' again; read x; printf '\\033[AX%s\\n' again"
	tui_keys Enter
	ok_until "(struck once more)" 10 eval 'tui_sgr_at Xagain | grep -qx 9'
	tui_keys Enter
	TUI_QUIET=1 tui_wait '│/ # *│' 10 >/dev/null
	ok_until "written again without it, it is no longer struck" 5 eval '! tui_sgr_at Xagain | grep -qx 9'
fi
ok_until "the list's running mark is green" 5 eval '[ "$(tui_fg_at "● $A")" = 32 ]'
# Wide characters, an emoji and a combining mark: drawn as tmux draws
# them, and the rest of the row (the pane's right edge) stays in place.
tui_type "printf '\\346\\274\\242\\345\\255\\227|e\\314\\201|\\360\\237\\231\\202|W%s\\n' 1de"
tui_keys Enter
ok_wait "wide characters and a combining mark are drawn" '│漢字|é|🙂|W1de *│' 10
tui_refresh
edges=$(printf '%s\n' "$TUI_SCREEN" | python3 -c '
import sys, unicodedata
def col(line):
    w, seen = 0, 0
    for ch in line:
        if ch == "\u2502":
            seen += 1
            if seen == 2:
                return w
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return -1
rows = [l for l in sys.stdin.read().splitlines() if "# printf" in l or "W1de" in l]
print(" ".join(str(col(l)) for l in rows))')
set -- $edges
ok_is "${2:-none}" "${1:-none}" "the pane's edge after them is where it is on the other rows"
quit_console

# ---- direct colour ----

open_shell "TERMINFO=$(q "$tmp/terminfo") TERM=tmux-direct $(q "$P")" ||
	t_diag "the shell tab did not show the samples"
ok_sgr "on a direct-colour terminal RGB is drawn as RGB" Trgb "fg=38;2;255;128;0"
ok_sgr "and a 256-palette entry as its RGB" P256 "fg=38;2;255;135;0"
ok_sgr "while the first 8 stay palette colours" R16 "fg=31"
quit_console
open_shell "TERMINFO=$(q "$tmp/terminfo") COLORTERM=truecolor $(q "$P")" ||
	t_diag "the shell tab did not show the samples"
ok_sgr "COLORTERM=truecolor picks the terminal's -direct description" Trgb "fg=38;2;255;128;0"
quit_console

# ---- NO_COLOR ----

open_shell "NO_COLOR=1 $(q "$P")" || t_diag "the shell tab did not show the samples"
# Every SGR parameter on the screen, one a line.
all_sgr=$(tui_tmux capture-pane -p -e -t "$TUI_TARGET" | grep -o $'\e''\[[0-9;:]*m' | tr -d $'\e[m' | tr ';' '\n')
ok_is "$(printf '%s\n' "$all_sgr" | grep -Ec '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$')" 0 \
	"NO_COLOR: capture-pane -e shows no colour sequence"
ok_wait "(the samples and the list are there)" "^● $A +│R16 P256" 1
ok_sgr "attributes stay: the current tab is reversed" " 0:$A shell" "7"
quit_console
open_shell "NO_COLOR= $(q "$P")" || t_diag "the shell tab did not show the samples"
ok_sgr "an empty NO_COLOR is not set: colours" R16 "fg=31"
quit_console

# ---- the empty pane's hint fits a narrow pane ----

tui_tmux resize-window -t ph -x 70 -y 30
tui_type "clear; $(q "$P"); echo PH-EXIT=\$?"
tui_keys Enter
ok_wait "in a narrow pane the hint is wrapped: its first words" '│ +Select a container' 15
ok_wait "and its last words show too" '│ .*for help\. *│' 1
tui_refresh
w=$(tui_geometry | cut -d' ' -f2)
long=$(printf '%s\n' "$TUI_SCREEN" | awk -F'│' -v w="$w" 'NF >= 3 && length($2) > w { n++ } END { print n + 0 }')
ok_is "$long" 0 "no line of it runs past the pane ($w columns)"
tui_keys q
ok_wait "q quits" '^PH-EXIT=0$' 10

t_done
