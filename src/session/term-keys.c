/* term-keys.c: keyboard and mouse input to a terminal model (term.h):
 * characters, named keys and pastes encoded by libvterm as the modes the
 * process set ask (application cursor keys, bracketed paste), mouse events
 * as its mouse reporting asks (session/mousecode.h), out through the
 * model's output callback. */
#include "config.h"
#include "session/term-private.h"
#include "session/mousecode.h"

/* --- keyboard --- */

static VTermModifier mods_to_vterm(int mods)
{
	int m = 0;
	if (mods & TERM_MOD_SHIFT)
		m |= VTERM_MOD_SHIFT;
	if (mods & TERM_MOD_ALT)
		m |= VTERM_MOD_ALT;
	if (mods & TERM_MOD_CTRL)
		m |= VTERM_MOD_CTRL;
	return (VTermModifier)m;
}

void term_key_unichar(struct term *t, uint32_t c, int mods)
{
	/* Ctrl with an upper-case letter means the same control code. */
	if ((mods & TERM_MOD_CTRL) && c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	vterm_keyboard_unichar(t->vt, c, mods_to_vterm(mods));
}

static VTermKey key_to_vterm(enum term_key k)
{
	static const VTermKey named[] = {
		[TERM_KEY_NONE] = VTERM_KEY_NONE,
		[TERM_KEY_ENTER] = VTERM_KEY_ENTER,
		[TERM_KEY_TAB] = VTERM_KEY_TAB,
		[TERM_KEY_BACKSPACE] = VTERM_KEY_BACKSPACE,
		[TERM_KEY_ESCAPE] = VTERM_KEY_ESCAPE,
		[TERM_KEY_UP] = VTERM_KEY_UP,
		[TERM_KEY_DOWN] = VTERM_KEY_DOWN,
		[TERM_KEY_LEFT] = VTERM_KEY_LEFT,
		[TERM_KEY_RIGHT] = VTERM_KEY_RIGHT,
		[TERM_KEY_INS] = VTERM_KEY_INS,
		[TERM_KEY_DEL] = VTERM_KEY_DEL,
		[TERM_KEY_HOME] = VTERM_KEY_HOME,
		[TERM_KEY_END] = VTERM_KEY_END,
		[TERM_KEY_PAGEUP] = VTERM_KEY_PAGEUP,
		[TERM_KEY_PAGEDOWN] = VTERM_KEY_PAGEDOWN,
	};
	static const VTermKey keypad[] = {
		[TERM_KEY_KP_MULT - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MULT,
		[TERM_KEY_KP_PLUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PLUS,
		[TERM_KEY_KP_COMMA - TERM_KEY_KP_MULT] = VTERM_KEY_KP_COMMA,
		[TERM_KEY_KP_MINUS - TERM_KEY_KP_MULT] = VTERM_KEY_KP_MINUS,
		[TERM_KEY_KP_PERIOD - TERM_KEY_KP_MULT] = VTERM_KEY_KP_PERIOD,
		[TERM_KEY_KP_DIVIDE - TERM_KEY_KP_MULT] = VTERM_KEY_KP_DIVIDE,
		[TERM_KEY_KP_ENTER - TERM_KEY_KP_MULT] = VTERM_KEY_KP_ENTER,
		[TERM_KEY_KP_EQUAL - TERM_KEY_KP_MULT] = VTERM_KEY_KP_EQUAL,
	};
	int n = (int)k;
	if (n >= 0 && n < (int)(sizeof named / sizeof named[0]))
		return named[n];
	if (n >= TERM_KEY_F1 && n < TERM_KEY_KP_0)
		return (VTermKey)VTERM_KEY_FUNCTION(n - TERM_KEY_F1 + 1);
	if (n >= TERM_KEY_KP_0 && n < TERM_KEY_KP_MULT)
		return (VTermKey)(VTERM_KEY_KP_0 + (n - TERM_KEY_KP_0));
	if (n >= TERM_KEY_KP_MULT && n < TERM_KEY_COUNT)
		return keypad[n - TERM_KEY_KP_MULT];
	return VTERM_KEY_NONE;
}

void term_key(struct term *t, enum term_key k, int mods)
{
	VTermKey vk = key_to_vterm(k);
	if (vk != VTERM_KEY_NONE)
		vterm_keyboard_key(t->vt, vk, mods_to_vterm(mods));
}

void term_paste(struct term *t, const char *bytes, size_t len)
{
	vterm_keyboard_start_paste(t->vt);
	term_input_raw(t, bytes, len);
	vterm_keyboard_end_paste(t->vt);
}

void term_input_raw(struct term *t, const char *bytes, size_t len)
{
	if (t->cb.output != NULL && len > 0)
		t->cb.output(bytes, len, t->arg);
}


/* --- mouse --- */

int term_mouse_mode(const struct term *t)
{
	return t->mouse_level | (t->mouse_level && t->mouse_sgr ? MOUSE_MODE_SGR : 0);
}

int term_mouse(struct term *t, const struct mouse_event *ev)
{
	char buf[MOUSE_CODE_MAX];
	size_t n = mouse_encode(ev, term_mouse_mode(t), buf);
	if (n == 0)
		return 0;
	term_input_raw(t, buf, n);
	return 1;
}
