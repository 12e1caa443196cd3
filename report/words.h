/*
 * words.h: the model's answers in the reader's words, at the edge.
 *
 * The model (model/) keeps keys, symbols and tones, none of them
 * language; every face that shows one to a person (status, the report,
 * the notices, the calendar, the review) words it here, in the
 * messages locale.  Machine text (keys, JSON, CSV, check's first line)
 * never comes from here.
 */
#ifndef REPORT_WORDS_H
#define REPORT_WORDS_H

#include "model/date.h"
#include "model/status.h"

/* The status and pace in words ("due soon", "behind pace"); "" for
 * PACE_NONE.  Borrowed from the catalogue. */
const char	*ms_state_label(enum ms_state);
const char	*tg_state_label(enum tg_state);
const char	*pace_label(enum pace);

/* How the reader's dates are written: Chinese under a Chinese messages
 * locale whose catalogue was found, else ISO. */
enum date_style	 date_style_here(void);
/* date_styled() and date_week_styled() in that style. */
void		 date_human(pw_day, char out[static 32]);
void		 date_week_human(int year, int week, char out[static 32]);

#endif
