/*
 * draw.c: putting text on the screen by display columns, detail lines, and
 * the small formatters the views share (values, days, bars, sparklines).
 *
 * Every string reaches curses through tui_put() or tui_puts(): text from
 * the plan or the database is made safe and fitted by util/text.h, so wide
 * characters keep columns aligned and nothing wraps.
 */
#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui/tui.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/*
 * Add s (len bytes, safe) at (y, x).  Curses would decode a multibyte
 * string a byte at a time, which costs three times what converting it here
 * at once and adding wide characters does; the cells are the same.  The
 * text is UTF-8 whatever the locale (the plan's, and the catalogue's, bound
 * to UTF-8), so it is decoded as such, never by mbsrtowcs() in LC_CTYPE's
 * codeset: curses writes each character in the terminal's (a wchar_t is
 * the code point: __STDC_ISO_10646__).
 */
static void
add_text(int y, int x, const char *s, size_t len)
{
	wchar_t stack[256], *wc = stack;
	size_t n = 0;
	unsigned cp;

	if (len >= sizeof stack / sizeof stack[0])
		wc = xreallocarray(NULL, len + 1, sizeof *wc);
	for (size_t i = 0, k; i < len; i += k) {
		if ((k = utf8_decode(s + i, len - i, &cp)) == 0) {
			cp = '?';	/* not after text_safe() */
			k = 1;
		}
		wc[n++] = (wchar_t)cp;
	}
	wc[n] = L'\0';
	mvaddnwstr(y, x, wc, (int)n);
	if (wc != stack)
		free(wc);
}

void
tui_put(int y, int x, int w, const char *s, enum text_align align,
    attr_t attr)
{
	struct buf fit = BUF_INIT;

	if (w <= 0)
		return;
	text_fit_buf(&fit, s != NULL ? s : "", w, align);
	attrset(attr);
	add_text(y, x, buf_str(&fit), fit.len);
	attrset(A_NORMAL);
	buf_release(&fit);
}

void
tui_put_raw(int y, int x, const char *s, attr_t attr)
{
	attrset(attr);
	add_text(y, x, s, strlen(s));
	attrset(A_NORMAL);
}

int
tui_puts(int y, int x, int w, const char *s, attr_t attr)
{
	int sw = text_width(s);

	if (w <= 0)
		return 0;
	if (sw > w) {
		tui_put(y, x, w, s, ALIGN_LEFT, attr);
		return w;
	}
	tui_put(y, x, sw, s, ALIGN_LEFT, attr);
	return sw;
}

void
tui_fill(int y, int x, int w, attr_t attr)
{
	if (w <= 0)
		return;
	attrset(attr);
	mvhline(y, x, ' ', w);
	attrset(A_NORMAL);
}

int
tui_put_state(struct tui *t, int y, int x, int w, const char *symbol,
    const char *label, enum tone tone, bool sel)
{
	char *s = label != NULL ? xasprintf("%s %s", symbol, label) :
	    xstrdup(symbol);

	tui_put(y, x, w, s, ALIGN_LEFT, tui_attr(t, tone_element(tone), sel));
	free(s);
	return w;
}

void
lines_add(struct lines *l, enum element el, int indent, const char *fmt,
    ...)
{
	va_list ap;
	struct buf b = BUF_INIT;

	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		l->v = xreallocarray(l->v, l->cap, sizeof *l->v);
	}
	l->v[l->n].text = buf_detach(&b);
	l->v[l->n].el = el;
	l->v[l->n].indent = indent;
	l->n++;
}

void
lines_clear(struct lines *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

size_t
lines_draw(struct tui *t, const struct lines *l, size_t first,
    const struct rect *r)
{
	size_t drawn = 0;

	for (int y = 0; y < r->h; y++) {
		size_t i = first + (size_t)y;

		tui_fill(r->y + y, r->x, r->w, t->attr[EL_NORMAL]);
		if (i >= l->n)
			continue;
		const struct line *ln = &l->v[i];
		int ind = ln->indent < r->w ? ln->indent : 0;
		tui_put(r->y + y, r->x + ind, r->w - ind, ln->text, ALIGN_LEFT,
		    t->attr[ln->el]);
		drawn++;
	}
	return drawn;
}

char *
fmt_value(const struct plan *p, const struct target *tg, double v)
{
	struct buf b = BUF_INIT;
	double r;

	(void)p;
	if (tg != NULL && tg->nscale > 0) {
		r = floor(v + 0.5);
		if (r >= 0 && r < (double)tg->nscale)
			return xstrdup(tg->scale[(size_t)r]);
	}
	if (!isfinite(v))
		return xstrdup("?");
	if (fabs(v) >= 1e15 || v == floor(v))
		buf_printf(&b, "%.0f", v);
	else {
		buf_printf(&b, fabs(v) >= 100 ? "%.1f" : "%.2f", v);
		/* Trim trailing zeros: 95.50 -> 95.5. */
		while (b.len > 0 && b.s[b.len - 1] == '0')
			b.s[--b.len] = '\0';
		if (b.len > 0 && b.s[b.len - 1] == '.')
			b.s[--b.len] = '\0';
	}
	return buf_detach(&b);
}

char *
fmt_days(const struct ms_result *r)
{
	switch (r->state) {
	case MS_OVERDUE:
		return xasprintf(_("%dd overdue"), r->days_overdue);
	case MS_LATE:
		return xasprintf(_("%dd late"), r->days_overdue);
	case MS_DONE:
		return xstrdup(_("on time"));
	default:
		if (r->days_left == 0)
			return xstrdup(_("due today"));
		return xasprintf(_("%dd left"), r->days_left);
	}
}

char *
fmt_spark(const struct tui *t, const struct point *pt, size_t n, int w)
{
	static const char *const blocks[] = { "\u2581", "\u2582", "\u2583",
	    "\u2584", "\u2585", "\u2586", "\u2587", "\u2588" };
	static const char ascii[] = "_.-=^";
	struct buf b = BUF_INIT;
	size_t first;
	double lo, hi;
	int levels = t->utf8 ? 8 : 5;

	if (w <= 0 || n == 0)
		return xstrdup("");
	first = n > (size_t)w ? n - (size_t)w : 0;
	lo = hi = pt[first].value;
	for (size_t i = first; i < n; i++) {
		lo = fmin(lo, pt[i].value);
		hi = fmax(hi, pt[i].value);
	}
	for (size_t i = first; i < n; i++) {
		int k = levels / 2;

		if (hi > lo)
			k = (int)((pt[i].value - lo) / (hi - lo) *
			    (levels - 1) + 0.5);
		k = k < 0 ? 0 : k >= levels ? levels - 1 : k;
		if (t->utf8)
			buf_puts(&b, blocks[k]);
		else
			buf_putc(&b, ascii[k]);
	}
	return buf_detach(&b);
}

char *
fmt_bar(const struct tui *t, double pct, int w)
{
	static const char *const eighths[] = { "", "\u258f", "\u258e",
	    "\u258d", "\u258c", "\u258b", "\u258a", "\u2589" };
	struct buf b = BUF_INIT;
	int cells, full, part;

	if (w <= 0)
		return xstrdup("");
	if (!isfinite(pct))
		pct = 0;
	pct = pct < 0 ? 0 : pct > 100 ? 100 : pct;
	cells = (int)(pct / 100.0 * w * 8 + 0.5);
	full = cells / 8;
	part = cells % 8;
	for (int i = 0; i < full; i++)
		buf_puts(&b, t->utf8 ? "\u2588" : "#");
	if (part > 0 && full < w) {
		buf_puts(&b, t->utf8 ? eighths[part] : "#");
		full++;
	}
	for (int i = full; i < w; i++)
		buf_puts(&b, t->utf8 ? "\u00b7" : ".");
	return buf_detach(&b);
}

/*
 * The attention list's kinds in colour: those a status shares keep its
 * colour; far behind and behind pace have their own, since the status of
 * such an item (active, on track) looks calm.  Their symbols are the
 * model's (attn_kind_symbol).
 */
enum element
attn_element(enum attn_kind k)
{
	switch (k) {
	case ATTN_OVERDUE:
		return tone_element(ms_state_tone(MS_OVERDUE));
	case ATTN_MISSED:
		return tone_element(tg_state_tone(TG_MISSED));
	case ATTN_FAR_BEHIND:
		return EL_FAR_BEHIND;
	case ATTN_BEHIND:
		return EL_BEHIND;
	case ATTN_AT_RISK:
		return tone_element(tg_state_tone(TG_AT_RISK));
	case ATTN_DUE_SOON:
		return tone_element(ms_state_tone(MS_DUE_SOON));
	case ATTN_STALE:
		return EL_WARN;
	default:
		return EL_NORMAL;
	}
}

/* What each kind means, for the legend (N_()). */
const char *
attn_meaning(enum attn_kind k)
{
	static const char *const meaning[ATTN_NKINDS] = {
		[ATTN_OVERDUE] = N_("a milestone not done by its due date"),
		[ATTN_MISSED] = N_("a target whose goal was not met by its "
		    "due date"),
		[ATTN_FAR_BEHIND] = N_("progress or value far below what the "
		    "time passed expects"),
		[ATTN_STALE] = N_("no value recorded for a period that has "
		    "ended"),
		[ATTN_AT_RISK] = N_("a target whose trend or stage falls "
		    "short"),
		[ATTN_BEHIND] = N_("progress or value below what the time "
		    "passed expects"),
		[ATTN_DUE_SOON] = N_("a milestone due within the warning "
		    "days"),
	};

	return k < ATTN_NKINDS ? meaning[k] : "";
}

const char *
fact_kind_label(enum fact_kind k)
{
	switch (k) {
	case FACT_VALUE:
		return _("value");
	case FACT_PROGRESS:
		return _("progress");
	case FACT_DONE:
		return _("done");
	case FACT_REOPEN:
		return _("reopened");
	case FACT_VOID:
		return _("voided");
	}
	return "?";
}

const char *
item_name(const struct plan *p, const char *id)
{
	struct item_ref ref = plan_find(p, id);

	switch (ref.kind) {
	case ITEM_PHASE:
		return p->phases[ref.index].name;
	case ITEM_MILESTONE:
	case ITEM_INSTANCE:
		return p->ms[ref.index].name;
	case ITEM_TARGET:
		return p->targets[ref.index].name;
	default:
		return NULL;
	}
}

static bool
has_dept(int owner, const int *support, size_t n, int dept)
{
	if (owner == dept)
		return true;
	for (size_t i = 0; i < n; i++)
		if (support[i] == dept)
			return true;
	return false;
}

bool
filter_ms(const struct tui *t, const struct ms_result *r)
{
	const struct milestone *m = &t->plan->ms[r->in.ms];

	if (t->filter_dept >= 0 && !has_dept(m->owner, m->support,
	    m->nsupport, t->filter_dept))
		return false;
	if (t->filter_kind == FILTER_TG_STATE)
		return false;
	if (t->filter_kind == FILTER_MS_STATE &&
	    (int)r->state != t->filter_state)
		return false;
	return true;
}

bool
filter_tg(const struct tui *t, const struct tg_result *r)
{
	const struct target *tg = &t->plan->targets[r->target];

	if (t->filter_dept >= 0 && !has_dept(tg->owner, tg->support,
	    tg->nsupport, t->filter_dept))
		return false;
	if (t->filter_kind == FILTER_MS_STATE)
		return false;
	if (t->filter_kind == FILTER_TG_STATE &&
	    (int)r->state != t->filter_state)
		return false;
	return true;
}

void
lines_wrap(struct lines *l, enum element el, int indent, const char *text,
    int w)
{
	const char *s = text;

	/* The lines are drawn in w - indent columns (lines_draw): a line
	 * wrapped wider would lose its end to an ellipsis. */
	w -= indent;
	if (w < 1)
		w = 1;
	for (;;) {
		size_t k = text_wrap(s, w);

		lines_add(l, el, indent, "%.*s", (int)k, s);
		s += k;
		if (*s == '\n')
			s++;
		if (*s == '\0')
			break;
	}
}
