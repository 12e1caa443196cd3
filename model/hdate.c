/*
 * hdate.c: dates as people read them, in the style the edge chooses
 * (report/words.c picks it from the messages locale): ISO 8601, or
 * 2025年12月31日 and 2026年第48周.  The plan format, CSV, JSON and check's
 * output stay ISO whatever the locale.
 */
#include <stdio.h>
#include <string.h>

#include "model/date.h"

void
date_styled(pw_day d, enum date_style style, char out[static 32])
{
	int y, m, dd;

	if (d == DAY_NONE) {
		strcpy(out, "-");
		return;
	}
	if (style != DATE_CHINESE) {
		date_iso(d, out);
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, 32, "%d年%d月%d日", y, m, dd);
}

void
date_week_styled(int year, int week, enum date_style style,
    char out[static 32])
{
	if (style == DATE_CHINESE)
		snprintf(out, 32, "%d年第%d周", year, week);
	else
		snprintf(out, 32, "%d-W%02d", year, week);
}
