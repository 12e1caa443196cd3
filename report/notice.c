/*
 * notice.c: reminder notices (督办提示函) to the departments that lead or
 * support something on the attention list (model/attention.h): title with
 * the level of the worst item, the notice's number, addressee, a body
 * citing the plan and its document number, the items in sections by kind
 * (overdue, behind the expected pace, due soon, targets missed, at risk,
 * not reported), in each those the department leads apart from those it
 * supports, the date a reply is asked for, the contact, and the issuing
 * office and date.  Which items, their kinds and reasons are the list's
 * and reason.c's: nothing here decides a status.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "report/reason.h"
#include "report/report.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define NOTICE_WIDTH	80

/* The sections of a notice, in the order a reader chases them; an item is
 * in the section of its worst kind, with every kind in its reason. */
static const struct nsection {
	const char	*key;		/* JSON */
	const char	*title;		/* N_() */
	unsigned	 kinds;
} nsections[] = {
	{ "overdue", N_("Items overdue"), 1u << ATTN_OVERDUE },
	{ "behind", N_("Behind the expected pace"),
	  1u << ATTN_FAR_BEHIND | 1u << ATTN_BEHIND },
	{ "due-soon", N_("Due soon"), 1u << ATTN_DUE_SOON },
	{ "missed", N_("Targets missed"), 1u << ATTN_MISSED },
	{ "at-risk", N_("Targets at risk"), 1u << ATTN_AT_RISK },
	{ "stale", N_("Not reported on time"), 1u << ATTN_STALE },
};
#define NSECTIONS	(sizeof nsections / sizeof nsections[0])

/* Is a on dept's notice, and does dept lead it?  An item with no lead is
 * on no notice: there is no one to chase. */
static bool
on_notice(const struct attn_item *a, int dept, bool *led)
{
	return a->lead >= 0 && attn_involves(a, dept, led);
}

bool
notice_wanted(const struct attn_item *v, size_t n, int dept)
{
	bool led;

	for (size_t i = 0; i < n; i++)
		if (on_notice(&v[i], dept, &led))
			return true;
	return false;
}

/* What one notice holds: its items, in the list's order, each with the
 * section it goes in. */
struct nitem {
	const struct attn_item *a;
	size_t		 section;
	bool		 led;
};

struct notice {
	const struct review *rv;
	const struct notice_opts *o;
	int		 dept;
	struct nitem	*v;
	size_t		 n;
	enum attn_level	 level;
};

static size_t
section_of(const struct attn_item *a)
{
	for (size_t s = 0; s < NSECTIONS; s++)
		if (nsections[s].kinds & (1u << a->kind))
			return s;
	return NSECTIONS - 1;
}

static void
notice_init(struct notice *nt, const struct review *rv,
    const struct attn_item *v, size_t n, int dept,
    const struct notice_opts *o)
{
	bool led;

	memset(nt, 0, sizeof *nt);
	nt->rv = rv;
	nt->o = o;
	nt->dept = dept;
	nt->v = xcalloc(n + 1, sizeof *nt->v);
	nt->level = ATTN_BLUE;
	for (size_t i = 0; i < n; i++) {
		if (!on_notice(&v[i], dept, &led))
			continue;
		nt->v[nt->n++] = (struct nitem){ &v[i], section_of(&v[i]),
		    led };
		if (attn_level_of(&v[i], 1) > nt->level)
			nt->level = attn_level_of(&v[i], 1);
	}
}

/* How many of the notice's items are in section s, led (or supported). */
static size_t
count(const struct notice *nt, size_t s, bool led)
{
	size_t k = 0;

	for (size_t i = 0; i < nt->n; i++)
		k += nt->v[i].section == s && nt->v[i].led == led;
	return k;
}

static void
due_text(pw_day d, char out[static 32])
{
	if (d == DAY_NONE)
		strcpy(out, "-");
	else
		date_human(d, out);
}

static const char *
item_name(const struct review *rv, const struct attn_item *a)
{
	if (a->item == ITEM_INSTANCE)
		return rv->plan->ms[rv->items[a->index].in.ms].name;
	return rv->plan->targets[a->index].name;
}

/* The table of section s's items that dept leads (or supports: with the
 * lead department). */
static void
table(const struct notice *nt, size_t s, bool led, struct rtable *t,
    struct reason_cache *rc)
{
	const struct rcol cols[] = {
		{ _("ID"), ALIGN_LEFT, RCOL_WHOLE },
		{ _("Item"), ALIGN_LEFT, 60 },
		{ _("Lead"), ALIGN_LEFT, 14 },
		{ _("Due"), ALIGN_LEFT, 18 },
		{ _("Why"), ALIGN_LEFT, 60 },
	};
	const struct rcol lcols[] = { cols[0], cols[1], cols[3], cols[4] };
	struct buf why = BUF_INIT;

	if (led)
		rtable_init(t, lcols, 4, 1);
	else
		rtable_init(t, cols, 5, 1);
	for (size_t i = 0; i < nt->n; i++) {
		const struct nitem *it = &nt->v[i];
		struct rrow *row;
		char due[32];
		size_t c = 0;

		if (it->section != s || it->led != led)
			continue;
		row = rtable_row(t, false);
		rcell(row, c++, TONE_NEUTRAL, "%s", it->a->id);
		rcell(row, c++, TONE_NEUTRAL, "%s", item_name(nt->rv, it->a));
		if (!led)
			rcell(row, c++, TONE_NEUTRAL, "%s",
			    plan_dept_label(nt->rv->plan, it->a->lead));
		due_text(it->a->due, due);
		rcell(row, c++, TONE_NEUTRAL, "%s", due);
		buf_reset(&why);
		attn_reason(&why, nt->rv, it->a, rc);
		rcell(row, c, TONE_NEUTRAL, "%s", buf_str(&why));
	}
	buf_release(&why);
}

/* The notice's title: "Reminder notice (red)". */
static char *
title(const struct notice *nt)
{
	struct buf b = BUF_INIT;

	buf_printf(&b, _("Reminder notice (%s)"),
	    attn_level_label(nt->level));
	return buf_detach(&b);
}

/* The body's first paragraph, citing the plan. */
static char *
opening(const struct notice *nt)
{
	const struct plan *p = nt->rv->plan;
	struct buf b = BUF_INIT;
	char asof[32], *t = text_safe(p->title);

	date_human(nt->rv->asof, asof);
	if (p->document != NULL)
		buf_printf(&b, _("Under the plan “%s” (%s), as of %s the items "
		    "below that your department leads or supports are overdue, "
		    "behind the expected pace or due soon, or their targets "
		    "are missed, at risk or not reported on time. Please give "
		    "them your full attention and move them forward."), t,
		    p->document, asof);
	else
		buf_printf(&b, _("Under the plan “%s”, as of %s the items "
		    "below that your department leads or supports are overdue, "
		    "behind the expected pace or due soon, or their targets "
		    "are missed, at risk or not reported on time. Please give "
		    "them your full attention and move them forward."), t,
		    asof);
	free(t);
	return buf_detach(&b);
}

static char *
reply(const struct notice *nt)
{
	struct buf b = BUF_INIT;
	char day[32];

	date_human(nt->o->reply_by, day);
	buf_printf(&b, _("Please reply in writing with the progress of these "
	    "items and the next steps by %s."), day);
	return buf_detach(&b);
}

/* "Contact: 王敏, telephone: 0898-88881234", or NULL without either. */
static char *
contact(const struct notice *nt)
{
	const char *who = nt->o->contact, *tel = nt->o->phone;
	struct buf b = BUF_INIT;

	if (who != NULL && tel != NULL)
		buf_printf(&b, _("Contact: %s, telephone: %s"), who, tel);
	else if (who != NULL)
		buf_printf(&b, _("Contact: %s"), who);
	else if (tel != NULL)
		buf_printf(&b, _("Telephone: %s"), tel);
	else
		return NULL;
	return buf_detach(&b);
}

static const char *
addressee(const struct notice *nt)
{
	return nt->rv->plan->depts[nt->dept].name;
}

/* --- Text and Markdown ---------------------------------------------------- */

#define GAP	2
#define LEADW	14		/* widest a lead department is shown */
#define NAMEMIN	12		/* the least of a name shown beside them */

static int
widest(int w, const char *s, int max)
{
	int k = text_width(s);

	if (max > 0 && k > max)
		k = max;
	return k > w ? k : w;
}

/* One cell and the gap after it, or the last cell unpadded. */
static void
cell(struct buf *b, const char *s, int w, bool last)
{
	text_fit_buf(b, s, w, ALIGN_LEFT);
	if (!last)
		buf_printf(b, "%*s", GAP, "");
	else
		while (b->len > 0 && b->s[b->len - 1] == ' ')
			b->s[--b->len] = '\0';
}

/*
 * Section s's items that dept leads (or supports) for a printer: id, name,
 * the lead for those it supports, due date; the reason under the name,
 * wrapped, never cut.  An id is never cut either; a name is, to keep the
 * line within NOTICE_WIDTH.
 */
static void
text_table(const struct notice *nt, size_t s, bool led, bool utf8,
    struct buf *b, struct reason_cache *rc)
{
	const struct plan *p = nt->rv->plan;
	int wid = text_width(_("ID")), wname = text_width(_("Item"));
	int wlead = led ? 0 : text_width(_("Lead")), wdue = text_width(_("Due"));
	struct buf why = BUF_INIT, pad = BUF_INIT;
	char due[32];

	for (size_t i = 0; i < nt->n; i++) {
		const struct attn_item *a = nt->v[i].a;

		if (nt->v[i].section != s || nt->v[i].led != led)
			continue;
		wid = widest(wid, a->id, 0);
		wname = widest(wname, item_name(nt->rv, a), 0);
		if (!led)
			wlead = widest(wlead, plan_dept_label(p, a->lead),
			    LEADW);
		due_text(a->due, due);
		wdue = widest(wdue, due, 0);
	}
	int room = NOTICE_WIDTH - 2 - wid - GAP - wdue - GAP -
	    (led ? 0 : wlead + GAP);
	/* Too long an id for the columns: the lead and the date go under
	 * the name, each after its heading, and the name has the rest. */
	bool stack = room < NAMEMIN;
	if (stack)
		room = NOTICE_WIDTH - 2 - wid - GAP;
	if (wname > room)
		wname = room > NAMEMIN ? room : NAMEMIN;
	buf_printf(&pad, "%*s", 2 + wid + GAP, "");
	for (int under = 0; under < 2; under++) {
		const char *h[] = { _("ID"), _("Item"), _("Lead"), _("Due") };
		int w[] = { wid, wname, wlead, wdue };
		int last = stack ? 1 : 3;

		buf_puts(b, "  ");
		for (int c = 0; c <= last; c++) {
			if (c == 2 && led)
				continue;
			if (!under) {
				cell(b, h[c], w[c], c == last);
				continue;
			}
			for (int k = 0; k < w[c]; k++)
				buf_puts(b, utf8 ? "─" : "-");
			if (c < last)
				buf_printf(b, "%*s", GAP, "");
		}
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < nt->n; i++) {
		const struct attn_item *a = nt->v[i].a;
		const char *lead = plan_dept_label(p, a->lead);

		if (nt->v[i].section != s || nt->v[i].led != led)
			continue;
		due_text(a->due, due);
		buf_puts(b, "  ");
		cell(b, a->id, wid, false);
		cell(b, item_name(nt->rv, a), wname, stack);
		if (!led && !stack)
			cell(b, lead, wlead, false);
		if (!stack)
			cell(b, due, wdue, true);
		buf_putc(b, '\n');
		buf_reset(&why);
		if (stack) {
			buf_printf(&why, "%s %s", _("Due"), due);
			if (!led)
				buf_printf(&why, "%*s%s %s", GAP, "", _("Lead"),
				    lead);
			report_wrap(b, buf_str(&why), NOTICE_WIDTH,
			    buf_str(&pad));
			buf_reset(&why);
		}
		attn_reason(&why, nt->rv, a, rc);
		report_wrap(b, buf_str(&why), NOTICE_WIDTH, buf_str(&pad));
	}
	buf_release(&pad);
	buf_release(&why);
}

/* A line centred. */
static void
centred(struct buf *b, const char *s)
{
	int w = text_width(s), pad = (NOTICE_WIDTH - w) / 2;

	if (pad > 0)
		buf_printf(b, "%*s", pad, "");
	text_safe_buf(b, s);
	buf_putc(b, '\n');
}

/* A line pushed right, under the body, as a letter is signed. */
static void
signed_line(struct buf *b, const char *s, bool md)
{
	int pad = NOTICE_WIDTH - 4 - text_width(s);

	if (md) {
		esc_md(b, s);
		buf_puts(b, "  \n");
		return;
	}
	if (pad < 0) {
		report_wrap(b, s, NOTICE_WIDTH, "");
		return;
	}
	if (pad > 0)
		buf_printf(b, "%*s", pad, "");
	text_safe_buf(b, s);
	buf_putc(b, '\n');
}

static void
paragraph(struct buf *b, const char *s, bool md)
{
	if (md) {
		esc_md(b, s);
		buf_puts(b, "\n\n");
		return;
	}
	/* Indent the first line as a letter does: wrap at the full width,
	 * the first line two characters in. */
	report_wrap(b, s, NOTICE_WIDTH, "    ");
	buf_putc(b, '\n');
}

static void
heading(struct buf *b, const char *s, int level, bool md)
{
	if (md) {
		buf_printf(b, "%.*s ", level + 1, "#####");
		esc_md(b, s);
		buf_puts(b, "\n\n");
	} else
		report_wrap(b, s, NOTICE_WIDTH, level == 2 ? "" : "  ");
}

static void
plain(const struct notice *nt, bool md, struct buf *b)
{
	const struct plan *p = nt->rv->plan;
	struct reason_cache rc = { 0 };
	struct buf s = BUF_INIT;
	char asof[32], *t;

	t = title(nt);
	if (md) {
		buf_puts(b, "# ");
		esc_md(b, t);
		buf_puts(b, "\n\n");
		if (nt->o->number != NULL) {
			esc_md(b, nt->o->number);
			buf_puts(b, "\n\n");
		}
		buf_puts(b, "**");
	} else {
		buf_putc(b, '\n');
		centred(b, t);
		if (nt->o->number != NULL)
			centred(b, nt->o->number);
		buf_putc(b, '\n');
	}
	free(t);
	buf_printf(&s, _("%s:"), addressee(nt));
	if (md) {
		esc_md(b, buf_str(&s));
		buf_puts(b, "**\n\n");
	} else {
		report_wrap(b, buf_str(&s), NOTICE_WIDTH, "");
		buf_putc(b, '\n');
	}
	t = opening(nt);
	paragraph(b, t, md);
	free(t);
	for (size_t k = 0; k < NSECTIONS; k++) {
		if (count(nt, k, true) + count(nt, k, false) == 0)
			continue;
		heading(b, _(nsections[k].title), 2, md);
		for (int led = 1; led >= 0; led--) {
			struct rtable tb;

			if (count(nt, k, led) == 0)
				continue;
			heading(b, led ? _("Items your department leads") :
			    _("Items your department supports"), 3, md);
			if (md) {
				table(nt, k, led, &tb, &rc);
				rtable_md(b, &tb);
				rtable_release(&tb);
			} else
				text_table(nt, k, led, text_utf8_locale(), b,
				    &rc);
			buf_putc(b, '\n');
		}
	}
	t = reply(nt);
	paragraph(b, t, md);
	free(t);
	if ((t = contact(nt)) != NULL) {
		paragraph(b, t, md);
		free(t);
	}
	if (!md)
		buf_putc(b, '\n');
	if (p->issuer != NULL)
		signed_line(b, p->issuer, md);
	date_human(nt->rv->asof, asof);
	signed_line(b, asof, md);
	buf_release(&s);
}

/* --- HTML ----------------------------------------------------------------- */

/*
 * A letter for A4 in the layout of official documents (GB/T 9704): a
 * serif title centred, the notice's number under it, the addressee flush
 * left, paragraphs indented two characters, tables ruled on every side,
 * the issuer and the date flush right.  Each notice starts a page; table
 * rows never break across one, and an id, a date never inside a cell.
 */
static const char css[] =
"@page{size:A4 portrait;margin:25mm 24mm 22mm 26mm}\n"
"*{box-sizing:border-box}\n"
"body{font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\","
"\"Songti SC\",SimSun,\"Noto Sans CJK SC\",serif;font-size:12pt;"
"line-height:1.6;color:#000;margin:0 auto;max-width:160mm;padding:8mm 0}\n"
"section.notice{break-after:page;page-break-after:always}\n"
"section.notice:last-child{break-after:auto;page-break-after:auto}\n"
"h1{font-size:20pt;font-weight:bold;text-align:center;margin:0 0 2mm;"
"letter-spacing:0.05em}\n"
"h1 .level{font-size:14pt}\n"
".lv-red{color:#c00000}.lv-yellow{color:#a66a00}.lv-blue{color:#0b4fa0}\n"
"p.number{text-align:center;margin:0 0 4mm}\n"
"hr.rule{border:0;border-top:2px solid #c00000;margin:0 0 6mm}\n"
"p.to{margin:0 0 2mm;font-weight:bold}\n"
"p{margin:0 0 2mm;text-indent:2em;text-align:justify}\n"
"p.to,p.sign{text-indent:0}\n"
"h2{font-size:13pt;margin:5mm 0 1.5mm;break-after:avoid;"
"page-break-after:avoid}\n"
"h3{font-size:12pt;font-weight:normal;margin:2mm 0 1mm;break-after:avoid;"
"page-break-after:avoid}\n"
"table{width:100%;border-collapse:collapse;font-size:10.5pt;"
"line-height:1.4;margin:0 0 2mm}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"th,td{border:1px solid #000;padding:1mm 1.5mm;text-align:left;"
"vertical-align:top}\n"
"th{font-weight:bold;background:#f2f2f2;white-space:nowrap}\n"
"td.id,td.d{white-space:nowrap}td.n,td.w{overflow-wrap:anywhere}\n"
"td.n{min-width:32mm}td.w{min-width:44mm}\n"
"p.sign{text-align:right;margin:0}\n"
"div.sign{margin-top:10mm;break-inside:avoid;page-break-inside:avoid}\n"
"@media print{body{padding:0;max-width:none}}\n";

static void
html_table(struct buf *b, const struct rtable *t)
{
	buf_puts(b, "<table>\n<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		buf_puts(b, "<th>");
		esc_html(b, t->heads[c]);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		buf_puts(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			/* The id, the lead and the date whole; the name and
			 * the reason wrap. */
			const char *cl = c == 0 ? "id" : c == 1 ? "n" :
			    c + 1 == t->ncols ? "w" : "d";
			buf_printf(b, "<td class=\"%s\">", cl);
			esc_html(b, t->rows[i].cells[c].text);
			buf_puts(b, "</td>");
		}
		buf_puts(b, "</tr>\n");
	}
	buf_puts(b, "</tbody>\n</table>\n");
}

static void
html_p(struct buf *b, const char *cls, const char *s)
{
	if (cls != NULL)
		buf_printf(b, "<p class=\"%s\">", cls);
	else
		buf_puts(b, "<p>");
	esc_html(b, s);
	buf_puts(b, "</p>\n");
}

static void
html(const struct notice *nt, struct buf *b)
{
	const struct plan *p = nt->rv->plan;
	struct reason_cache rc = { 0 };
	struct buf s = BUF_INIT;
	char asof[32], *t;

	buf_printf(b, "<section class=\"notice\">\n<h1>");
	buf_printf(&s, _("Reminder notice (%s)"), "\x1f");
	/* The level in its colour, inside the translated title. */
	{
		const char *at = strchr(buf_str(&s), '\x1f');
		char *head = xstrndup(buf_str(&s), (size_t)(at - buf_str(&s)));

		esc_html(b, head);
		buf_printf(b, "<span class=\"lv-%s\">",
		    attn_level_key(nt->level));
		esc_html(b, attn_level_label(nt->level));
		buf_puts(b, "</span>");
		esc_html(b, at + 1);
		free(head);
	}
	buf_puts(b, "</h1>\n");
	if (nt->o->number != NULL)
		html_p(b, "number", nt->o->number);
	buf_puts(b, "<hr class=\"rule\">\n");
	buf_reset(&s);
	buf_printf(&s, _("%s:"), addressee(nt));
	html_p(b, "to", buf_str(&s));
	t = opening(nt);
	html_p(b, NULL, t);
	free(t);
	for (size_t k = 0; k < NSECTIONS; k++) {
		if (count(nt, k, true) + count(nt, k, false) == 0)
			continue;
		buf_puts(b, "<h2>");
		esc_html(b, _(nsections[k].title));
		buf_puts(b, "</h2>\n");
		for (int led = 1; led >= 0; led--) {
			struct rtable tb;

			if (count(nt, k, led) == 0)
				continue;
			buf_puts(b, "<h3>");
			esc_html(b, led ? _("Items your department leads") :
			    _("Items your department supports"));
			buf_puts(b, "</h3>\n");
			table(nt, k, led, &tb, &rc);
			html_table(b, &tb);
			rtable_release(&tb);
		}
	}
	t = reply(nt);
	html_p(b, NULL, t);
	free(t);
	if ((t = contact(nt)) != NULL) {
		html_p(b, NULL, t);
		free(t);
	}
	buf_puts(b, "<div class=\"sign\">\n");
	if (p->issuer != NULL)
		html_p(b, "sign", p->issuer);
	date_human(nt->rv->asof, asof);
	html_p(b, "sign", asof);
	buf_puts(b, "</div>\n</section>\n");
	buf_release(&s);
}

/* --- JSON ----------------------------------------------------------------- */

static void
json_str(struct buf *b, const char *key, const char *s)
{
	buf_printf(b, "\"%s\":", key);
	if (s == NULL)
		buf_puts(b, "null");
	else
		esc_json(b, s);
}

static void
json_day(struct buf *b, const char *key, pw_day d)
{
	char day[11];

	if (d == DAY_NONE) {
		buf_printf(b, "\"%s\":null", key);
		return;
	}
	date_iso(d, day);
	buf_printf(b, "\"%s\":\"%s\"", key, day);
}

static void
json_item(const struct notice *nt, const struct nitem *it, struct buf *b,
    struct reason_cache *rc)
{
	const struct attn_item *a = it->a;
	struct buf why = BUF_INIT;
	bool first = true;

	buf_puts(b, "{");
	json_str(b, "id", a->id);
	buf_putc(b, ',');
	json_str(b, "name", item_name(nt->rv, a));
	buf_printf(b, ",\"type\":\"%s\",\"kind\":\"%s\",\"kinds\":[",
	    a->item == ITEM_INSTANCE ? "milestone" : "target",
	    attn_kind_key(a->kind));
	for (int k = 0; k < ATTN_NKINDS; k++)
		if (a->kinds & (1u << k)) {
			buf_printf(b, "%s\"%s\"", first ? "" : ",",
			    attn_kind_key((enum attn_kind)k));
			first = false;
		}
	buf_printf(b, "],\"level\":\"%s\",\"severity\":\"%s\",",
	    attn_level_key(attn_kind_level(a->kind)),
	    a->sev == SEV_CRITICAL ? "critical" : "warning");
	json_str(b, "lead", nt->rv->plan->depts[a->lead].id);
	buf_putc(b, ',');
	json_day(b, "due", a->due);
	buf_putc(b, ',');
	attn_reason(&why, nt->rv, a, rc);
	json_str(b, "reason", buf_str(&why));
	buf_puts(b, "}");
	buf_release(&why);
}

static void
json(const struct notice *nt, struct buf *b)
{
	const struct department *d = &nt->rv->plan->depts[nt->dept];
	struct reason_cache rc = { 0 };
	bool firsts = true;

	buf_puts(b, "{");
	json_str(b, "dept", d->id);
	buf_putc(b, ',');
	json_str(b, "name", d->name);
	buf_printf(b, ",\"level\":\"%s\",", attn_level_key(nt->level));
	json_day(b, "reply_by", nt->o->reply_by);
	buf_printf(b, ",\"items\":%zu,\"sections\":[", nt->n);
	for (size_t k = 0; k < NSECTIONS; k++) {
		if (count(nt, k, true) + count(nt, k, false) == 0)
			continue;
		buf_printf(b, "%s\n {\"key\":\"%s\"", firsts ? "" : ",",
		    nsections[k].key);
		firsts = false;
		for (int led = 1; led >= 0; led--) {
			bool first = true;

			buf_printf(b, ",\"%s\":[", led ? "led" : "supported");
			for (size_t i = 0; i < nt->n; i++) {
				const struct nitem *it = &nt->v[i];

				if (it->section != k || it->led != led)
					continue;
				buf_puts(b, first ? "\n  " : ",\n  ");
				json_item(nt, it, b, &rc);
				first = false;
			}
			buf_puts(b, "]");
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]}");
}

/* --- The documents -------------------------------------------------------- */

void
notice_begin(const struct review *rv, const struct notice_opts *o,
    enum notice_format f, struct buf *b)
{
	const struct plan *p = rv->plan;
	char day[11];

	if (f == NOTICE_HTML) {
		buf_puts(b, "<!DOCTYPE html>\n<html lang=\"");
		buf_puts(b, i18n_is_chinese() ? "zh-CN" : "en");
		buf_puts(b, "\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
		esc_html(b, p->title);
		buf_puts(b, "</title>\n<style>\n");
		buf_puts(b, css);
		buf_puts(b, "</style>\n</head>\n<body>\n");
	} else if (f == NOTICE_JSON) {
		date_iso(rv->asof, day);
		buf_puts(b, "{\"plan\":{");
		json_str(b, "id", p->id);
		buf_putc(b, ',');
		json_str(b, "title", p->title);
		buf_putc(b, ',');
		json_str(b, "document", p->document);
		buf_putc(b, ',');
		json_str(b, "issuer", p->issuer);
		buf_printf(b, "},\"asof\":\"%s\",", day);
		json_str(b, "number", o->number);
		buf_putc(b, ',');
		json_str(b, "contact", o->contact);
		buf_putc(b, ',');
		json_str(b, "phone", o->phone);
		buf_puts(b, ",\n\"notices\":[");
	}
}

void
notice_end(enum notice_format f, size_t n, struct buf *b)
{
	if (f == NOTICE_HTML)
		buf_puts(b, "</body>\n</html>\n");
	else if (f == NOTICE_JSON)
		buf_puts(b, n > 0 ? "\n]}\n" : "]}\n");
}

void
notice_write(const struct review *rv, const struct attn_item *v, size_t n,
    int dept, const struct notice_opts *o, enum notice_format f,
    size_t index, struct buf *b)
{
	struct notice nt;

	notice_init(&nt, rv, v, n, dept, o);
	if (index > 0)
		/* A form feed starts each text notice on its own page. */
		buf_puts(b, f == NOTICE_TEXT ? "\f" : f == NOTICE_MD ?
		    "\n---\n\n" : f == NOTICE_JSON ? ",\n" : "");
	switch (f) {
	case NOTICE_TEXT:
	case NOTICE_MD:
		plain(&nt, f == NOTICE_MD, b);
		break;
	case NOTICE_HTML:
		html(&nt, b);
		break;
	case NOTICE_JSON:
		if (index == 0)
			buf_putc(b, '\n');
		json(&nt, b);
		break;
	}
	free(nt.v);
}
