/*
 * ics.c: an iCalendar file (RFC 5545) of the plan's due dates: one all-day
 * event per milestone instance, target and target stage.  UIDs come from
 * the plan and item ids only, so exporting the same plan again updates the
 * same events.  Lines end in CRLF and are folded at 75 octets, never inside
 * a UTF-8 character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xalloc.h"

#ifndef PLANWATCH_VERSION
#define PLANWATCH_VERSION "0"
#endif

#define ICS_FOLD	75

/* Append one content line, folded. */
static void
ics_line(struct buf *b, const char *line)
{
	size_t n = strlen(line), i = 0, room = ICS_FOLD;

	while (n - i > room) {
		size_t k = room;

		/* Never cut a UTF-8 sequence: back up to a lead byte. */
		while (k > 1 && ((unsigned char)line[i + k] & 0xc0) == 0x80)
			k--;
		buf_add(b, line + i, k);
		buf_puts(b, "\r\n ");
		i += k;
		room = ICS_FOLD - 1;
	}
	buf_add(b, line + i, n - i);
	buf_puts(b, "\r\n");
}

static void
ics_prop(struct buf *b, const char *name, const char *value)
{
	struct buf l = BUF_INIT;

	buf_puts(&l, name);
	buf_putc(&l, ':');
	esc_ics(&l, value);
	ics_line(b, buf_str(&l));
	buf_release(&l);
}

static void
ics_ymd(pw_day d, char out[static 9])
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	snprintf(out, 9, "%04d%02d%02d", y, m, dd);
}

/* An id as a UID part: "@" (instance ids) becomes "+". */
static void
uid_part(struct buf *b, const char *id)
{
	for (const char *p = id; *p; p++)
		buf_putc(b, *p == '@' ? '+' : *p);
}

/* The description's lines, shared by every kind of event. */
static void
describe(struct buf *d, const struct review *rv, const char *id, int lead,
    const int *support, size_t nsupport, const char *status)
{
	const struct plan *p = rv->plan;
	char asof[32];

	date_human(rv->asof, asof);
	buf_printf(d, "%s: %s\n", _("ID"), id);
	buf_printf(d, "%s: %s\n", _("Lead"), plan_dept_label(p, lead));
	if (nsupport > 0) {
		buf_printf(d, "%s: ", _("Support"));
		for (size_t i = 0; i < nsupport; i++)
			buf_printf(d, "%s%s", i ? ", " : "",
			    plan_dept_label(p, support[i]));
		buf_putc(d, '\n');
	}
	if (status != NULL)
		buf_printf(d, _("Status as of %s: %s\n"), asof, status);
	buf_printf(d, "%s: %s", _("Plan"), p->title);
	if (p->document != NULL)
		buf_printf(d, " (%s)", p->document);
}

/* esc_ics() keeps "\n" only between the lines we made: each line is made
 * safe on its own. */
static char *
desc_lines(const char *s)
{
	struct buf out = BUF_INIT;
	const char *p = s, *nl;

	while ((nl = strchr(p, '\n')) != NULL) {
		char *line = xstrndup(p, (size_t)(nl - p));
		struct buf e = BUF_INIT;

		esc_ics(&e, line);
		buf_puts(&out, buf_str(&e));
		buf_puts(&out, "\\n");
		buf_release(&e);
		free(line);
		p = nl + 1;
	}
	struct buf e = BUF_INIT;
	esc_ics(&e, p);
	buf_puts(&out, buf_str(&e));
	buf_release(&e);
	return buf_detach(&out);
}

static void
event(struct buf *b, const struct review *rv, const char *dtstamp,
    const char *uid, pw_day due, const char *summary, struct buf *desc)
{
	char *d = desc_lines(buf_str(desc));
	struct buf l = BUF_INIT;
	char ymd[9];

	ics_line(b, "BEGIN:VEVENT");
	buf_puts(&l, "UID:");
	esc_ics(&l, uid);
	buf_puts(&l, "@");
	esc_ics(&l, rv->plan->id);
	buf_puts(&l, ".planwatch");
	ics_line(b, buf_str(&l));
	buf_reset(&l);
	buf_printf(&l, "DTSTAMP:%s", dtstamp);
	ics_line(b, buf_str(&l));
	buf_reset(&l);
	ics_ymd(due, ymd);
	buf_printf(&l, "DTSTART;VALUE=DATE:%s", ymd);
	ics_line(b, buf_str(&l));
	buf_reset(&l);
	ics_ymd(due + 1, ymd);
	buf_printf(&l, "DTEND;VALUE=DATE:%s", ymd);
	ics_line(b, buf_str(&l));
	ics_prop(b, "SUMMARY", summary);
	buf_reset(&l);
	buf_printf(&l, "DESCRIPTION:%s", d);
	ics_line(b, buf_str(&l));
	ics_line(b, "TRANSP:TRANSPARENT");
	ics_line(b, "END:VEVENT");
	buf_release(&l);
	free(d);
	buf_reset(desc);
}

void
ics_write(const struct review *rv, const char *dtstamp, struct buf *out)
{
	struct rsink s = { .b = out };

	ics_write_sink(rv, dtstamp, &s);
}

void
ics_write_sink(const struct review *rv, const char *dtstamp,
    struct rsink *o)
{
	struct buf *b = o->b;
	const struct plan *p = rv->plan;
	struct buf uid = BUF_INIT, sum = BUF_INIT, desc = BUF_INIT;
	char v[256];

	ics_line(b, "BEGIN:VCALENDAR");
	ics_line(b, "VERSION:2.0");
	ics_line(b, "PRODID:-//planwatch//planwatch " PLANWATCH_VERSION "//EN");
	ics_line(b, "CALSCALE:GREGORIAN");
	ics_prop(b, "X-WR-CALNAME", p->title);
	/* Every instance from the plan, those not begun yet too: a
	 * calendar looks ahead.  The status comes from the review where it
	 * has the instance. */
	struct instance *iv = NULL;
	struct ms_span *spans = report_ms_spans(rv);
	size_t ni = 0, icap = 0;
	for (size_t mi = 0; mi < p->nms; mi++) {
		const struct milestone *m = &p->ms[mi];
		/* Its instances in the review, in the same order. */
		size_t next = spans[mi].first, end = next + spans[mi].n;

		ni = 0;
		plan_instances(p, (int)mi, &iv, &ni, &icap);
		for (size_t k = 0; k < ni; k++) {
			const struct ms_result *it = NULL;
			char *name = plan_instance_name(p, &iv[k]);

			for (size_t j = next; j < end; j++)
				if (strcmp(rv->items[j].name, name) == 0) {
					it = &rv->items[j];
					next = j + 1;
					break;
				}
			if (iv[k].due != DAY_NONE) {
				buf_reset(&uid);
				buf_puts(&uid, "ms.");
				uid_part(&uid, name);
				buf_reset(&sum);
				buf_puts(&sum, m->name);
				if (iv[k].period != DAY_NONE)
					buf_printf(&sum, " (%s)",
					    strchr(name, '@') + 1);
				describe(&desc, rv, name, m->owner, m->support,
				    m->nsupport, it != NULL ?
				    ms_state_label(it->state) : NULL);
				event(b, rv, dtstamp, buf_str(&uid), iv[k].due,
				    buf_str(&sum), &desc);
				rsink_mark(o);
			}
			free(name);
		}
	}
	free(iv);
	free(spans);
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *tr = &rv->targets[i];
		const struct target *t = &p->targets[tr->target];

		for (size_t k = 0; k <= t->nstages; k++) {
			bool stage = k < t->nstages;
			pw_day due = stage ? t->stages[k].due.day : t->due.day;
			double goal = stage ? t->stages[k].target : t->target;

			if (due == DAY_NONE)
				continue;
			buf_reset(&uid);
			buf_puts(&uid, "tg.");
			uid_part(&uid, t->id);
			if (stage)
				buf_printf(&uid, ".stage%zu", k + 1);
			report_tg_value(t, goal, v, sizeof v);
			buf_reset(&sum);
			buf_printf(&sum, "%s %s %s", t->name,
			    direction_symbol(t->dir), v);
			if (stage)
				buf_printf(&sum, " (%s)", _("stage"));
			describe(&desc, rv, t->id, t->owner, t->support,
			    t->nsupport, tg_state_label(tr->state));
			event(b, rv, dtstamp, buf_str(&uid), due,
			    buf_str(&sum), &desc);
			rsink_mark(o);
		}
	}
	ics_line(b, "END:VCALENDAR");
	buf_release(&uid);
	buf_release(&sum);
	buf_release(&desc);
}
