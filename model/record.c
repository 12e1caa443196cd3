/* record.c: what a recorded value means, checked against the plan. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/record.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

/* Longest number accepted, in bytes: far more digits than a double holds. */
#define NUMBER_MAX	400

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
	const char *end;
	char *stop;
	size_t n, i = 0;
	long frac = 0, exp = 0;
	bool point = false, eneg = false;
	double v;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n > NUMBER_MAX || number_span(s, n) != n)
		return -1;
	/*
	 * strtod reads the decimal point of LC_NUMERIC, but a sign, digits
	 * and an exponent alike in every locale: it is handed the same
	 * decimal without a point, 12.5e3 as 125e2.  An exponent beyond a
	 * million says zero or infinity, as its own digits would.
	 */
	if (s[i] == '+' || s[i] == '-')
		buf_putc(&b, s[i++]);
	for (; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
		if (s[i] == '.')
			point = true;
		else {
			buf_putc(&b, s[i]);
			frac += point;
		}
	}
	if (i < n) {
		i++;
		if (s[i] == '+' || s[i] == '-')
			eneg = s[i++] == '-';
		for (; i < n; i++)
			if (exp < 1000000)
				exp = exp * 10 + (s[i] - '0');
	}
	buf_printf(&b, "e%ld", (eneg ? -exp : exp) - frac);
	v = strtod(buf_str(&b), &stop);
	end = buf_str(&b) + b.len;
	if (stop != end || !isfinite(v)) {
		buf_release(&b);
		return -1;
	}
	buf_release(&b);
	*out = v;
	return 0;
}

/*
 * v as "%.*g" with precision prec writes it in the C locale, whatever
 * LC_NUMERIC says: from the digits and the exponent of "%.*e" (its
 * decimal point, one or more bytes that are not digits, is skipped),
 * placed as C11 7.21.6.1 places them for %g.
 */
static void
format_g(double v, int prec, char out[static 32])
{
	char e[48], dig[24];
	const char *p = e;
	size_t nd = 0, o = 0;
	int x;

	snprintf(e, sizeof e, "%.*e", prec - 1, v);
	if (*p == '-')
		out[o++] = *p++;
	for (; *p != '\0' && *p != 'e'; p++)
		if (*p >= '0' && *p <= '9' && nd < sizeof dig)
			dig[nd++] = *p;
	x = *p == 'e' ? atoi(p + 1) : 0;
	while (nd > 1 && dig[nd - 1] == '0')
		nd--;
	if (x < -4 || x >= prec) {
		out[o++] = dig[0];
		if (nd > 1) {
			out[o++] = '.';
			memcpy(out + o, dig + 1, nd - 1);
			o += nd - 1;
		}
		snprintf(out + o, 32 - o, "e%c%02d", x < 0 ? '-' : '+',
		    x < 0 ? -x : x);
		return;
	}
	if (x < 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (int i = -1; i > x; i--)
			out[o++] = '0';
		memcpy(out + o, dig, nd);
		o += nd;
	} else {
		for (size_t i = 0; i <= (size_t)x; i++)
			out[o++] = i < nd ? dig[i] : '0';
		if (nd > (size_t)x + 1) {
			out[o++] = '.';
			memcpy(out + o, dig + x + 1, nd - (size_t)x - 1);
			o += nd - (size_t)x - 1;
		}
	}
	out[o] = '\0';
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
	if (!isfinite(v)) {
		snprintf(out, 32, "%g", v);
		return;
	}
	/* 17 significant digits always read back (DBL_DECIMAL_DIG); the
	 * longest result, "-2.2250738585072014e-308", takes 25 bytes. */
	for (int prec = 15; prec <= 17; prec++) {
		format_g(v, prec, out);
		if (prec == 17 || (record_parse_number(out, &back) == 0 &&
		    back == v))
			return;
	}
}

void
record_err_release(struct record_err *e)
{
	free(e->what);
	free(e->arg[0]);
	free(e->arg[1]);
	for (size_t i = 0; i < e->nlist; i++)
		free(e->list[i]);
	free(e->list);
	memset(e, 0, sizeof *e);
}

/* Set e to code, about what (quoted here); returns -1. */
static int
refuse(struct record_err *e, enum record_errc code, const char *what)
{
	e->code = code;
	e->what = what != NULL ? text_quote(what) : NULL;
	return -1;
}

int
record_resolve(const struct plan *p, const char *id, struct item_ref *ref,
    struct record_err *e)
{
	const char *sug[3];
	size_t n;

	memset(e, 0, sizeof *e);
	*ref = plan_find(p, id);
	switch (ref->kind) {
	case ITEM_TARGET:
	case ITEM_INSTANCE:
		return 0;
	case ITEM_MILESTONE: {
		const struct milestone *m = &p->ms[ref->index];
		pw_day start = plan_ms_start(p, m);
		char label[16];

		if (m->every == PERIOD_NONE)
			return 0;
		period_label(m->every, start != DAY_NONE ? start : m->due.day,
		    label);
		e->arg[0] = xstrdup(period_name(m->every));
		e->arg[1] = xstrdup(label);
		return refuse(e, RECORD_RECURS, id);
	}
	case ITEM_PHASE:
		return refuse(e, RECORD_PHASE, id);
	default:
		break;
	}
	n = plan_suggest(p, id, sug, 3);
	if (n > 0) {
		e->list = xreallocarray(NULL, n, sizeof *e->list);
		for (e->nlist = 0; e->nlist < n; e->nlist++)
			e->list[e->nlist] = text_quote(sug[e->nlist]);
	}
	return refuse(e, RECORD_UNKNOWN_ID, id);
}

static int
parse_target(const struct target *t, const char *id, const char *text,
    struct record_value *out, struct record_err *e)
{
	if (t->nscale == 0) {
		if (record_parse_number(text, &out->value) == 0)
			return 0;
		return refuse(e, RECORD_NOT_NUMBER, text);
	}
	for (size_t i = 0; i < t->nscale; i++)
		if (strcmp(text, t->scale[i]) == 0) {
			out->value = (double)i;
			out->level = t->scale[i];
			return 0;
		}
	e->arg[0] = text_quote(id);
	e->list = xreallocarray(NULL, t->nscale, sizeof *e->list);
	for (e->nlist = 0; e->nlist < t->nscale; e->nlist++)
		e->list[e->nlist] = text_quote(t->scale[e->nlist]);
	return refuse(e, RECORD_NOT_LEVEL, text);
}

static int
parse_percent(const char *text, double *out, struct record_err *e)
{
	char *copy = xstrdup(text);
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
	return refuse(e, rc == 0 ? RECORD_PERCENT_RANGE : RECORD_NOT_PERCENT,
	    text);
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
    const char *text, struct record_value *out, struct record_err *e)
{
	bool target;
	int rc = 0;

	memset(out, 0, sizeof *out);
	if (record_resolve(p, id, &out->ref, e) != 0)
		return -1;
	target = out->ref.kind == ITEM_TARGET;
	if (accept == ACCEPT_VALUE && !target)
		rc = refuse(e, RECORD_IS_MILESTONE, id);
	else if (accept != ACCEPT_VALUE && accept != ACCEPT_ANY && target)
		rc = refuse(e, RECORD_IS_TARGET, id);
	else if ((accept == ACCEPT_ANY || accept == ACCEPT_VALUE ||
	    accept == ACCEPT_PROGRESS) && (text == NULL || *text == '\0'))
		rc = refuse(e, RECORD_NO_VALUE, id);
	else if (target) {
		out->kind = FACT_VALUE;
		rc = parse_target(&p->targets[out->ref.index], id, text, out,
		    e);
	} else if (accept == ACCEPT_DONE ||
	    (accept == ACCEPT_ANY && strcmp(text, "done") == 0))
		out->kind = FACT_DONE;
	else if (accept == ACCEPT_REOPEN ||
	    (accept == ACCEPT_ANY && strcmp(text, "reopen") == 0))
		out->kind = FACT_REOPEN;
	else {
		out->kind = FACT_PROGRESS;
		rc = parse_percent(text, &out->value, e);
	}
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
    struct record_err *e)
{
	memset(e, 0, sizeof *e);
	e->date = date;
	if (today != DAY_NONE && date > today) {
		e->bound = today;
		return refuse(e, RECORD_FUTURE, NULL);
	}
	if (p->start.day != DAY_NONE && date < p->start.day) {
		e->bound = p->start.day;
		return refuse(e, RECORD_BEFORE_START, NULL);
	}
	return 0;
}
