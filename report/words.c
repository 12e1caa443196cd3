/*
 * words.c: the model's answers in the reader's words (words.h).  The
 * msgids are the ones the model used to translate, so the catalogue keeps
 * them as they are.
 */
#include <stdlib.h>

#include "report/words.h"
#include "util/i18n.h"

static const char *const ms_labels[MS_NSTATES] = {
	[MS_PENDING] = N_("pending"), [MS_ACTIVE] = N_("active"),
	[MS_DUE_SOON] = N_("due soon"), [MS_OVERDUE] = N_("overdue"),
	[MS_DONE] = N_("done"), [MS_LATE] = N_("done late"),
};
static const char *const tg_labels[TG_NSTATES] = {
	[TG_NO_DATA] = N_("no data"), [TG_ON_TRACK] = N_("on track"),
	[TG_AT_RISK] = N_("at risk"), [TG_MET] = N_("met"),
	[TG_MISSED] = N_("missed"),
};
static const char *const pace_labels[] = {
	[PACE_NONE] = "", [PACE_OK] = N_("on pace"),
	[PACE_BEHIND] = N_("behind pace"),
	[PACE_FAR_BEHIND] = N_("far behind pace"),
};

const char *
ms_state_label(enum ms_state s)
{
	return _(ms_labels[s]);
}

const char *
tg_state_label(enum tg_state s)
{
	return _(tg_labels[s]);
}

const char *
pace_label(enum pace p)
{
	return p == PACE_NONE ? "" : _(pace_labels[p]);
}

enum date_style
date_style_here(void)
{
	return i18n_is_chinese() ? DATE_CHINESE : DATE_ISO;
}

void
date_human(pw_day d, char out[static 32])
{
	date_styled(d, date_style_here(), out);
}

void
date_week_human(int year, int week, char out[static 32])
{
	date_week_styled(year, week, date_style_here(), out);
}
