/*
 * form.c: the review's forms and menus: record a value (r), progress (p),
 * done (d), reopen (u), time travel (t), search (/) and the filter (f).
 *
 * Each field is checked as it is typed and the problem is shown in the
 * form; what is saved goes through session_record() and the review is
 * rebuilt at once, so the history and the statuses show it.
 */
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "report/words.h"
#include "tui/modal.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * The source (the unit that reported it) last saved by a form of this
 * review, proposed by the next: a clerk enters one department's report
 * after another, several values from each.  NULL until a form saves one;
 * one review per process.
 */
static char	*last_source;

const struct keyhelp form_enter[FORM_NKINDS] = {
	[FORM_RECORD] = { "r", N_("record the value") },
	[FORM_PROGRESS] = { "p", N_("record the progress") },
	[FORM_DONE] = { "d", N_("record the milestone done") },
	[FORM_REOPEN] = { "u", N_("reopen the milestone") },
	[FORM_TRAVEL] = { "t", N_("go to the date") },
	[FORM_SEARCH] = { "/", N_("search") },
};

/* Filter menu choices. */
enum { CHOOSE_CLEAR, CHOOSE_DEPT, CHOOSE_MS_STATE, CHOOSE_TG_STATE };

/* A copy of s without leading and trailing blanks. */
static char *
trimmed(const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return xstrndup(s, n);
}

/* Check text as what accept allows for id (model/record.h). */
static char *
check_as(struct tui *t, enum record_accept accept, const char *id,
    const char *text)
{
	struct record_value rv;
	char *err = NULL;

	if (record_parse_msg(t->plan, accept, id, text, &rv, &err) != 0)
		return err != NULL ? err : xstrdup(_("invalid value"));
	record_value_release(&rv);
	return NULL;
}

static char *
check_value(struct tui *t, struct modal *m, const char *s)
{
	if (*s == '\0')
		return xstrdup(_("a value is required"));
	return check_as(t, ACCEPT_VALUE, t->plan->targets[m->target].id, s);
}

static char *
check_percent(struct tui *t, struct modal *m, const char *s)
{
	if (*s == '\0')
		return xstrdup(_("a percentage is required"));
	return check_as(t, ACCEPT_PROGRESS, t->rv->items[m->item].name, s);
}

static char *
check_date(struct tui *t, struct modal *m, const char *s)
{
	pw_day d;
	char *tr = trimmed(s), *err = NULL;
	int rc = date_parse_day(tr, &d);

	(void)m;
	free(tr);
	if (rc != 0)
		return xstrdup(_("not a date: expected YYYY-MM-DD"));
	if (record_check_date_msg(t->plan, d, t->today, &err) != 0)
		return err != NULL ? err : xstrdup(_("invalid date"));
	return NULL;
}

static char *
check_asof(struct tui *t, struct modal *m, const char *s)
{
	pw_day d;
	char *tr = trimmed(s);
	int rc = strcmp(tr, "today") == 0 ? 0 : date_parse_day(tr, &d);

	(void)t;
	(void)m;
	free(tr);
	return rc == 0 ? NULL : xstrdup(_("not a date: expected YYYY-MM-DD "
	    "or 'today'"));
}

static pw_day
field_date(const struct modal *m, int i)
{
	char *tr = trimmed(buf_str(&m->fields[i].value));
	pw_day d = DAY_NONE;

	if (date_parse_day(tr, &d) != 0)
		d = DAY_NONE;
	free(tr);
	return d;
}

static char *
field_note(const struct modal *m, int i)
{
	char *n = trimmed(buf_str(&m->fields[i].value));

	if (*n == '\0') {
		free(n);
		return NULL;
	}
	return n;
}

/* Save one record through the session (which opens the store for writing
 * on the first) and rebuild the review. */
static int
save(struct tui *t, struct record_in *rec, char **err)
{
	rec->by = t->by;
	if (tui_record(t, rec, 1, err) != 0)
		return -1;
	return TUI_ALL;
}

/* Parse the form's value field and save it with the date, the note and
 * the source (the field after the note). */
static int
submit_parsed(struct tui *t, struct modal *m, enum record_accept accept,
    const char *id, const char *text, int date_field, int note_field,
    char **err)
{
	struct record_value v;
	struct record_in rec = { 0 };
	char *note = field_note(m, note_field), date[11], num[32];
	char *source = field_note(m, note_field + 1);
	int r;

	if (record_parse_msg(t->plan, accept, id, text, &v, err) != 0) {
		free(note);
		free(source);
		return -1;
	}
	rec.kind = v.kind;
	rec.item = v.item;
	rec.date = field_date(m, date_field);
	rec.value = v.value;
	rec.level = v.level;
	rec.note = note;
	rec.source = source;
	r = save(t, &rec, err);
	if (r >= 0) {
		free(last_source);
		last_source = source != NULL ? xstrdup(source) : NULL;
		date_iso(rec.date, date);
		record_format_number(v.value, num);
		switch (v.kind) {
		case FACT_VALUE:
			tui_message(t, false, _("recorded %s for %s as of %s"),
			    v.level != NULL ? v.level : num, v.item, date);
			break;
		case FACT_PROGRESS:
			tui_message(t, false, _("progress of %s set to %s%% "
			    "as of %s"), v.item, num, date);
			break;
		case FACT_DONE:
			tui_message(t, false, _("%s done on %s"), v.item,
			    date);
			break;
		case FACT_REOPEN:
			tui_message(t, false, _("%s reopened as of %s"),
			    v.item, date);
			break;
		case FACT_VOID:	/* not a form's */
			break;
		}
	}
	record_value_release(&v);
	free(note);
	free(source);
	return r;
}

/* The source field, after the note: the last source saved. */
static void
add_source(struct modal *m)
{
	modal_add_field(m, N_("Source"), last_source != NULL ? last_source :
	    "", NULL);
}

static int
submit_record(struct tui *t, struct modal *m, char **err)
{
	return submit_parsed(t, m, ACCEPT_VALUE,
	    t->plan->targets[m->target].id, buf_str(&m->fields[0].value), 1,
	    2, err);
}

/* Save what a milestone form holds: progress has a value field first. */
static int
submit_ms(struct tui *t, struct modal *m, enum record_accept accept,
    char **err)
{
	char *id = xstrdup(t->rv->items[m->item].name);
	bool value = accept == ACCEPT_PROGRESS;
	int r = submit_parsed(t, m, accept, id, value ?
	    buf_str(&m->fields[0].value) : NULL, value, value + 1, err);

	free(id);
	return r;
}

static int
submit_progress(struct tui *t, struct modal *m, char **err)
{
	return submit_ms(t, m, ACCEPT_PROGRESS, err);
}

static int
submit_done(struct tui *t, struct modal *m, char **err)
{
	return submit_ms(t, m, ACCEPT_DONE, err);
}

static int
submit_reopen(struct tui *t, struct modal *m, char **err)
{
	return submit_ms(t, m, ACCEPT_REOPEN, err);
}

/* The date a form proposes: the as-of date, but never after today. */
static void
default_date(const struct tui *t, char out[static 11])
{
	date_iso(t->asof < t->today ? t->asof : t->today, out);
}

static const struct view *
cur_view(const struct tui *t)
{
	return tui_views[t->cur];
}

/*
 * What the selected row of the current view is: *tg a target index, *item
 * a milestone instance, -1 when not.  Returns false, with a message said,
 * when the view shows no item at all.
 */
static bool
selection(struct tui *t, int *tg, long *item)
{
	const struct view *v = cur_view(t);
	void *data = t->vdata[t->cur];

	*tg = v->sel_target != NULL ? v->sel_target(data, t) : -1;
	*item = v->sel_item != NULL ? v->sel_item(data, t) : -1;
	if (v->sel_target == NULL && v->sel_item == NULL) {
		tui_message(t, true, _("%s is read-only: select a milestone or "
		    "a target in Overview, Milestones or Targets"),
		    _(v->name));
		return false;
	}
	return true;
}

void
form_record(struct tui *t)
{
	int tg;
	long item;
	char date[11];

	if (!selection(t, &tg, &item))
		return;
	if (item >= 0) {
		tui_message(t, true, _("%s is a milestone: r records a "
		    "target's value; p sets its progress, d marks it done"),
		    t->rv->items[item].name);
		return;
	}
	if (tg < 0) {
		tui_message(t, true, "%s", _("the selected row is not a "
		    "target: select one in Overview or Targets"));
		return;
	}
	const struct target *target = &t->plan->targets[tg];
	struct modal *m = modal_new(t, MODAL_FORM, _("Record a value"));
	m->target = tg;
	m->subject = target->unit != NULL ? xasprintf("%s %s (%s)",
	    target->id, target->name, target->unit) :
	    xasprintf("%s %s", target->id, target->name);
	default_date(t, date);
	modal_add_field(m, target->nscale > 0 ? N_("Level") : N_("Value"),
	    "", check_value);
	modal_add_field(m, N_("As of"), date, check_date);
	modal_add_field(m, N_("Note"), "", NULL);
	add_source(m);
	m->enter = form_enter[FORM_RECORD].help;
	m->submit = submit_record;
}

/* The milestone instance selected, or -1 with a message said. */
static long
selected_item(struct tui *t)
{
	int tg;
	long i;

	if (!selection(t, &tg, &i))
		return -1;
	if (tg >= 0)
		tui_message(t, true, _("%s is a target: p, d and u are for "
		    "milestones; r records its value"),
		    t->plan->targets[tg].id);
	else if (i < 0)
		tui_message(t, true, "%s", _("the selected row is not a "
		    "milestone: select one in Overview or Milestones (Space "
		    "unfolds a recurring one)"));
	return i;
}

static struct modal *
ms_form(struct tui *t, long item, const char *title, enum form_kind kind)
{
	const struct ms_result *r = &t->rv->items[item];
	struct modal *m = modal_new(t, MODAL_FORM, title);

	m->item = item;
	m->enter = form_enter[kind].help;
	m->subject = xasprintf("%s %s", r->name, t->plan->ms[r->in.ms].name);
	return m;
}

void
form_progress(struct tui *t)
{
	long i = selected_item(t);
	char date[11], pct[16] = "";

	if (i < 0)
		return;
	const struct ms_result *r = &t->rv->items[i];
	if (r->state == MS_DONE || r->state == MS_LATE) {
		tui_message(t, true, _("%s is done; u reopens it"), r->name);
		return;
	}
	struct modal *m = ms_form(t, i, _("Set progress"), FORM_PROGRESS);
	if (r->has_progress)
		snprintf(pct, sizeof pct, "%.0f", r->progress);
	default_date(t, date);
	modal_add_field(m, N_("Progress %"), pct, check_percent);
	modal_add_field(m, N_("As of"), date, check_date);
	modal_add_field(m, N_("Note"), "", NULL);
	add_source(m);
	m->submit = submit_progress;
}

void
form_done(struct tui *t)
{
	long i = selected_item(t);
	char date[11];

	if (i < 0)
		return;
	const struct ms_result *r = &t->rv->items[i];
	if (r->state == MS_DONE || r->state == MS_LATE) {
		date_iso(r->done_date, date);
		tui_message(t, true, _("%s is already done (%s); u reopens "
		    "it"), r->name, date);
		return;
	}
	struct modal *m = ms_form(t, i, _("Mark done"), FORM_DONE);
	default_date(t, date);
	modal_add_field(m, N_("Done on"), date, check_date);
	modal_add_field(m, N_("Note"), "", NULL);
	add_source(m);
	/* The date is filled in: what is typed first is the note. */
	m->cur = 1;
	m->submit = submit_done;
}

void
form_reopen(struct tui *t)
{
	long i = selected_item(t);
	char date[11];

	if (i < 0)
		return;
	const struct ms_result *r = &t->rv->items[i];
	if (r->state != MS_DONE && r->state != MS_LATE) {
		tui_message(t, true, _("%s is not done; nothing to reopen"),
		    r->name);
		return;
	}
	struct modal *m = ms_form(t, i, _("Reopen"), FORM_REOPEN);
	default_date(t, date);
	modal_add_field(m, N_("Reopen as of"), date, check_date);
	modal_add_field(m, N_("Note"), "", NULL);
	add_source(m);
	m->cur = 1;
	m->submit = submit_reopen;
}

static int
submit_travel(struct tui *t, struct modal *m, char **err)
{
	char *tr = trimmed(buf_str(&m->fields[0].value)), date[11];
	pw_day d = t->today;

	(void)err;
	if (strcmp(tr, "today") != 0)
		date_parse_day(tr, &d);
	free(tr);
	t->asof = d;
	date_iso(d, date);
	tui_message(t, false, d == t->today ? _("as of today, %s") :
	    _("as of %s: T returns to today"), date);
	return TUI_REBUILD;
}

void
travel_open(struct tui *t)
{
	char date[11];
	struct modal *m = modal_new(t, MODAL_FORM, _("Time travel"));

	date_iso(t->asof, date);
	m->subject = xstrdup(_("Review the plan as it stood on a date"));
	modal_add_field(m, N_("As of"), date, check_asof);
	m->enter = form_enter[FORM_TRAVEL].help;
	m->submit = submit_travel;
}

static int
submit_search(struct tui *t, struct modal *m, char **err)
{
	const struct view *v = cur_view(t);
	struct list *l = v->list != NULL ? v->list(t->vdata[t->cur]) : NULL;

	(void)err;
	free(t->search);
	t->search = trimmed(buf_str(&m->fields[0].value));
	if (*t->search == '\0')
		return TUI_STATUS;
	int r = l != NULL ? list_search(l, t, t->search, 1, true) : 0;
	if (r == 0)
		tui_message(t, true, _("not found: %s"), t->search);
	return r | TUI_STATUS;
}

void
search_open(struct tui *t)
{
	struct modal *m = modal_new(t, MODAL_FORM, _("Search"));

	m->bottom = true;
	m->enter = form_enter[FORM_SEARCH].help;
	modal_add_field(m, "/", "", NULL);
	m->submit = submit_search;
}

static int
choose_filter(struct tui *t, struct modal *m, const struct menu_item *it)
{
	(void)m;
	switch (it->kind) {
	case CHOOSE_CLEAR:
		t->filter_dept = -1;
		t->filter_kind = FILTER_NONE;
		break;
	case CHOOSE_DEPT:
		t->filter_dept = it->value;
		break;
	case CHOOSE_MS_STATE:
		t->filter_kind = FILTER_MS_STATE;
		t->filter_state = it->value;
		break;
	case CHOOSE_TG_STATE:
		t->filter_kind = FILTER_TG_STATE;
		t->filter_state = it->value;
		break;
	}
	tui_refresh_views(t);
	return TUI_ALL;
}

void
filter_open(struct tui *t)
{
	struct modal *m = modal_new(t, MODAL_MENU, _("Filter"));

	menu_add(m, EL_NORMAL, false, CHOOSE_CLEAR, 0, "%s",
	    _("everything (clear the filter)"));
	menu_add(m, EL_TITLE, true, 0, 0, "%s", _("Milestones that are"));
	for (int s = 0; s < MS_NSTATES; s++)
		menu_add(m, tone_element(ms_state_tone(s)), false,
		    CHOOSE_MS_STATE, s, "%s %s", ms_state_symbol(s, t->utf8),
		    ms_state_label(s));
	menu_add(m, EL_TITLE, true, 0, 0, "%s", _("Targets that are"));
	for (int s = 0; s < TG_NSTATES; s++)
		menu_add(m, tone_element(tg_state_tone(s)), false,
		    CHOOSE_TG_STATE, s, "%s %s", tg_state_symbol(s, t->utf8),
		    tg_state_label(s));
	menu_add(m, EL_TITLE, true, 0, 0, "%s", _("Led or supported by"));
	for (size_t d = 0; d < t->plan->ndepts; d++)
		menu_add(m, EL_NORMAL, false, CHOOSE_DEPT, (int)d, "%s",
		    t->plan->depts[d].name);
	m->choose = choose_filter;
	menu_ready(t, m);
}
