/* mousecode.h: xterm's mouse reports both ways, headless: reading the SGR
 * reports (DECSET 1006) a terminal sends, and encoding an event for a
 * program the way it asked (DECSET 1000, 1002 or 1003, with 1006 or in the
 * default X10 form), as tmux's input-keys.c does. The console reads its
 * terminal's reports with it (ui/mouse.c) and passes events over a pane to
 * the program in it (term_mouse(), session/term.h). Pure: no curses, no
 * I/O, no allocation.
 *
 * An event is xterm's: the button code b of the reports (the SGR form's
 * first number, X10's byte less 32), a cell and whether a button was
 * released. In b: the low two bits are the button (0 left, 1 middle,
 * 2 right, 3 none: a motion without a button, or X10's release), 4 Shift,
 * 8 Meta, 16 Control, 32 a motion, 64 the wheel (64 up, 65 down), 128 the
 * buttons 8 to 11. */
#ifndef PH_MOUSECODE_H
#define PH_MOUSECODE_H
#include <stddef.h>

enum {
	MOUSE_BUTTON_LEFT = 0,
	MOUSE_BUTTON_MIDDLE = 1,
	MOUSE_BUTTON_RIGHT = 2,
	MOUSE_BUTTON_NONE = 3,
	MOUSE_BUTTON_MASK = 3,
	MOUSE_SHIFT = 4,
	MOUSE_META = 8,
	MOUSE_CTRL = 16,
	MOUSE_MOTION = 32,
	MOUSE_WHEEL = 64, /* with button 0: up, 1: down */
	MOUSE_EXTRA = 128
};

struct mouse_event {
	int b;       /* the button code (above) */
	int x, y;    /* the cell, 0-based */
	int release; /* a button was released (b says which in the SGR form) */
};

/* Whether the event is a wheel turn up or down, a press, or a motion with
 * a button held (a drag) of button (MOUSE_BUTTON_*). */
int mouse_is_wheel(const struct mouse_event *ev, int down);
int mouse_is_press(const struct mouse_event *ev, int button);
int mouse_is_drag(const struct mouse_event *ev, int button);

/* The reporting a program asked for (term_mouse_mode()): a level, and
 * MOUSE_MODE_SGR for the 1006 form. */
enum {
	MOUSE_MODE_NONE = 0,
	MOUSE_MODE_CLICK = 1, /* 1000: presses, releases and the wheel */
	MOUSE_MODE_DRAG = 2,  /* 1002: also motions with a button held */
	MOUSE_MODE_MOVE = 3,  /* 1003: every motion */
	MOUSE_MODE_LEVEL = 3, /* the level's bits */
	MOUSE_MODE_SGR = 4    /* 1006: the SGR form */
};

/* The longest encoding. */
#define MOUSE_CODE_MAX 32

/* Encode ev (x, y: the cell in the program's screen) for a program that
 * asked for mode into buf (at least MOUSE_CODE_MAX bytes). Returns the
 * length, 0 when the mode does not report the event: no reporting, a
 * motion below its level, a wheel's release. The X10 form gives a release
 * as button 3, its modifiers kept, clamps the cells past 223 to 223 (the
 * byte 255, as tmux does) and cannot give a button code past 223. */
size_t mouse_encode(const struct mouse_event *ev, int mode, char *buf);

/* Reading an SGR report: after its "ESC [ <", feed each byte; 1 when the
 * report is complete (in *out), 0 when more is needed, -1 when the bytes
 * are not a report (the reader is then ready for the next one). */
struct mouse_reader {
	int n;         /* the number being read: 0 .. 2 */
	int digits;    /* its digits so far */
	long v[3];
};
void mouse_reader_reset(struct mouse_reader *r);
int mouse_reader_feed(struct mouse_reader *r, int c, struct mouse_event *out);

#endif
