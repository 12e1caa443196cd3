/*
 * test_model_pure.c: the model speaks no language (issue 17 item 6).
 * Everything it answers (keys, symbols, numbers, dates in each style,
 * why a value is refused, a whole review and its attention list) is the
 * same bytes under C and under zh_CN with planwatch's catalogue bound,
 * where anything it translated or read from the locale would differ; the
 * words for people come from report/words.c, at the edge.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config/config.h"
#include "model/attention.h"
#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"
#include "model/record.h"
#include "model/status.h"
#include "report/words.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/xalloc.h"

/* The build's catalogues: BUILD/locale beside BUILD/tests/. */
static char localedir[4096];

static char *
slurp(const char *rel, size_t *len)
{
	const char *top = getenv("PW_TOP");
	char path[4096];
	struct buf b = BUF_INIT;
	char chunk[8192];
	size_t n;
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", top != NULL ? top : ".", rel);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_add(&b, chunk, n);
	fclose(f);
	*len = b.len;
	return buf_detach(&b);
}

static struct plan *
load(const char *rel)
{
	struct diags d;
	struct plan *p;
	size_t len;
	char *data = slurp(rel, &len);

	diags_init(&d, rel);
	p = config_load_buffer(rel, data, len, &d);
	if (p == NULL) {
		diags_print(&d, stderr);
		fail_msg("cannot load %s", rel);
	}
	diags_release(&d);
	free(data);
	return p;
}

static void
num(struct buf *b, double v)
{
	char s[32];

	record_format_number(v, s);
	buf_printf(b, " %s", s);
}

static void
day(struct buf *b, pw_day d)
{
	char s[32];

	date_styled(d, DATE_ISO, s);
	buf_printf(b, " %s", s);
	date_styled(d, DATE_CHINESE, s);
	buf_printf(b, " %s", s);
}

/* The keys, symbols and tones of every status, kind and level. */
static void
names(struct buf *b)
{
	for (int s = 0; s < MS_NSTATES; s++)
		buf_printf(b, "ms %s %s %s %d\n", ms_state_key(s),
		    ms_state_symbol(s, true), ms_state_symbol(s, false),
		    (int)ms_state_tone(s));
	for (int s = 0; s < TG_NSTATES; s++)
		buf_printf(b, "tg %s %s %s %d\n", tg_state_key(s),
		    tg_state_symbol(s, true), tg_state_symbol(s, false),
		    (int)tg_state_tone(s));
	for (int p = PACE_NONE; p <= PACE_FAR_BEHIND; p++)
		buf_printf(b, "pace %s\n", pace_key(p));
	for (int s = SEV_OK; s <= SEV_CRITICAL; s++)
		buf_printf(b, "sev %s %d\n", severity_key(s),
		    (int)severity_tone(s));
	for (int k = 0; k < ATTN_NKINDS; k++)
		buf_printf(b, "attn %s %s %s %s\n", attn_kind_key(k),
		    attn_kind_symbol(k, true), attn_kind_symbol(k, false),
		    attn_level_key(attn_kind_level(k)));
	for (int k = FACT_VALUE; k <= FACT_REOPEN; k++)
		buf_printf(b, "fact %s\n", fact_kind_word(k));
	for (int p = PERIOD_WEEK; p <= PERIOD_YEAR; p++)
		buf_printf(b, "period %s\n", period_name(p));
}

/* Numbers read and written, and dates in each style. */
static void
numbers_and_dates(struct buf *b)
{
	static const char *const in[] = { "12.5", "-0.25e2", ".5", "+4.",
	    "1E-2", "1e999", "1,5", "0.30000000000000004", "5e-324" };
	static const double out[] = { 0.1, 1.0 / 3, 12.5, 0.00001, 1e15,
	    1e22, -2.2250738585072014e-308, 123456789012.345, 5e-324,
	    0x1p-54, 86.67, -7.85 };
	char s[32];

	for (size_t i = 0; i < sizeof in / sizeof in[0]; i++) {
		double v = 0;
		int rc = record_parse_number(in[i], &v);

		buf_printf(b, "parse %s %d", in[i], rc);
		num(b, v);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < sizeof out / sizeof out[0]; i++) {
		buf_puts(b, "format");
		num(b, out[i]);
		buf_putc(b, '\n');
	}
	buf_puts(b, "date");
	day(b, date_from_ymd(2025, 12, 31));
	day(b, date_from_ymd(2026, 3, 5));
	day(b, DAY_NONE);
	date_week_styled(2026, 1, DATE_ISO, s);
	buf_printf(b, " %s", s);
	date_week_styled(2026, 48, DATE_CHINESE, s);
	buf_printf(b, " %s\n", s);
	for (int p = PERIOD_WEEK; p <= PERIOD_YEAR; p++) {
		period_label(p, date_from_ymd(2025, 12, 31), s);
		buf_printf(b, "label %s\n", s);
	}
}

static void
refusal(struct buf *b, int rc, struct record_err *e)
{
	buf_printf(b, "err %d %d %s", rc, (int)e->code,
	    e->what != NULL ? e->what : "-");
	for (size_t i = 0; i < 2; i++)
		buf_printf(b, " %s", e->arg[i] != NULL ? e->arg[i] : "-");
	for (size_t i = 0; i < e->nlist; i++)
		buf_printf(b, " [%s]", e->list[i]);
	if (e->code == RECORD_FUTURE || e->code == RECORD_BEFORE_START) {
		day(b, e->date);
		day(b, e->bound);
	}
	buf_putc(b, '\n');
	record_err_release(e);
}

/* Why values, ids and dates are refused: codes and pieces. */
static void
refusals(struct buf *b, const struct plan *p)
{
	static const struct {
		enum record_accept	 accept;
		const char		*id, *text;
	} cases[] = {
		{ ACCEPT_VALUE, "T01-grups", "1" },
		{ ACCEPT_VALUE, "nothing-like-it", "1" },
		{ ACCEPT_ANY, "S1", "1" },
		{ ACCEPT_VALUE, "T01-groups", "1,5" },
		{ ACCEPT_VALUE, "T01-groups", "" },
		{ ACCEPT_VALUE, "S1-kickoff", "5" },
		{ ACCEPT_PROGRESS, "T01-groups", "5" },
		{ ACCEPT_PROGRESS, "S1-kickoff", "101%" },
		{ ACCEPT_PROGRESS, "S1-kickoff", "half" },
		{ ACCEPT_ANY, "S1-kickoff", "55%" },
		{ ACCEPT_ANY, "T01-groups", "2.5" },
		{ ACCEPT_DONE, "R-monthly", NULL },
		{ ACCEPT_REOPEN, "R-monthly@2024-03", NULL },
		{ ACCEPT_VALUE, "T15-emr", "九级" },
		{ ACCEPT_VALUE, "T15-emr", "五级" },
	};
	struct record_value v;
	struct record_err e;
	struct item_ref ref;
	int rc;

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		rc = record_parse(p, cases[i].accept, cases[i].id,
		    cases[i].text, &v, &e);
		if (rc == 0) {
			buf_printf(b, "value %s %s", v.item,
			    fact_kind_word(v.kind));
			num(b, v.value);
			buf_putc(b, ' ');
		}
		record_value_release(&v);
		refusal(b, rc, &e);
	}
	rc = record_resolve(p, "\x1b[2J", &ref, &e);
	refusal(b, rc, &e);
	rc = record_check_date(p, date_from_ymd(2026, 1, 2),
	    date_from_ymd(2026, 1, 1), &e);
	refusal(b, rc, &e);
	rc = record_check_date(p, date_from_ymd(2020, 1, 1),
	    date_from_ymd(2026, 1, 1), &e);
	refusal(b, rc, &e);
}

/* The example's values, read as import reads them (through the model). */
static struct facts *
values(const struct plan *p, const char *rel)
{
	struct facts *f = facts_new();
	struct csv_reader r;
	size_t len;
	char *data = slurp(rel, &len);
	long long seq = 0;

	csv_init(&r, data, len);
	while (csv_read(&r) > 0) {
		struct record_value v;
		struct record_err e;
		pw_day d;

		if (r.line == 1 || r.nfields < 3 ||
		    date_parse_day(csv_field(&r, 1), &d) != 0)
			continue;
		if (record_parse(p, ACCEPT_ANY, csv_field(&r, 0),
		    csv_field(&r, 2), &v, &e) == 0) {
			struct fact x = { v.kind, d, v.value, (char *)v.level,
			    ++seq };

			facts_add(f, v.item, &x);
		}
		record_value_release(&v);
		record_err_release(&e);
	}
	csv_release(&r);
	free(data);
	return f;
}

/* A review and its attention list, field by field. */
static void
review_of(struct buf *b, const struct plan *p, const struct facts *f,
    pw_day asof)
{
	struct review_opts o = { .asof = asof, .warn_days = -1,
	    .dept = -1 };
	struct review *rv = review_new(p, f, &o);
	struct attn_item *at = NULL;
	size_t n;

	buf_puts(b, "review");
	day(b, asof);
	buf_printf(b, " %s\n", severity_key(rv->worst));
	for (size_t i = 0; i < rv->nitems; i++) {
		const struct ms_result *r = &rv->items[i];

		buf_printf(b, "item %s %s %s %s %d %d", r->name,
		    ms_state_key(r->state), pace_key(r->pace),
		    severity_key(r->sev), r->days_overdue, r->days_left);
		num(b, r->progress);
		num(b, r->expected);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *r = &rv->targets[i];

		buf_printf(b, "target %s %s %s %s %d",
		    p->targets[r->target].id, tg_state_key(r->state),
		    pace_key(r->pace), severity_key(r->sev), r->stale);
		num(b, r->has_latest ? r->latest.value : 0);
		num(b, r->has_projection ? r->projection : 0);
		buf_putc(b, '\n');
	}
	n = attention_list(rv, SEV_WARNING, &at);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "attn %s %s %s %d\n", at[i].id,
		    attn_kind_key(at[i].kind), severity_key(at[i].sev),
		    at[i].late_by);
	free(at);
	review_free(rv);
}

static char *
everything(const struct plan *p, const struct facts *f)
{
	struct buf b = BUF_INIT;

	names(&b);
	numbers_and_dates(&b);
	refusals(&b, p);
	review_of(&b, p, f, date_from_ymd(2024, 6, 30));
	review_of(&b, p, f, date_from_ymd(2025, 11, 20));
	review_of(&b, p, f, date_from_ymd(2026, 2, 1));
	return buf_detach(&b);
}

static void
test_same_in_every_language(void **state)
{
	struct plan *p;
	struct facts *f;
	char *c, *zh;

	(void)state;
	assert_non_null(setlocale(LC_ALL, "C"));
	p = load("examples/sanya.yaml");
	f = values(p, "examples/sanya-values.csv");
	c = everything(p, f);

	/* zh_CN for every category, and the catalogue found: what the
	 * model translated would come out in Chinese. */
	setenv("LC_ALL", "zh_CN.UTF-8", 1);
	setenv("PLANWATCH_LOCALEDIR", localedir, 1);
	i18n_init();
	if (strncmp(setlocale(LC_ALL, NULL), "zh_CN", 5) != 0)
		fail_msg("no zh_CN.UTF-8 locale (make deps installs it)");
	if (!i18n_is_chinese())
		fail_msg("no catalogue in %s (make all builds it)", localedir);
	/* The edge still speaks Chinese. */
	assert_string_not_equal(ms_state_label(MS_OVERDUE), "overdue");
	zh = everything(p, f);
	assert_string_equal(zh, c);

	free(c);
	free(zh);
	facts_free(f);
	plan_free(p);
	setlocale(LC_ALL, "C");
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_in_every_language),
	};
	char *dir = xstrdup(argc > 0 ? argv[0] : "./x"), *slash;

	/* BUILD/tests/test_model_pure finds BUILD/locale. */
	if ((slash = strrchr(dir, '/')) != NULL)
		*slash = '\0';
	snprintf(localedir, sizeof localedir, "%s/../locale",
	    slash != NULL ? dir : ".");
	free(dir);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
