/* date.c: calendar dates as day numbers, and calendar periods. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/date.h"

/* Howard Hinnant's days_from_civil / civil_from_days. */
pw_day
date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + (int)doe - 719468;
}

void
date_to_ymd(pw_day z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int yy = (int)yoe + era * 400;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = (int)(mp < 10 ? mp + 3 : mp - 9);

	*y = yy + (mm <= 2);
	*m = mm;
	*d = (int)dd;
}

static bool
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	if (m == 2 && is_leap(y))
		return 29;
	return days[m - 1];
}

bool
date_valid_ymd(int y, int m, int d)
{
	return y >= DATE_YEAR_MIN && y <= DATE_YEAR_MAX && m >= 1 && m <= 12 &&
	    d >= 1 && d <= date_days_in_month(y, m);
}

int
date_weekday(pw_day day)
{
	/* 1970-01-01 was a Thursday (4). */
	int w = (int)(((long)day % 7 + 7 + 3) % 7);

	return w + 1;
}

void
date_iso_week(pw_day day, int *year, int *week)
{
	/* The Thursday of this week decides the year. */
	pw_day thu = day - date_weekday(day) + 4;
	int y, m, d;

	date_to_ymd(thu, &y, &m, &d);
	*year = y;
	*week = (thu - date_from_ymd(y, 1, 1)) / 7 + 1;
}

/* Read exactly n digits; returns -1 when they are not all digits. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

int
date_parse(const char *s, enum date_role role, struct pdate *out,
    const char **why)
{
	size_t len = strlen(s);
	int y, m, d;

	*why = "expected a date as YYYY-MM-DD, YYYY-MM, YYYY-Qn or YYYY";
	if (len < 4 || (y = digits(s, 4)) < 0)
		return -1;
	if (len > 4 && s[4] != '-')
		return -1;
	if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX) {
		*why = "year out of range 1900..2999";
		return -1;
	}
	if (len == 4) {
		out->prec = PREC_YEAR;
		out->day = role == ROLE_START ? date_from_ymd(y, 1, 1) :
		    date_from_ymd(y, 12, 31);
		return 0;
	}
	if (len == 7 && (s[5] == 'Q' || s[5] == 'q')) {
		int q = digits(s + 6, 1);
		if (q < 1 || q > 4) {
			*why = "quarter must be Q1..Q4";
			return -1;
		}
		out->prec = PREC_QUARTER;
		m = role == ROLE_START ? (q - 1) * 3 + 1 : q * 3;
		d = role == ROLE_START ? 1 : date_days_in_month(y, m);
		out->day = date_from_ymd(y, m, d);
		return 0;
	}
	if (len != 7 && len != 10)
		return -1;
	if ((m = digits(s + 5, 2)) < 0)
		return -1;
	if (m < 1 || m > 12) {
		*why = "month out of range 01..12";
		return -1;
	}
	if (len == 7) {
		out->prec = PREC_MONTH;
		d = role == ROLE_START ? 1 : date_days_in_month(y, m);
		out->day = date_from_ymd(y, m, d);
		return 0;
	}
	if (s[7] != '-' || (d = digits(s + 8, 2)) < 0)
		return -1;
	if (!date_valid_ymd(y, m, d)) {
		*why = "no such day in that month";
		return -1;
	}
	out->prec = PREC_DAY;
	out->day = date_from_ymd(y, m, d);
	return 0;
}

int
date_parse_day(const char *s, pw_day *out)
{
	struct pdate pd;
	const char *why;

	if (strlen(s) != 10 || date_parse(s, ROLE_START, &pd, &why) != 0)
		return -1;
	*out = pd.day;
	return 0;
}

/* v in exactly width decimal digits (v < 10^width), like %0*u without
 * snprintf: dates are formatted for every row of a review. */
static char *
put_digits(char *p, unsigned v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
	return p + width;
}

void
date_iso(pw_day day, char out[static 11])
{
	int y, m, d;
	char *p;

	if (day == DAY_NONE) {
		strcpy(out, "-");
		return;
	}
	date_to_ymd(day, &y, &m, &d);
	p = put_digits(out, (unsigned)y % 10000u, 4);
	*p++ = '-';
	p = put_digits(p, (unsigned)m % 100u, 2);
	*p++ = '-';
	p = put_digits(p, (unsigned)d % 100u, 2);
	*p = '\0';
}

void
pdate_format(const struct pdate *pd, char out[static 11])
{
	int y, m, d;

	if (pd->day == DAY_NONE) {
		strcpy(out, "-");
		return;
	}
	date_to_ymd(pd->day, &y, &m, &d);
	y %= 10000;
	switch (pd->prec) {
	case PREC_YEAR:
		snprintf(out, 11, "%04u", (unsigned)y % 10000u);
		break;
	case PREC_QUARTER:
		snprintf(out, 11, "%04u-Q%u", (unsigned)y % 10000u,
		    (unsigned)(m - 1) / 3u % 10u + 1u);
		break;
	case PREC_MONTH:
		snprintf(out, 11, "%04u-%02u", (unsigned)y % 10000u,
		    (unsigned)m % 100u);
		break;
	default:
		date_iso(pd->day, out);
	}
}

pw_day
period_start(enum period p, pw_day day)
{
	int y, m, d;

	date_to_ymd(day, &y, &m, &d);
	switch (p) {
	case PERIOD_WEEK:
		return day - date_weekday(day) + 1;
	case PERIOD_MONTH:
		return date_from_ymd(y, m, 1);
	case PERIOD_QUARTER:
		return date_from_ymd(y, (m - 1) / 3 * 3 + 1, 1);
	case PERIOD_YEAR:
		return date_from_ymd(y, 1, 1);
	default:
		return day;
	}
}

pw_day
period_next(enum period p, pw_day day)
{
	int y, m, d;

	date_to_ymd(period_start(p, day), &y, &m, &d);
	switch (p) {
	case PERIOD_WEEK:
		return period_start(p, day) + 7;
	case PERIOD_MONTH:
		return m == 12 ? date_from_ymd(y + 1, 1, 1) :
		    date_from_ymd(y, m + 1, 1);
	case PERIOD_QUARTER:
		return m >= 10 ? date_from_ymd(y + 1, 1, 1) :
		    date_from_ymd(y, m + 3, 1);
	case PERIOD_YEAR:
		return date_from_ymd(y + 1, 1, 1);
	default:
		return day + 1;
	}
}

pw_day
period_end(enum period p, pw_day day)
{
	return period_next(p, day) - 1;
}

void
period_label(enum period p, pw_day day, char out[static 16])
{
	int y, m, d, wy, w;
	char *q;

	date_to_ymd(day, &y, &m, &d);
	y = (y % 10000 + 10000) % 10000;
	switch (p) {
	case PERIOD_WEEK:
		date_iso_week(day, &wy, &w);
		q = put_digits(out, (unsigned)wy % 10000u, 4);
		*q++ = '-';
		*q++ = 'W';
		q = put_digits(q, (unsigned)w % 100u, 2);
		break;
	case PERIOD_MONTH:
		q = put_digits(out, (unsigned)y, 4);
		*q++ = '-';
		q = put_digits(q, (unsigned)m % 100u, 2);
		break;
	case PERIOD_QUARTER:
		q = put_digits(out, (unsigned)y, 4);
		*q++ = '-';
		*q++ = 'Q';
		q = put_digits(q, (unsigned)(m - 1) / 3u % 10u + 1u, 1);
		break;
	case PERIOD_YEAR:
		q = put_digits(out, (unsigned)y, 4);
		break;
	default:
		date_iso(day, out);
		return;
	}
	*q = '\0';
}

pw_day
period_parse_label(enum period p, const char *s)
{
	struct pdate pd;
	const char *why;
	int y, w;
	char check[16];

	switch (p) {
	case PERIOD_WEEK:
		if (strlen(s) != 8 || s[4] != '-' || (s[5] != 'W' && s[5] != 'w'))
			return DAY_NONE;
		if ((y = digits(s, 4)) < 0 || (w = digits(s + 6, 2)) < 1)
			return DAY_NONE;
		if (y < DATE_YEAR_MIN || y > DATE_YEAR_MAX || w > 53)
			return DAY_NONE;
		/* Week 1 holds January 4th. */
		pw_day jan4 = date_from_ymd(y, 1, 4);
		pw_day day = jan4 - date_weekday(jan4) + 1 + (w - 1) * 7;
		period_label(PERIOD_WEEK, day, check);
		if (strncmp(check, s, 4) != 0 || digits(check + 6, 2) != w)
			return DAY_NONE;
		return day;
	case PERIOD_MONTH:
		if (strlen(s) != 7 || s[5] == 'Q' || s[5] == 'q')
			return DAY_NONE;
		break;
	case PERIOD_QUARTER:
		if (strlen(s) != 7 || (s[5] != 'Q' && s[5] != 'q'))
			return DAY_NONE;
		break;
	case PERIOD_YEAR:
		if (strlen(s) != 4)
			return DAY_NONE;
		break;
	default:
		return DAY_NONE;
	}
	if (date_parse(s, ROLE_START, &pd, &why) != 0)
		return DAY_NONE;
	return pd.day;
}

static const char *const period_names[] = {
	[PERIOD_NONE] = "none",
	[PERIOD_WEEK] = "week",
	[PERIOD_MONTH] = "month",
	[PERIOD_QUARTER] = "quarter",
	[PERIOD_YEAR] = "year",
};

const char *
period_name(enum period p)
{
	return period_names[p];
}

enum period
period_from_name(const char *s)
{
	for (int p = PERIOD_WEEK; p <= PERIOD_YEAR; p++)
		if (strcmp(s, period_names[p]) == 0)
			return (enum period)p;
	return PERIOD_NONE;
}
