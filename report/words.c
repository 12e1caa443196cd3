/*
 * words.c: the model's answers in the reader's words (words.h).  The
 * msgids are the ones the model used to translate, so the catalogue keeps
 * them as they are.
 */
#include <stdlib.h>

#include "report/words.h"
#include "util/buf.h"
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

char *
record_err_text(const struct record_err *e)
{
	struct buf b = BUF_INIT;
	char d[11], t[11];

	switch (e->code) {
	case RECORD_OK:
		break;
	case RECORD_UNKNOWN_ID:
		buf_printf(&b, _("unknown id '%s'"), e->what);
		for (size_t i = 0; i < e->nlist; i++)
			buf_printf(&b, i == 0 ? _("; did you mean '%s'") :
			    ", '%s'", e->list[i]);
		if (e->nlist > 0)
			buf_putc(&b, '?');
		break;
	case RECORD_RECURS:
		buf_printf(&b, _("milestone '%s' recurs every %s: name one "
		    "of its instances, such as '%s@%s'"), e->what, e->arg[0],
		    e->what, e->arg[1]);
		break;
	case RECORD_PHASE:
		buf_printf(&b, _("'%s' is a phase: record progress for its "
		    "milestones"), e->what);
		break;
	case RECORD_IS_MILESTONE:
		buf_printf(&b, _("'%s' is a milestone: use 'planwatch "
		    "progress' or 'planwatch done'"), e->what);
		break;
	case RECORD_IS_TARGET:
		buf_printf(&b, _("'%s' is a target: use 'planwatch record'"),
		    e->what);
		break;
	case RECORD_NO_VALUE:
		buf_printf(&b, _("no value given for '%s'"), e->what);
		break;
	case RECORD_NOT_NUMBER:
		buf_printf(&b, _("'%s' is not a number (a finite decimal "
		    "number such as 12.5 is expected)"), e->what);
		break;
	case RECORD_NOT_LEVEL:
		buf_printf(&b, _("'%s' is not a level of target '%s' ("),
		    e->what, e->arg[0]);
		for (size_t i = 0; i < e->nlist; i++)
			buf_printf(&b, "%s%s", i > 0 ? ", " : "", e->list[i]);
		buf_putc(&b, ')');
		break;
	case RECORD_PERCENT_RANGE:
		buf_printf(&b, _("progress '%s' is outside 0..100"), e->what);
		break;
	case RECORD_NOT_PERCENT:
		buf_printf(&b, _("'%s' is not a percent (0..100) or 'done'"),
		    e->what);
		break;
	case RECORD_FUTURE:
		date_iso(e->date, d);
		date_iso(e->bound, t);
		buf_printf(&b, _("date %s is in the future (today is %s)"), d,
		    t);
		break;
	case RECORD_BEFORE_START:
		date_iso(e->date, d);
		date_iso(e->bound, t);
		buf_printf(&b, _("date %s is before the plan's start (%s)"), d,
		    t);
		break;
	}
	return buf_detach(&b);
}

/* On -1, the refusal in words into *err; e released either way. */
static int
said(int rc, struct record_err *e, char **err)
{
	if (rc != 0)
		*err = record_err_text(e);
	record_err_release(e);
	return rc;
}

int
record_resolve_msg(const struct plan *p, const char *id, struct item_ref *ref,
    char **err)
{
	struct record_err e;

	return said(record_resolve(p, id, ref, &e), &e, err);
}

int
record_parse_msg(const struct plan *p, enum record_accept accept,
    const char *id, const char *text, struct record_value *out, char **err)
{
	struct record_err e;

	return said(record_parse(p, accept, id, text, out, &e), &e, err);
}

int
record_check_date_msg(const struct plan *p, pw_day date, pw_day today,
    char **err)
{
	struct record_err e;

	return said(record_check_date(p, date, today, &e), &e, err);
}
