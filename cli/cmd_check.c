/*
 * cmd_check.c: planwatch check: the plan's state for cron and monitoring
 * (planwatch-check(1)), following the Monitoring Plugins contract: exit
 * 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, and a first line
 * "PLANWATCH STATE - summary | perfdata".
 *
 * Everything that can go wrong, a bad option included, ends as UNKNOWN on
 * standard output, where the monitoring system looks.  The keyword, the
 * perfdata and the exit status are never translated.  The database is
 * opened read-only; nothing here touches a terminal.
 */
#include <limits.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "config/config.h"
#include "db/store.h"
#include "model/attention.h"
#include "model/facts.h"
#include "model/plan.h"
#include "model/record.h"
#include "model/status.h"
#include "report/reason.h"
#include "report/report.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/diag.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

#define CHECK_UNKNOWN		3
#define TIMEOUT_DEFAULT		10

/*
 * What SIGALRM prints: built before the alarm is set, because a signal
 * handler may only write(2) and _exit(2).
 */
static char	alarm_msg[512];
static size_t	alarm_len;

static void
on_alarm(int sig)
{
	(void)sig;
	if (write(STDOUT_FILENO, alarm_msg, alarm_len) < 0)
		_exit(CHECK_UNKNOWN);
	_exit(CHECK_UNKNOWN);
}

/*
 * A perfdata number: the plugins allow only [-0-9.], no exponent, so the
 * shortest form's exponent is written out in zeros: 1e+308 as 309 digits,
 * 5e-07 as 0.0000005.  It reads back as the same double.
 */
static void
perf_num(struct buf *b, double v)
{
	char s[32], digits[32], *e;
	size_t nd = 0;
	int point;

	record_format_number(v, s);
	if ((e = strchr(s, 'e')) == NULL) {
		buf_puts(b, s);
		return;
	}
	/* s is [-]D[.DDD]e[+-]X: the digits, then the point X + 1 places
	 * after the first. */
	point = atoi(e + 1) + 1;
	for (const char *q = s; q < e; q++)
		if (*q >= '0' && *q <= '9')
			digits[nd++] = *q;
	if (*s == '-')
		buf_putc(b, '-');
	if (point <= 0) {
		buf_puts(b, "0.");
		for (int i = point; i < 0; i++)
			buf_putc(b, '0');
		buf_add(b, digits, nd);
	} else if ((size_t)point >= nd) {
		buf_add(b, digits, nd);
		for (size_t i = nd; i < (size_t)point; i++)
			buf_putc(b, '0');
	} else {
		buf_add(b, digits, (size_t)point);
		buf_putc(b, '.');
		buf_add(b, digits + point, nd - (size_t)point);
	}
}

/* The plugins' range for a target, from its direction: the value is
 * critical outside it.  Ranges are inclusive, so > and < share >= and <=
 * ranges. */
static void
perf_range(struct buf *b, enum direction dir, double target)
{
	switch (dir) {
	case DIR_GE:
	case DIR_GT:
		perf_num(b, target);
		buf_putc(b, ':');
		break;
	case DIR_LE:
	case DIR_LT:
		buf_puts(b, "~:");
		perf_num(b, target);
		break;
	case DIR_EQ:
		perf_num(b, target);
		buf_putc(b, ':');
		perf_num(b, target);
		break;
	}
}

/* A target's value for graphing: the number, or the level's position in
 * the scale (1 for the lowest). */
static double
perf_value(const struct target *t, double v)
{
	return t->nscale > 0 ? v + 1 : v;
}

/*
 * A perfdata label, quoted.  The guidelines allow any character but "=" and
 * the quote; a target's id (letters, digits, "." "_" "-") has none of them,
 * nor a space or "|", and anything else would be shown as "_".
 */
static void
perf_label(struct buf *b, const char *id)
{
	buf_puts(b, " '");
	for (const char *q = id; *q; q++)
		buf_putc(b, plan_valid_id(q, 1) ? *q : '_');
	buf_putc(b, '\'');
}

static void
perfdata(struct buf *b, const struct review *rv)
{
	const struct counts *c = &rv->counts;

	buf_printf(b, "overdue=%zu due_soon=%zu behind=%zu missed=%zu "
	    "at_risk=%zu stale=%zu met=%zu done=%zu", c->overdue, c->due_soon,
	    c->behind + c->far_behind, c->missed, c->at_risk, c->stale,
	    c->met, c->done + c->late);
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *r = &rv->targets[i];
		const struct target *t = &rv->plan->targets[i];

		if (!r->in_scope || !r->has_latest)
			continue;
		perf_label(b, t->id);
		buf_putc(b, '=');
		perf_num(b, perf_value(t, r->latest.value));
		if (t->nscale == 0 && t->unit != NULL &&
		    strcmp(t->unit, "%") == 0)
			buf_putc(b, '%');
		buf_puts(b, ";;");
		perf_range(b, t->dir, perf_value(t, t->target));
	}
}

/* The summary after the keyword: the plan's id and what needs attention. */
static char *
summary(const struct review *rv)
{
	const struct counts *c = &rv->counts;
	struct buf b = BUF_INIT;
	char *id = text_safe(rv->plan->id != NULL ? rv->plan->id : "-");
	const struct {
		size_t n;
		const char *what;
	} parts[] = {
		{ c->overdue, N_("%zu overdue") },
		{ c->due_soon, N_("%zu due soon") },
		{ c->behind + c->far_behind, N_("%zu behind pace") },
		{ c->missed, N_("%zu targets missed") },
		{ c->at_risk, N_("%zu targets at risk") },
		{ c->stale, N_("%zu targets stale") },
	};

	buf_printf(&b, "%s: ", id);
	free(id);
	if (rv->worst == SEV_OK) {
		buf_printf(&b, _("nothing overdue or at risk; %zu milestones "
		    "done, %zu targets met"), c->done + c->late, c->met);
		return buf_detach(&b);
	}
	bool first = true;
	for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
		if (parts[i].n == 0)
			continue;
		/* TRANSLATORS: between the parts of a list in a sentence. */
		if (!first)
			buf_puts(&b, _(", "));
		buf_printf(&b, _(parts[i].what), parts[i].n);
		first = false;
	}
	return buf_detach(&b);
}

/* What one attention item is: id, name, state and pace keywords. */
struct item_view {
	const char	*kind;		/* "instance" or "target" */
	const char	*name;
	const char	*state;		/* machine keyword */
	const char	*pace;
	int		 stale;
};

static void
item_view(const struct review *rv, const struct attn_item *a,
    struct item_view *v)
{
	const struct plan *p = rv->plan;

	if (a->item == ITEM_INSTANCE) {
		const struct ms_result *r = &rv->items[a->index];
		*v = (struct item_view){ "instance", p->ms[r->in.ms].name,
		    ms_state_key(r->state), pace_key(r->pace), 0 };
	} else {
		const struct tg_result *r = &rv->targets[a->index];
		*v = (struct item_view){ "target", p->targets[a->index].name,
		    tg_state_key(r->state), pace_key(r->pace), r->stale };
	}
}

/* Only not reported on time: such targets are told as one line per lead
 * department and severity (a plan with no data yet has dozens). */
static bool
stale_only(const struct attn_item *a)
{
	return a->kinds == 1u << ATTN_STALE;
}

/*
 * Show every "|" in b from byte from on as "¦" (planwatch-check(1)): a
 * monitoring system takes what follows the first "|" of a line as
 * perfdata, so a plan named ops|x=1 would end the summary there.
 */
static void
unpipe(struct buf *b, size_t from)
{
	char *tail, *s, *p;

	if (memchr(b->s + from, '|', b->len - from) == NULL)
		return;
	tail = xstrndup(b->s + from, b->len - from);
	buf_truncate(b, from);
	for (s = tail; (p = strchr(s, '|')) != NULL; s = p + 1) {
		buf_add(b, s, (size_t)(p - s));
		buf_puts(b, "\u00a6");
	}
	buf_puts(b, s);
	free(tail);
}

/* "SEVERITY LEAD: N targets not reported for M+ periods", once for the
 * stale-only targets of a's lead and severity, at the worst of them. */
static void
stale_group(struct buf *b, const struct review *rv,
    const struct attn_item *at, size_t nat, size_t i)
{
	size_t n = 0;
	int least = INT_MAX;

	for (size_t k = 0; k < nat; k++)
		if (stale_only(&at[k]) && at[k].lead == at[i].lead &&
		    at[k].sev == at[i].sev) {
			if (k < i)
				return;		/* told already */
			n++;
			if (rv->targets[at[k].index].stale_periods < least)
				least = rv->targets[at[k].index].stale_periods;
		}
	buf_puts(b, severity_key(at[i].sev));
	buf_putc(b, ' ');
	text_safe_buf(b, plan_dept_label(rv->plan, at[i].lead));
	buf_puts(b, ": ");
	buf_printf(b, ngettext("%zu target not reported for %d+ periods",
	    "%zu targets not reported for %d+ periods", (unsigned long)n), n,
	    least);
	buf_putc(b, '\n');
}

static void
write_text(struct buf *b, const struct review *rv, const char *sum,
    const struct attn_item *at, size_t nat)
{
	struct reason_cache rc = { 0 };
	size_t from = b->len;

	buf_printf(b, "PLANWATCH %s - %s", severity_key(rv->worst), sum);
	unpipe(b, from);
	buf_puts(b, " | ");
	perfdata(b, rv);
	buf_putc(b, '\n');
	/* "SEVERITY ID (LEAD) REASON: NAME", put piece by piece. */
	for (size_t i = 0; i < nat; i++) {
		struct item_view v;
		from = b->len;
		if (stale_only(&at[i]))
			stale_group(b, rv, at, nat, i);
		else {
			item_view(rv, &at[i], &v);
			buf_puts(b, severity_key(at[i].sev));
			buf_putc(b, ' ');
			buf_puts(b, at[i].id);
			buf_puts(b, " (");
			text_safe_buf(b, plan_dept_label(rv->plan,
			    at[i].lead));
			buf_puts(b, ") ");
			attn_reason(b, rv, &at[i], &rc);
			buf_puts(b, ": ");
			text_safe_buf(b, v.name);
			buf_putc(b, '\n');
		}
		unpipe(b, from);
	}
}

static void
json_key(struct buf *b, const char *key, bool first)
{
	buf_printf(b, "%s\"%s\":", first ? "" : ",", key);
}

static void
json_str(struct buf *b, const char *key, const char *s)
{
	json_key(b, key, false);
	if (s == NULL)
		buf_puts(b, "null");
	else
		esc_json(b, s);
}

static void
json_day(struct buf *b, const char *key, pw_day day)
{
	char iso[11];

	json_key(b, key, false);
	if (day == DAY_NONE) {
		buf_puts(b, "null");
		return;
	}
	date_iso(day, iso);
	buf_printf(b, "\"%s\"", iso);
}

static void
write_json(struct buf *b, const struct review *rv, const char *sum,
    const struct attn_item *at, size_t nat)
{
	const struct plan *p = rv->plan;
	const struct counts *c = &rv->counts;
	struct reason_cache rc = { 0 };
	struct buf why = BUF_INIT;

	buf_printf(b, "{\"state\":\"%s\",\"exit\":%d", severity_key(rv->worst),
	    (int)rv->worst);
	json_str(b, "summary", sum);
	json_str(b, "plan", p->id);
	json_str(b, "title", p->title);
	json_day(b, "asof", rv->asof);
	json_str(b, "dept", rv->dept >= 0 ? p->depts[rv->dept].id : NULL);
	buf_printf(b, ",\"warn_days\":%d", rv->warn_days);
	buf_printf(b, ",\"counts\":{\"overdue\":%zu,\"due_soon\":%zu,"
	    "\"behind\":%zu,\"missed\":%zu,\"at_risk\":%zu,\"stale\":%zu,"
	    "\"met\":%zu,\"done\":%zu}", c->overdue, c->due_soon,
	    c->behind + c->far_behind, c->missed, c->at_risk, c->stale,
	    c->met, c->done + c->late);
	buf_puts(b, ",\"perfdata\":[");
	bool first = true;
	for (size_t i = 0; i < rv->ntargets; i++) {
		const struct tg_result *r = &rv->targets[i];
		const struct target *t = &p->targets[i];
		if (!r->in_scope || !r->has_latest)
			continue;
		buf_printf(b, "%s{\"id\":", first ? "" : ",");
		esc_json(b, t->id);
		buf_puts(b, ",\"value\":");
		perf_num(b, perf_value(t, r->latest.value));
		json_str(b, "unit", t->nscale > 0 ? NULL : t->unit);
		buf_puts(b, ",\"range\":\"");
		perf_range(b, t->dir, perf_value(t, t->target));
		buf_puts(b, "\"}");
		first = false;
	}
	buf_puts(b, "],\"items\":[");
	for (size_t i = 0; i < nat; i++) {
		struct item_view v;
		item_view(rv, &at[i], &v);
		buf_reset(&why);
		attn_reason(&why, rv, &at[i], &rc);
		buf_printf(b, "%s{\"severity\":\"%s\"", i ? "," : "",
		    severity_key(at[i].sev));
		json_str(b, "kind", v.kind);
		json_str(b, "id", at[i].id);
		json_str(b, "name", v.name);
		json_str(b, "lead", at[i].lead >= 0 ?
		    p->depts[at[i].lead].id : NULL);
		json_str(b, "lead_name", at[i].lead >= 0 ?
		    plan_dept_label(p, at[i].lead) : NULL);
		json_str(b, "state", v.state);
		json_str(b, "pace", v.pace);
		buf_printf(b, ",\"stale\":%d", v.stale);
		json_str(b, "attention", attn_kind_key(at[i].kind));
		buf_puts(b, ",\"kinds\":[");
		for (int k = 0, n = 0; k < ATTN_NKINDS; k++)
			if (at[i].kinds & (1u << k))
				buf_printf(b, "%s\"%s\"", n++ ? "," : "",
				    attn_kind_key((enum attn_kind)k));
		buf_putc(b, ']');
		json_day(b, "due", at[i].due);
		if (at[i].due != DAY_NONE)
			buf_printf(b, ",\"days_past_due\":%d",
			    rv->asof - at[i].due);
		json_str(b, "reason", buf_str(&why));
		buf_putc(b, '}');
	}
	buf_puts(b, "]}\n");
	buf_release(&why);
}

/* Print an UNKNOWN result; returns its exit status. */
static int
unknown(bool json, const char *reason)
{
	struct buf b = BUF_INIT;
	char *safe = text_safe(reason);	/* a newline escaped too */

	if (json) {
		buf_puts(&b, "{\"state\":\"UNKNOWN\",\"exit\":3,\"summary\":");
		esc_json(&b, safe);
		buf_puts(&b, "}\n");
	} else {
		buf_printf(&b, "PLANWATCH UNKNOWN - %s", safe);
		unpipe(&b, 0);
		buf_putc(&b, '\n');
	}
	fputs(buf_str(&b), stdout);
	fflush(stdout);
	buf_release(&b);
	free(safe);
	return CHECK_UNKNOWN;
}

int
check_unknown(const struct cli *cli, const char *reason)
{
	return unknown(cli->check_json, reason);
}

static void
arm_timeout(unsigned seconds, bool json)
{
	struct sigaction sa;
	char *msg;

	if (seconds == 0)
		return;
	msg = json ? xasprintf("{\"state\":\"UNKNOWN\",\"exit\":3,"
	    "\"summary\":\"timed out after %u seconds\"}\n", seconds) :
	    xasprintf("PLANWATCH UNKNOWN - timed out after %u seconds\n",
	    seconds);
	alarm_len = strlen(msg) < sizeof alarm_msg ? strlen(msg) :
	    sizeof alarm_msg;
	memcpy(alarm_msg, msg, alarm_len);
	free(msg);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	alarm(seconds);
}

/* A non-negative whole number option, at most max. */
static int
parse_count(const char *s, long max, long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -1;
	*out = strtol(s, &end, 10);
	return *end != '\0' || *out > max ? -1 : 0;
}

/*
 * Every usage error of a check line, the parser's too, is UNKNOWN on
 * standard output, where the monitoring system looks: cli_usage_error()
 * says it so on a check line, in JSON after --format json.
 */
int
cmd_check(struct cli *cli, const struct cmd_args *a)
{
	const char *format = cmd_args_get(a, "format");
	const char *arg;
	struct review_args ra = { .warn_days = -1,
	    .dept = cmd_args_get(a, "dept") };
	struct review_ctx ctx;
	const struct attn_item *at;
	struct buf out = BUF_INIT;
	bool quiet = cmd_args_flag(a, "quiet"), json = cli->check_json;
	long timeout = TIMEOUT_DEFAULT, n;
	char *err, *sum;
	size_t nat;
	int rc;

	if (format != NULL && strcmp(format, "json") != 0 &&
	    strcmp(format, "text") != 0)
		return unknown(json, _("invalid --format: expected text or "
		    "json"));
	if ((arg = cmd_args_get(a, "warn-days")) != NULL) {
		if (parse_count(arg, 3650, &n) != 0)
			return unknown(json, _("invalid --warn-days: expected "
			    "0..3650"));
		ra.warn_days = (int)n;
	}
	if ((arg = cmd_args_get(a, "timeout")) != NULL &&
	    parse_count(arg, 86400, &timeout) != 0)
		return unknown(json, _("invalid --timeout: expected 0..86400 "
		    "seconds"));

	arm_timeout((unsigned)timeout, json);
	if (cli_review_open(cli, &ra, &ctx, &err) != 0) {
		rc = unknown(json, err != NULL ? err : _("cannot load the plan"));
		free(err);
		return rc;
	}
	nat = session_attention(ctx.session, &at);
	if (json) {
		/* JSON is for machines: its summary and reasons stay English
		 * under any LANG, like its field names, so a monitoring
		 * system reads the same bytes (LANGUAGE is ignored in C). */
		char *msgs = xstrdup(setlocale(LC_MESSAGES, NULL));
		setlocale(LC_MESSAGES, "C");
		sum = summary(ctx.rv);
		write_json(&out, ctx.rv, sum, at, nat);
		setlocale(LC_MESSAGES, msgs);
		free(msgs);
	} else {
		sum = summary(ctx.rv);
		write_text(&out, ctx.rv, sum, at, nat);
	}
	rc = (int)ctx.rv->worst;
	alarm(0);
	if (!(quiet && rc == EXIT_OK))
		fwrite(out.s, 1, out.len, stdout);
	if (fflush(stdout) != 0 || ferror(stdout))
		rc = CHECK_UNKNOWN;
	free(sum);
	buf_release(&out);
	cli_review_release(&ctx);
	return rc;
}
