/*
 * hdate.c: dates as people read them, the one place the interface, the
 * reports and the notices format a date for a reader: ISO 8601 in
 * English, 2025年12月31日 and 2026年第48周 under a Chinese locale.  The
 * plan format, CSV, JSON and check's output stay ISO whatever the locale.
 */
#include <stdio.h>
#include <string.h>

#include "model/date.h"
#include "util/i18n.h"

void
date_human(pw_day d, char out[static 32])
{
	int y, m, dd;

	if (d == DAY_NONE) {
		strcpy(out, "-");
		return;
	}
	if (!i18n_is_chinese()) {
		date_iso(d, out);
		return;
	}
	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, 32, "%d年%d月%d日", y, m, dd);
}

void
date_week_human(int year, int week, char out[static 32])
{
	if (i18n_is_chinese())
		snprintf(out, 32, "%d年第%d周", year, week);
	else
		snprintf(out, 32, "%d-W%02d", year, week);
}
