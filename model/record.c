/* record.c: what a recorded value means, checked against the plan. */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Longest number accepted, in bytes: far more digits than a double holds. */
#define NUMBER_MAX	400

static const char *
decimal_point(void)
{
	const char *dp = localeconv()->decimal_point;

	return dp != NULL && *dp != '\0' ? dp : ".";
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length of the number grammar matched at s, or 0. */
static size_t
number_span(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && (s[i] == '+' || s[i] == '-'))
		i++;
	while (i < n && is_digit(s[i]))
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && is_digit(s[i]))
			i++, digits++;
	}
	if (digits == 0)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t e = i + 1, ed = 0;

		if (e < n && (s[e] == '+' || s[e] == '-'))
			e++;
		while (e < n && is_digit(s[e]))
			e++, ed++;
		if (ed == 0)
			return 0;
		i = e;
	}
	return i;
}

int
record_parse_number(const char *s, double *out)
{
	struct buf b = BUF_INIT;
	const char *end, *dp = decimal_point();
	char *stop;
	size_t n;
	double v;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n > NUMBER_MAX || number_span(s, n) != n)
		return -1;
	/* strtod follows LC_NUMERIC; hand it the locale's decimal point. */
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '.')
			buf_puts(&b, dp);
		else
			buf_putc(&b, s[i]);
	}
	v = strtod(buf_str(&b), &stop);
	end = buf_str(&b) + b.len;
	buf_release(&b);
	if (stop != end || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

/* Replace the locale's decimal point in s by '.'. */
static void
c_decimal(char *s)
{
	const char *dp = decimal_point();
	char *p;
	size_t dl = strlen(dp);

	if (strcmp(dp, ".") == 0 || (p = strstr(s, dp)) == NULL)
		return;
	*p = '.';
	memmove(p + 1, p + dl, strlen(p + dl) + 1);
}

/*
 * v as %.15g shows it when v is the double nearest a decimal D of at most
 * 15 significant digits in 1e-4 .. 1e15: %.15g then rounds v back to D
 * (v is within 2^-53 of D, less than half a step of the 15-digit grid)
 * and shows it without an exponent or trailing zeros, and D reads back as
 * v.  Found with the fewest decimals that give v back; false when none up
 * to 18 do (more digits, an exponent) and the caller asks snprintf.
 */
static bool
format_short(double v, char out[static 32])
{
	static const double p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	    1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18 };
	double a = fabs(v);
	char digits[24], *p = digits + sizeof digits;
	unsigned long long r = 0;
	size_t d, nd, o = 0;

	if (!(a >= 1e-4 && a < 1e15))
		return false;
	for (d = 0; d < sizeof p10 / sizeof p10[0]; d++) {
		double m = a * p10[d];

		/* Below 1e15, m is within 0.25 of the integer D * 10^d,
		 * and the quotient is D rounded as strtod rounds it. */
		if (m >= 1e15)
			return false;
		r = (unsigned long long)(m + 0.5);
		if ((double)r / p10[d] == a)
			break;
	}
	if (d == sizeof p10 / sizeof p10[0])
		return false;
	do
		*--p = (char)('0' + r % 10);
	while ((r /= 10) != 0);
	nd = (size_t)(digits + sizeof digits - p);
	if (v < 0)
		out[o++] = '-';
	if (nd <= d) {
		/* 0.000123: the leading zeros the digits do not have. */
		out[o++] = '0';
		out[o++] = '.';
		for (size_t i = nd; i < d; i++)
			out[o++] = '0';
		memcpy(out + o, p, nd);
		o += nd;
	} else {
		memcpy(out + o, p, nd - d);
		o += nd - d;
		if (d > 0) {
			out[o++] = '.';
			memcpy(out + o, p + nd - d, d);
			o += d;
		}
	}
	out[o] = '\0';
	return true;
}

void
record_format_number(double v, char out[static 32])
{
	double back;

	if (v == 0) {
		strcpy(out, signbit(v) ? "-0" : "0");
		return;
	}
	if (format_short(v, out))
		return;
	/* 17 significant digits always read back (DBL_DECIMAL_DIG); the
	 * longest result, "-2.2250738585072014e-308", takes 25 bytes. */
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(out, 32, "%.*g", prec, v);
		c_decimal(out);
		if (prec == 17 || (record_parse_number(out, &back) == 0 &&
		    back == v))
			return;
	}
}

int
record_resolve(const struct plan *p, const char *id, struct item_ref *ref,
    char **err)
{
	const char *sug[3];
	struct buf b = BUF_INIT;
	char *safe = text_quote(id);
	size_t n;

	*ref = plan_find(p, id);
	switch (ref->kind) {
	case ITEM_TARGET:
	case ITEM_INSTANCE:
		free(safe);
		return 0;
	case ITEM_MILESTONE: {
		const struct milestone *m = &p->ms[ref->index];
		pw_day start = plan_ms_start(p, m);
		char label[16];

		if (m->every == PERIOD_NONE) {
			free(safe);
			return 0;
		}
		period_label(m->every, start != DAY_NONE ? start : m->due.day,
		    label);
		*err = xasprintf(_("milestone '%s' recurs every %s: name one "
		    "of its instances, such as '%s@%s'"), safe,
		    period_name(m->every), safe, label);
		free(safe);
		return -1;
	}
	case ITEM_PHASE:
		*err = xasprintf(_("'%s' is a phase: record progress for its "
		    "milestones"), safe);
		free(safe);
		return -1;
	default:
		break;
	}
	buf_printf(&b, _("unknown id '%s'"), safe);
	n = plan_suggest(p, id, sug, 3);
	for (size_t i = 0; i < n; i++) {
		char *s = text_quote(sug[i]);

		buf_printf(&b, i == 0 ? _("; did you mean '%s'") : ", '%s'", s);
		free(s);
	}
	if (n > 0)
		buf_putc(&b, '?');
	free(safe);
	*err = buf_detach(&b);
	return -1;
}

static int
parse_target(const struct target *t, const char *id, const char *text,
    struct record_value *out, char **err)
{
	struct buf b = BUF_INIT;
	char *safe;

	if (t->nscale == 0) {
		if (record_parse_number(text, &out->value) == 0)
			return 0;
		safe = text_quote(text);
		*err = xasprintf(_("'%s' is not a number (a finite decimal "
		    "number such as 12.5 is expected)"), safe);
		free(safe);
		return -1;
	}
	for (size_t i = 0; i < t->nscale; i++)
		if (strcmp(text, t->scale[i]) == 0) {
			out->value = (double)i;
			out->level = t->scale[i];
			return 0;
		}
	safe = text_quote(text);
	buf_printf(&b, _("'%s' is not a level of target '%s' ("), safe, id);
	for (size_t i = 0; i < t->nscale; i++) {
		char *lv = text_quote(t->scale[i]);

		buf_printf(&b, "%s%s", i > 0 ? ", " : "", lv);
		free(lv);
	}
	buf_putc(&b, ')');
	free(safe);
	*err = buf_detach(&b);
	return -1;
}

static int
parse_percent(const char *text, double *out, char **err)
{
	char *copy = xstrdup(text), *safe;
	size_t n = strlen(copy);
	int rc;

	while (n > 0 && (copy[n - 1] == ' ' || copy[n - 1] == '\t'))
		n--;
	if (n > 0 && copy[n - 1] == '%')
		n--;
	copy[n] = '\0';
	rc = record_parse_number(copy, out);
	free(copy);
	if (rc == 0 && *out >= 0 && *out <= 100)
		return 0;
	safe = text_quote(text);
	if (rc == 0)
		*err = xasprintf(_("progress '%s' is outside 0..100"), safe);
	else
		*err = xasprintf(_("'%s' is not a percent (0..100) or 'done'"),
		    safe);
	free(safe);
	return -1;
}

static char *
canonical_id(const struct plan *p, const struct item_ref *ref)
{
	const struct milestone *m;
	char label[16];

	switch (ref->kind) {
	case ITEM_TARGET:
		return xstrdup(p->targets[ref->index].id);
	case ITEM_INSTANCE:
		m = &p->ms[ref->index];
		period_label(m->every, ref->period, label);
		return xasprintf("%s@%s", m->id, label);
	default:
		return xstrdup(p->ms[ref->index].id);
	}
}

int
record_parse(const struct plan *p, enum record_accept accept, const char *id,
    const char *text, struct record_value *out, char **err)
{
	bool target;
	char *safe;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (record_resolve(p, id, &out->ref, err) != 0)
		return -1;
	target = out->ref.kind == ITEM_TARGET;
	safe = text_quote(id);
	if (accept == ACCEPT_VALUE && !target) {
		*err = xasprintf(_("'%s' is a milestone: use 'planwatch "
		    "progress' or 'planwatch done'"), safe);
		rc = -1;
	} else if (accept != ACCEPT_VALUE && accept != ACCEPT_ANY && target) {
		*err = xasprintf(_("'%s' is a target: use 'planwatch record'"),
		    safe);
		rc = -1;
	} else if ((accept == ACCEPT_ANY || accept == ACCEPT_VALUE ||
	    accept == ACCEPT_PROGRESS) && (text == NULL || *text == '\0')) {
		*err = xasprintf(_("no value given for '%s'"), safe);
		rc = -1;
	} else if (target) {
		out->kind = FACT_VALUE;
		rc = parse_target(&p->targets[out->ref.index], safe, text, out,
		    err);
	} else if (accept == ACCEPT_DONE ||
	    (accept == ACCEPT_ANY && strcmp(text, "done") == 0))
		out->kind = FACT_DONE;
	else if (accept == ACCEPT_REOPEN ||
	    (accept == ACCEPT_ANY && strcmp(text, "reopen") == 0))
		out->kind = FACT_REOPEN;
	else {
		out->kind = FACT_PROGRESS;
		rc = parse_percent(text, &out->value, err);
	}
	free(safe);
	if (rc == 0)
		out->item = canonical_id(p, &out->ref);
	return rc;
}

void
record_value_release(struct record_value *v)
{
	free(v->item);
	v->item = NULL;
}

int
record_check_date(const struct plan *p, pw_day date, pw_day today,
    char **err)
{
	char d[11], t[11];

	if (today != DAY_NONE && date > today) {
		date_iso(date, d);
		date_iso(today, t);
		*err = xasprintf(_("date %s is in the future (today is %s)"),
		    d, t);
		return -1;
	}
	if (p->start.day != DAY_NONE && date < p->start.day) {
		date_iso(date, d);
		date_iso(p->start.day, t);
		*err = xasprintf(_("date %s is before the plan's start (%s)"),
		    d, t);
		return -1;
	}
	return 0;
}
