/*
 * attention.c: the list of what needs chasing, from a review's results
 * (attention.h).  It decides no status of its own: the kinds are read from
 * what the rules of status.c set, so the list and every status agree.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

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

/* The symbols of the statuses the kinds come from (ms_state_symbol,
 * tg_state_symbol); falling triangles for pace, a dotted circle for a
 * value not reported. */
static const char *const kind_symbols[ATTN_NKINDS][2] = {
	[ATTN_OVERDUE] = { "[!]", "✖" }, [ATTN_MISSED] = { "[!]", "✖" },
	[ATTN_FAR_BEHIND] = { "[<<]", "▼" }, [ATTN_STALE] = { "[.]", "◌" },
	[ATTN_AT_RISK] = { "[^]", "▲" }, [ATTN_BEHIND] = { "[<]", "▽" },
	[ATTN_DUE_SOON] = { "[~]", "◷" },
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
		    r->in.due), r->in.ms };
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
		    t->due.day), -1 };
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

const char *
attn_kind_symbol(enum attn_kind k, bool utf8)
{
	return k < ATTN_NKINDS ? kind_symbols[k][utf8] : "";
}

/* An item of a list, for finding it by its kind of item and id. */
struct attn_key {
	enum item_kind	 item;
	const char	*id;
	size_t		 index;		/* in its list */
};

static int
key_cmp(const void *a, const void *b)
{
	const struct attn_key *x = a, *y = b;

	if (x->item != y->item)
		return x->item < y->item ? -1 : 1;
	return strcmp(x->id, y->id);
}

/* The keys of the n items of v, sorted (allocated; NULL when n is 0). */
static struct attn_key *
keys_new(const struct attn_item *v, size_t n)
{
	struct attn_key *k;

	if (n == 0)
		return NULL;
	k = xreallocarray(NULL, n, sizeof *k);
	for (size_t i = 0; i < n; i++)
		k[i] = (struct attn_key){ v[i].item, v[i].id, i };
	qsort(k, n, sizeof *k, key_cmp);
	return k;
}

/* The index in its list of the item like a, or -1. */
static ssize_t
keys_find(const struct attn_key *k, size_t n, const struct attn_item *a)
{
	struct attn_key want = { a->item, a->id, 0 };
	const struct attn_key *hit;

	if (n == 0)
		return -1;
	hit = bsearch(&want, k, n, sizeof *k, key_cmp);
	return hit != NULL ? (ssize_t)hit->index : -1;
}

static bool
worse(const struct attn_item *now, const struct attn_item *then)
{
	return attn_kind_level(now->kind) > attn_kind_level(then->kind) ||
	    now->sev > then->sev;
}

size_t
attn_compare(const struct attn_item *now, size_t nnow,
    const struct attn_item *then, size_t nthen, struct attn_diff **out)
{
	struct attn_key *k = keys_new(then, nthen);
	bool *seen = xcalloc(nthen + 1, sizeof *seen);
	size_t n = 0;

	*out = NULL;
	if (nnow + nthen == 0) {
		free(seen);
		return 0;
	}
	*out = xreallocarray(NULL, nnow + nthen, sizeof **out);
	for (size_t i = 0; i < nnow; i++) {
		ssize_t j = keys_find(k, nthen, &now[i]);
		struct attn_diff *d = &(*out)[n++];

		*d = (struct attn_diff){ ATTN_NEW, false, &now[i], NULL, 0 };
		if (j < 0)
			continue;
		seen[j] = true;
		d->what = ATTN_STILL;
		d->then = &then[j];
		d->worse = worse(d->now, d->then);
	}
	for (size_t j = 0; j < nthen; j++)
		if (!seen[j])
			(*out)[n++] = (struct attn_diff){ ATTN_RESOLVED, false,
			    NULL, &then[j], 0 };
	free(seen);
	free(k);
	return n;
}

void
attn_weeks(const struct plan *p, const struct facts *f,
    const struct review_opts *o, enum severity min, struct attn_diff *v,
    size_t n)
{
	bool *counting = xcalloc(n + 1, sizeof *counting);
	bool *ms_only = xcalloc(p->nms + 1, sizeof *ms_only);
	bool *tg_only = xcalloc(p->ntargets + 1, sizeof *tg_only);
	size_t left = 0;

	for (size_t i = 0; i < n; i++) {
		v[i].weeks = 0;
		counting[i] = v[i].what == ATTN_STILL;
		left += counting[i];
	}
	/* A review a week, back from D, while an item is still counting:
	 * at most ATTN_WEEKS_MAX of them, each of the milestones and
	 * targets of the items still counting only (an item's status is
	 * its own and its facts' alone), not of the whole plan. */
	for (int w = 1; w <= ATTN_WEEKS_MAX && left > 0; w++) {
		struct review_opts ow = *o;
		struct review *rv;
		struct attn_item *at;
		struct attn_key *k;
		size_t nat;

		memset(ms_only, 0, (p->nms + 1) * sizeof *ms_only);
		memset(tg_only, 0, (p->ntargets + 1) * sizeof *tg_only);
		for (size_t i = 0; i < n; i++) {
			if (!counting[i])
				continue;
			if (v[i].now->item == ITEM_INSTANCE)
				ms_only[v[i].now->ms] = true;
			else
				tg_only[v[i].now->index] = true;
		}
		ow.asof = o->asof - 7 * w;
		ow.ms_only = ms_only;
		ow.tg_only = tg_only;
		rv = review_new(p, f, &ow);
		nat = attention_list(rv, min, &at);
		k = keys_new(at, nat);
		for (size_t i = 0; i < n; i++) {
			if (!counting[i])
				continue;
			if (keys_find(k, nat, v[i].now) >= 0)
				v[i].weeks = w;
			else {
				counting[i] = false;
				left--;
			}
		}
		free(k);
		free(at);
		review_free(rv);
	}
	free(tg_only);
	free(ms_only);
	free(counting);
}
