/*
 * words.h: the model's answers in the reader's words, at the edge.
 *
 * The model (model/) keeps keys, symbols, tones and codes, none of them
 * language; every face that shows one to a person (status, the report,
 * the notices, the calendar, the review, the commands' errors) words it
 * here, in the messages locale.  Machine text (keys, JSON, CSV, check's
 * first line) never comes from here.
 */
#ifndef REPORT_WORDS_H
#define REPORT_WORDS_H

#include "model/date.h"
#include "model/plan.h"
#include "model/record.h"
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

/* Why the model refused a value, an id or a date (e->code is not
 * RECORD_OK), as one message in the reader's words; the caller frees. */
char		*record_err_text(const struct record_err *e);
/*
 * record_resolve(), record_parse() and record_check_date() for a command
 * or a form that shows the refusal: the same, with *err set on -1 to the
 * message (record_err_text) the caller prints once and frees.
 */
int		 record_resolve_msg(const struct plan *, const char *id,
		    struct item_ref *, char **err);
int		 record_parse_msg(const struct plan *, enum record_accept,
		    const char *id, const char *text, struct record_value *out,
		    char **err);
int		 record_check_date_msg(const struct plan *, pw_day date,
		    pw_day today, char **err);

#endif
