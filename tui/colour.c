/*
 * colour.c: colour by meaning, with the monochrome attribute in the same
 * table (TUI_ELEMENTS in tui.h).
 *
 * Colour is used only when the terminal has it and neither --color=never
 * nor NO_COLOR asked otherwise; every status is also drawn with its symbol,
 * so monochrome loses nothing but the colour.
 */
#include <curses.h>

#include "tui/tui.h"

static const struct {
	short	 fg, bg;
	attr_t	 mono;
} elements[EL_COUNT] = {
#define X(name, f, b, m) [name] = { f, b, m },
	TUI_ELEMENTS
#undef X
};

/* Bold and underline that a colour element keeps besides its pair. */
#define KEEP_WITH_COLOUR	(A_BOLD)

void
colour_init(struct tui *t)
{
	bool defaults = false;

	t->colour = t->want_colour && has_colors();
	if (t->colour) {
		start_color();
		defaults = use_default_colors() != ERR;
		if (COLORS < 8 || COLOR_PAIRS <= EL_COUNT)
			t->colour = false;
	}
	for (int i = 0; i < EL_COUNT; i++) {
		short fg = elements[i].fg, bg = elements[i].bg;

		if (!t->colour || (fg == -1 && bg == -1)) {
			t->attr[i] = elements[i].mono;
			continue;
		}
		if (!defaults) {
			fg = fg < 0 ? COLOR_WHITE : fg;
			bg = bg < 0 ? COLOR_BLACK : bg;
		}
		init_pair((short)(i + 1), fg, bg);
		t->attr[i] = COLOR_PAIR(i + 1) |
		    (elements[i].mono & KEEP_WITH_COLOUR);
	}
}

enum element
tone_element(enum tone tone)
{
	switch (tone) {
	case TONE_GOOD:
		return EL_GOOD;
	case TONE_INFO:
		return EL_INFO;
	case TONE_WARN:
		return EL_WARN;
	case TONE_BAD:
		return EL_BAD;
	default:
		return EL_NORMAL;
	}
}

attr_t
tui_attr(const struct tui *t, enum element el, bool sel)
{
	if (!sel)
		return t->attr[el];
	/* The selection is reverse video in monochrome; in colour it keeps
	 * the element's emphasis on the selection's pair. */
	if (!t->colour)
		return t->attr[el] | A_REVERSE;
	return t->attr[EL_SELECT] | (t->attr[el] & A_BOLD);
}
