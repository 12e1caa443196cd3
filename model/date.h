/*
 * date.h: calendar dates as day numbers, and calendar periods.
 *
 * A day is the number of days since 1970-01-01 in the proleptic Gregorian
 * calendar, so date arithmetic is integer arithmetic.  Nothing here reads
 * the clock: "today" is always a parameter.
 */
#ifndef MODEL_DATE_H
#define MODEL_DATE_H

#include <stdbool.h>

typedef int pw_day;

#define DAY_NONE	(-2147483647 - 1)	/* "no date" */
#define DATE_YEAR_MIN	1900
#define DATE_YEAR_MAX	2999

/* How precisely a plan wrote a date: 2025-03-31, 2025-03, 2025-Q1, 2025. */
enum date_prec { PREC_DAY, PREC_MONTH, PREC_QUARTER, PREC_YEAR };

/* A plan date: the resolved day and how it was written. */
struct pdate {
	pw_day		day;	/* DAY_NONE when absent */
	enum date_prec	prec;
};

/* Which end of a month, quarter or year a date means. */
enum date_role { ROLE_START, ROLE_END };

/* Calendar periods: recurrence (every) and reporting cadence. */
enum period { PERIOD_NONE, PERIOD_WEEK, PERIOD_MONTH, PERIOD_QUARTER,
    PERIOD_YEAR };

pw_day	 date_from_ymd(int y, int m, int d);
void	 date_to_ymd(pw_day, int *y, int *m, int *d);
bool	 date_valid_ymd(int y, int m, int d);
int	 date_days_in_month(int y, int m);
/* 1 = Monday .. 7 = Sunday. */
int	 date_weekday(pw_day);
/* ISO 8601 week-numbering year and week (1..53). */
void	 date_iso_week(pw_day, int *year, int *week);

/*
 * Parse YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY (years 1900..2999).  A month,
 * quarter or year is its first day for ROLE_START and its last for ROLE_END.
 * Returns 0, or -1 with *why set to a static, untranslated reason.
 */
int	 date_parse(const char *, enum date_role, struct pdate *,
	    const char **why);
/* Parse a full YYYY-MM-DD date only (command-line dates, CSV, the store). */
int	 date_parse_day(const char *, pw_day *);

/* Format as YYYY-MM-DD into out (at least 11 bytes). */
void	 date_iso(pw_day, char out[static 11]);
/* Format as the plan wrote it: 2025, 2025-Q1, 2025-03 or 2025-03-31. */
void	 pdate_format(const struct pdate *, char out[static 11]);

/* How a date is written for a reader: the caller decides (date_human() in
 * report/words.h asks the messages locale); the model never does. */
enum date_style {
	DATE_ISO,		/* 2025-12-31, 2026-W48 */
	DATE_CHINESE		/* 2025年12月31日, 2026年第48周 */
};
/* A date as people read it (hdate.c), in style; "-" for DAY_NONE.  For
 * text meant for a reader only: files and machine output stay ISO. */
void	 date_styled(pw_day, enum date_style, char out[static 32]);
/* An ISO week as people read it: "2026-W48", or "2026年第48周". */
void	 date_week_styled(int year, int week, enum date_style,
	    char out[static 32]);

/* The first and last day of the period that holds day. */
pw_day	 period_start(enum period, pw_day);
pw_day	 period_end(enum period, pw_day);
/* The first day of the next period after the one holding day. */
pw_day	 period_next(enum period, pw_day);
/* Label of the period holding day: 2024-W09, 2024-03, 2024-Q1, 2024. */
void	 period_label(enum period, pw_day, char out[static 16]);
/* Parse a label of the given period kind; returns its first day or
 * DAY_NONE. */
pw_day	 period_parse_label(enum period, const char *);
/* "week", "month", "quarter", "year" (untranslated keywords). */
const char *period_name(enum period);
enum period period_from_name(const char *);

#endif
