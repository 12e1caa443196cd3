/*
 * reason.c: why an item is on the attention list, in words (reason.h).
 */
#include <math.h>
#include <stdlib.h>

#include "model/date.h"
#include "model/plan.h"
#include "report/reason.h"
#include "report/report.h"
#include "report/words.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

static const char *const kind_labels[ATTN_NKINDS] = {
	[ATTN_OVERDUE] = N_("overdue"), [ATTN_MISSED] = N_("missed"),
	[ATTN_FAR_BEHIND] = N_("far behind pace"),
	[ATTN_STALE] = N_("not reported"), [ATTN_AT_RISK] = N_("at risk"),
	[ATTN_BEHIND] = N_("behind pace"), [ATTN_DUE_SOON] = N_("due soon"),
};

const char *
attn_kind_label(enum attn_kind k)
{
	return k < ATTN_NKINDS ? _(kind_labels[k]) : "";
}

const char *
attn_level_label(enum attn_level l)
{
	return l == ATTN_RED ? _("red") : l == ATTN_YELLOW ? _("yellow") :
	    _("blue");
}

/* Between two parts of a reason that began at byte from of b (b may hold
 * a line before it: check's does). */
static void
sep(struct buf *b, size_t from)
{
	if (b->len > from)
		buf_puts(b, _(", "));
}

static void
instance_reason(struct buf *b, const struct ms_result *r,
    struct reason_cache *rc)
{
	size_t from = b->len;
	char got[PCT_LEN], want[PCT_LEN];
	const char *overdue;

	if (r->state == MS_OVERDUE) {
		if (rc != NULL && rc->overdue != NULL &&
		    rc->days == r->days_overdue)
			overdue = rc->overdue;
		else
			overdue = ngettext("%d day overdue",
			    "%d days overdue", (unsigned long)r->days_overdue);
		if (rc != NULL) {
			rc->overdue = overdue;
			rc->days = r->days_overdue;
		}
		buf_printf(b, overdue, r->days_overdue);
	} else if (r->state == MS_DUE_SOON && r->days_left == 0)
		buf_puts(b, _("due today"));
	else if (r->state == MS_DUE_SOON)
		buf_printf(b, ngettext("due in %d day", "due in %d days",
		    (unsigned long)r->days_left), r->days_left);
	if (r->pace == PACE_BEHIND || r->pace == PACE_FAR_BEHIND) {
		sep(b, from);
		pct_text(r->progress, got);
		pct_text(r->expected, want);
		if (r->has_progress)
			buf_printf(b, _("%s: %s%% done, %s%% expected"),
			    pace_label(r->pace), got, want);
		else
			buf_printf(b, _("%s: no progress reported, %s%% "
			    "expected"), pace_label(r->pace), want);
		if (r->state != MS_DUE_SOON && r->state != MS_OVERDUE)
			buf_printf(b, ngettext(", due in %d day",
			    ", due in %d days", (unsigned long)r->days_left),
			    r->days_left);
	}
}

/* "no value for 2 quarters", in the target's own periods. */
static void
stale_reason(struct buf *b, const struct target *t,
    const struct tg_result *r)
{
	unsigned long n = (unsigned long)r->stale_periods;
	char day[11];

	switch (t->cadence) {
	case PERIOD_WEEK:
		buf_printf(b, ngettext("no value for %d week",
		    "no value for %d weeks", n), r->stale_periods);
		break;
	case PERIOD_MONTH:
		buf_printf(b, ngettext("no value for %d month",
		    "no value for %d months", n), r->stale_periods);
		break;
	case PERIOD_YEAR:
		buf_printf(b, ngettext("no value for %d year",
		    "no value for %d years", n), r->stale_periods);
		break;
	default:
		buf_printf(b, ngettext("no value for %d quarter",
		    "no value for %d quarters", n), r->stale_periods);
		break;
	}
	if (r->has_latest) {
		date_iso(r->latest.date, day);
		buf_printf(b, _(", last %s"), day);
	} else
		buf_puts(b, _(", none yet"));
}

/*
 * A value of t as shown: the number, or for a scale the level (the
 * nearest, for a trend between two), made safe.  Allocated.
 */
static char *
value_text(const struct target *t, double v)
{
	char n[32];

	if (t->nscale > 0) {
		double k = round(v);
		k = k < 0 ? 0 : k > (double)(t->nscale - 1) ?
		    (double)(t->nscale - 1) : k;
		return text_safe(t->scale[(size_t)k]);
	}
	report_num(v, n);
	return xstrdup(n);
}

static void
target_reason(struct buf *b, const struct review *rv, size_t i)
{
	const struct tg_result *r = &rv->targets[i];
	const struct target *t = &rv->plan->targets[i];
	char v[32], day[11], *goal = value_text(t, t->target);
	int ago = rv->asof - t->due.day, left = -ago;
	size_t from = b->len;

	date_iso(t->due.day, day);
	if (r->state == TG_MISSED && r->has_deciding) {
		char *dv = value_text(t, r->deciding.value);
		buf_printf(b, ngettext("missed %d day ago: %s by %s, target "
		    "%s %s", "missed %d days ago: %s by %s, target %s %s",
		    (unsigned long)ago), ago, dv, day,
		    direction_symbol(t->dir), goal);
		free(dv);
	} else if (r->state == TG_MISSED)
		buf_printf(b, ngettext("missed %d day ago: no value by %s",
		    "missed %d days ago: no value by %s", (unsigned long)ago),
		    ago, day);
	else if (r->state == TG_AT_RISK && r->stage_missed >= 0) {
		const struct stage *s = &t->stages[r->stage_missed];
		char sday[11], *sgoal = value_text(t, s->target);
		date_iso(s->due.day, sday);
		buf_printf(b, _("at risk: stage %s %s of %s not met"),
		    direction_symbol(t->dir), sgoal, sday);
		free(sgoal);
	} else if (r->state == TG_AT_RISK && r->has_projection) {
		char *trend = value_text(t, r->projection);
		if (r->has_latest) {
			char *latest = value_text(t, r->latest.value);
			buf_printf(b, _("at risk: latest %s, trend reaches %s "
			    "by %s, target %s %s"), latest, trend, day,
			    direction_symbol(t->dir), goal);
			free(latest);
		} else
			buf_printf(b, _("at risk: trend reaches %s by %s, "
			    "target %s %s"), trend, day,
			    direction_symbol(t->dir), goal);
		free(trend);
	} else if (r->state == TG_AT_RISK)
		buf_printf(b, _("at risk: too little time left to reach "
		    "%s %s by %s"), direction_symbol(t->dir), goal, day);
	if (r->pace == PACE_BEHIND || r->pace == PACE_FAR_BEHIND) {
		char want[32];
		sep(b, from);
		report_num(r->latest.value, v);
		report_num(r->expected, want);
		buf_printf(b, _("%s: %s, %s expected"), pace_label(r->pace), v,
		    want);
	}
	if (r->stale > 0) {
		sep(b, from);
		stale_reason(b, t, r);
	}
	if (r->state != TG_MISSED && left >= 0)
		buf_printf(b, ngettext(", due in %d day", ", due in %d days",
		    (unsigned long)left), left);
	free(goal);
}

void
attn_reason(struct buf *b, const struct review *rv,
    const struct attn_item *a, struct reason_cache *rc)
{
	if (a->item == ITEM_INSTANCE)
		instance_reason(b, &rv->items[a->index], rc);
	else
		target_reason(b, rv, a->index);
}
