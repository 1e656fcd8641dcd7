#!/bin/bash
# copy.sh: copy mode in the console against the real engine (C-b [, the vi
# keys of tmux's copy-mode-vi): the indicator, motions, a search with its
# count and a repeat, a selection copied into a paste buffer, C-b ] pasting
# it into the shell (which runs it), output arriving while in copy mode not
# moving the view, a search that finds nothing, q back to the live
# screen, set clipboard on sending a copy to the outer terminal (OSC 52),
# the prefix's commands keeping copy mode (help, C-b :, C-b =, C-b C-b
# sending C-b to the shell) unless they change the tab or the pane's view,
# and a pane resize keeping copy mode on the same text.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$PH_SRCDIR/tests/lib/tap.sh"
. "$PH_SRCDIR/tests/lib/engine.sh"
. "$PH_SRCDIR/tests/tui/lib.sh"
A=ph-copy-$$
tui_begin "$A"
engine_run "$A" >/dev/null || t_bail "cannot start the container"

tui_start -x 160 -y 45 "$(q "$P"); echo PH-EXIT=\$?"
tui_wait '^ containers' 15 >/dev/null
TUI_QUIET=1 tui_select "$A" >/dev/null
tui_keys Enter
ok_wait "a shell tab" '│/ # ' 10
tui_type 'seq 1 300; echo alpha beta gamma; echo needle one; echo needle two'
tui_keys Enter
ok_wait "its output" '│needle two +│' 10
tui_keys C-b '['
ok_wait "C-b [ enters copy mode: the indicator (lines above, of all)" '\[copy 0/[0-9]+\]' 5
tui_keys k k k
ok_gone "k moves up, the view stays (no output moves it)" 'zzz-never' 1
tui_keys g
ok_wait "g: the top of the history, the indicator says so" '\[copy ([0-9]+)/\1\]' 5
ok_wait "and the oldest lines show" '│1 +│' 5
tui_keys G
ok_wait "G: back to the bottom" '\[copy 0/[0-9]+\]' 5
tui_keys '?'
ok_wait "? asks for a pattern (search up)" '^\(search up\)' 5
tui_type 'needle'
tui_keys Enter
ok_wait "the search finds it and counts the matches (the typed line has two)" 'match [0-9] of 4' 5
tui_keys n
ok_wait "n goes to the next one" 'match [0-9]+ of [0-9]+' 5
tui_keys '/'
tui_type 'no-such-text-anywhere'
tui_keys Enter
ok_wait "a pattern found nowhere says so" 'not found' 5
tui_keys '?'
tui_type 'alpha'
tui_keys Enter
ok_wait "search up for alpha: the output's, the second of two" 'match 2 of 2' 5
tui_keys 0 Space e e e
tui_keys y
ok_wait "0 Space e e e y: the selection is copied" 'copied 16 bytes to buffer 0' 5
ok_gone "and copy mode is left" '\[copy ' 5
tui_type 'echo got '
tui_keys C-b ']'
ok_wait "C-b ] pastes it into the shell's line" '│/ # echo got alpha beta gamma +│' 5
tui_keys Enter
ok_wait "which runs it" '│got alpha beta gamma +│' 5

# Output while in copy mode does not move what is shown.
tui_type 'sleep 1; seq 1000 1100'
tui_keys Enter
tui_keys C-b '['
ok_wait "copy mode again" '\[copy 0/[0-9]+\]' 5
sleep 2.5
ok_gone "the output that came meanwhile is not on screen" '│1100 +│' 1
tui_keys q
ok_gone "q leaves" '\[copy ' 5
ok_wait "the live screen has it" '│1100 +│' 5
tui_keys C-b ']'
ok_wait "the buffer pastes again" '│/ # alpha beta gamma' 5
tui_keys C-u

# set clipboard on: a copy also reaches the outer terminal (here tmux, told
# to take OSC 52 from its panes) as its paste buffer.
tui_tmux set -g set-clipboard on
tui_tmux delete-buffer 2>/dev/null
tui_keys C-b :
tui_type 'set clipboard on'
tui_keys Enter
tui_keys C-b '['
tui_keys '?'
tui_type 'needle two'
tui_keys Enter
ok_wait "copy mode on 'needle two'" 'match [0-9] of [0-9]+' 5
tui_keys V y
ok_wait "V y copies the line, and says it went to the clipboard" 'copied [0-9]+ bytes to buffer 0 .*and to the clipboard' 5
ok_until "the outer terminal's clipboard has it (OSC 52)" 5 eval '[ "$(tui_tmux show-buffer 2>/dev/null)" = "needle two" ]'

# C-b = lists the buffers, newest first; a digit pastes that one.
tui_keys C-b =
ok_wait "C-b = lists the paste buffers" 'buffer0: [0-9]+ bytes: needle two' 5
ok_wait "the older one below it" 'buffer1: [0-9]+ bytes: alpha beta gamma' 5
tui_keys 1
ok_gone "a digit closes the list" 'buffer0: ' 5
ok_wait "and pastes that buffer" '│/ # alpha beta gamma' 5
tui_keys C-u
tui_keys C-b =
tui_keys q
ok_gone "another key closes it without pasting" 'buffer0: ' 5

# The prefix in copy mode, as in tmux: its command runs and copy mode stays
# unless the command changes the tab or what the pane shows.
tui_type 'echo abc'
tui_keys C-b '['
tui_keys C-u
ok_wait "copy mode, half a page up" '\[copy [1-9][0-9]*/[0-9]+\]' 5
ind=$(printf '%s\n' "$TUI_SCREEN" | grep -Eo '\[copy [0-9]+/[0-9]+\]' | head -n 1)
tui_keys C-b '?'
ok_wait "C-b ? shows the help over copy mode" 'porthole keys' 5
tui_keys Space
ok_wait "a key closes it: copy mode is still there, where it was" "$(printf '%s' "$ind" | sed 's/[][]/\\&/g')" 5
tui_keys C-b :
tui_type 'set clipboard off'
tui_keys Enter
ok_wait "a command at C-b : keeps copy mode" "$(printf '%s' "$ind" | sed 's/[][]/\\&/g')" 5
tui_keys C-b =
ok_wait "C-b = lists the buffers over it" 'buffer0: ' 5
tui_keys q
ok_gone "q closes the list" 'buffer0: ' 5
ok_wait "and copy mode is still there" "$(printf '%s' "$ind" | sed 's/[][]/\\&/g')" 5
tui_keys j
ok_wait "its keys still work" '\[copy [0-9]+/[0-9]+\]' 5
tui_keys C-b C-b
ok_wait "C-b C-b keeps copy mode" '\[copy [0-9]+/[0-9]+\]' 5
tui_keys q
ok_gone "q leaves" '\[copy ' 5
tui_type 'X'
tui_keys Enter
ok_wait "C-b C-b sent C-b to the shell (a character back)" '^[^│]*│abXc +│' 5
tui_keys C-b '['
tui_keys C-b c
ok_wait "C-b c: a new tab" '│/ # +│' 10
ok_gone "copy mode is left with its tab" '\[copy ' 5
tui_type 'exit'
tui_keys Enter
ok_wait "the new tab's shell ends" ' 1:[^ ]+ shell \[exit 0\]' 10
tui_keys C-b x
ok_gone "and C-b x closes it" ' 1:[^ ]+ shell' 5
tui_keys C-b '['
tui_keys C-b :
tui_type 'scroll'
tui_keys Enter
ok_gone "a command that changes the pane's view (scroll) leaves copy mode" '\[copy ' 5
tui_keys q

# A pane resize keeps copy mode, on the same text: the view's top line, the
# cursor's character (in a line that wraps at both widths), the search.
pane_row() { printf '%s\n' "$TUI_SCREEN" | sed -n "$(($1 + 1))p" | awk -F'│' '{ print $2 }' | sed 's/ *$//'; }
tui_type 'seq -s , 1 40; seq 2001 2030'
tui_keys Enter
ok_wait "a line longer than the pane, lines under it" '│2030 +│' 5
tui_keys C-b '['
tui_keys '?'
tui_type '39,40'
tui_keys Enter
ok_wait "copy mode on 39 in the long line" 'match 1 of 1' 5
tui_keys C-y C-y
ok_wait "the view two lines up" '\[copy 2/[0-9]+\]' 5
top=$(pane_row 1)
top=${top%%\[copy*}
top=${top%"${top##*[! ]}"}
tui_tmux resize-window -t ph -x 130 -y 40
ok_until "the pane is narrower and shorter" 10 eval '[ "$(tui_geometry)" = "38 62" ]'
ok_wait "copy mode stays through the resize" '\[copy [0-9]+/[0-9]+\]' 5
got=$(pane_row 1)
got=${got%%\[copy*}
got=${got%"${got##*[! ]}"}
ok_is "$got" "$top" "the view's top line is the same text"
tui_keys Space l y
ok_wait "a copy from the cursor: copy mode was on the same character" 'copied 2 bytes' 5
tui_keys C-b =
ok_wait "the cursor had stayed on 39" 'buffer0: 2 bytes: 39' 5
tui_keys q
tui_keys C-b '['
tui_keys '?'
tui_type 'needle'
tui_keys Enter
ok_wait "a search" 'match [0-9] of 4' 5
tui_tmux resize-window -t ph -x 160 -y 45
ok_until "the pane is back to its size" 10 eval '[ "$(tui_geometry)" = "43 86" ]'
tui_keys n
ok_wait "its matches are found again after the resize" 'match [0-9] of 4' 5
tui_keys q
ok_gone "q leaves" '\[copy ' 5

# set mode-keys emacs: tmux's emacs table, Meta keys included.
tui_keys C-b :
tui_type 'set mode-keys emacs'
tui_keys Enter
tui_keys C-b '['
ok_wait "emacs keys: copy mode" '\[copy 0/[0-9]+\]' 5
tui_keys C-r
ok_wait "C-r asks for a pattern (search up)" '^\(search up\)' 5
tui_type 'alpha'
tui_keys Enter
ok_wait "and finds it" 'match [0-9] of [0-9]+' 5
tui_keys C-Space M-f M-w
ok_wait "C-Space M-f M-w copies a word" 'copied 5 bytes to buffer 0' 5
ok_gone "and leaves copy mode" '\[copy ' 5
tui_keys C-b '['
tui_keys M-'<'
ok_wait "M-< goes to the top" '\[copy ([0-9]+)/\1\]' 5
tui_keys C-g q
ok_gone "C-g then q leaves" '\[copy ' 5
tui_keys C-b '['
tui_keys Escape
ok_gone "Escape alone leaves too (emacs)" '\[copy ' 5
tui_keys C-b ']'
ok_wait "the word pastes" '│/ # alpha *(│|$)' 5
tui_keys C-u

tui_keys C-b q
tui_keys y
ok_wait "the console quits" 'PH-EXIT=0' 10
t_done
