/*
 * attention.c: the list of what needs chasing, from a review's results
 * (attention.h).  It decides no status of its own: the kinds are read from
 * what the rules of status.c set, so the list and every status agree.
 */
#include <limits.h>
#include <stdlib.h>

#include "model/attention.h"
#include "util/xalloc.h"

static const char *const kind_keys[ATTN_NKINDS] = {
	[ATTN_OVERDUE] = "overdue", [ATTN_MISSED] = "missed",
	[ATTN_FAR_BEHIND] = "far-behind", [ATTN_STALE] = "stale",
	[ATTN_AT_RISK] = "at-risk", [ATTN_BEHIND] = "behind",
	[ATTN_DUE_SOON] = "due-soon",
};

static const enum attn_level kind_levels[ATTN_NKINDS] = {
	[ATTN_OVERDUE] = ATTN_RED, [ATTN_MISSED] = ATTN_RED,
	[ATTN_FAR_BEHIND] = ATTN_YELLOW, [ATTN_STALE] = ATTN_YELLOW,
	[ATTN_AT_RISK] = ATTN_YELLOW, [ATTN_BEHIND] = ATTN_YELLOW,
	[ATTN_DUE_SOON] = ATTN_BLUE,
};

static unsigned
pace_kinds(enum pace pace)
{
	return pace == PACE_FAR_BEHIND ? 1u << ATTN_FAR_BEHIND :
	    pace == PACE_BEHIND ? 1u << ATTN_BEHIND : 0;
}

static unsigned
instance_kinds(const struct ms_result *r)
{
	unsigned k = pace_kinds(r->pace);

	if (r->state == MS_OVERDUE)
		k |= 1u << ATTN_OVERDUE;
	else if (r->state == MS_DUE_SOON)
		k |= 1u << ATTN_DUE_SOON;
	return k;
}

static unsigned
target_kinds(const struct tg_result *r)
{
	unsigned k = pace_kinds(r->pace);

	if (r->state == TG_MISSED)
		k |= 1u << ATTN_MISSED;
	else if (r->state == TG_AT_RISK)
		k |= 1u << ATTN_AT_RISK;
	if (r->stale > 0)
		k |= 1u << ATTN_STALE;
	return k;
}

static enum attn_kind
worst_kind(unsigned kinds)
{
	for (int k = 0; k < ATTN_NKINDS; k++)
		if (kinds & (1u << k))
			return (enum attn_kind)k;
	return ATTN_NKINDS;
}

static int
late_by(pw_day asof, pw_day due)
{
	return due == DAY_NONE ? INT_MIN : asof - due;
}

static int
attn_cmp(const void *a, const void *b)
{
	const struct attn_item *x = a, *y = b;

	if (x->sev != y->sev)
		return x->sev > y->sev ? -1 : 1;
	if (x->late_by != y->late_by)
		return x->late_by > y->late_by ? -1 : 1;
	if (x->item != y->item)
		return x->item == ITEM_INSTANCE ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

size_t
attention_list(const struct review *rv, enum severity min,
    struct attn_item **out)
{
	const struct plan *p = rv->plan;
	size_t n = 0;

	*out = NULL;
	if (min < SEV_WARNING)
		min = SEV_WARNING;
	for (size_t i = 0; i < rv->nitems; i++)
		n += rv->items[i].sev >= min;
	for (size_t i = 0; i < rv->ntargets; i++)
		n += rv->targets[i].in_scope && rv->targets[i].sev >= min;
	if (n == 0)
		return 0;
	*out = xreallocarray(NULL, n, sizeof **out);
	n = 0;
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *r = &rv->items[i];
		const struct milestone *m = &p->ms[r->in.ms];
		unsigned k;

		if (r->sev < min)
			continue;
		k = instance_kinds(r);
		(*out)[n++] = (struct attn_item){ ITEM_INSTANCE, i,
		    worst_kind(k), k, r->sev, m->owner, m->support,
		    m->nsupport, r->name, r->in.due, late_by(rv->asof,
		    r->in.due) };
	}
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *r = &rv->targets[i];
		const struct target *t = &p->targets[i];
		unsigned k;

		if (!r->in_scope || r->sev < min)
			continue;
		k = target_kinds(r);
		(*out)[n++] = (struct attn_item){ ITEM_TARGET, i,
		    worst_kind(k), k, r->sev, t->owner, t->support,
		    t->nsupport, t->id, t->due.day, late_by(rv->asof,
		    t->due.day) };
	}
	qsort(*out, n, sizeof **out, attn_cmp);
	return n;
}

bool
attn_involves(const struct attn_item *a, int dept, bool *led)
{
	*led = a->lead == dept;
	if (*led)
		return true;
	for (size_t i = 0; i < a->nsupport; i++)
		if (a->support[i] == dept)
			return true;
	return false;
}

enum attn_level
attn_kind_level(enum attn_kind k)
{
	return k < ATTN_NKINDS ? kind_levels[k] : ATTN_BLUE;
}

enum attn_level
attn_level_of(const struct attn_item *v, size_t n)
{
	enum attn_level l = ATTN_BLUE;

	for (size_t i = 0; i < n; i++)
		if (attn_kind_level(v[i].kind) > l)
			l = attn_kind_level(v[i].kind);
	return l;
}

const char *
attn_kind_key(enum attn_kind k)
{
	return k < ATTN_NKINDS ? kind_keys[k] : "none";
}

const char *
attn_level_key(enum attn_level l)
{
	return l == ATTN_RED ? "red" : l == ATTN_YELLOW ? "yellow" : "blue";
}
