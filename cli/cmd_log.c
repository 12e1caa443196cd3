/*
 * cmd_log.c: planwatch log: the full history of what was recorded, newest
 * first, superseded records included and marked.  It reads the database
 * only, so it works with a plan that no longer names an id.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/record.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

/* Machine-facing kind words (CSV, JSON). */
static const char *const kind_words[] = {
	[FACT_VALUE] = "value", [FACT_PROGRESS] = "progress",
	[FACT_DONE] = "done", [FACT_REOPEN] = "reopen", [FACT_VOID] = "void"
};

/* What was recorded, in words: "12.5", a level, "40%", "done",
 * "voided". */
static char *
what(const struct history_row *r)
{
	char num[32];

	switch (r->kind) {
	case FACT_VALUE:
		if (r->level != NULL)
			return xstrdup(r->level);
		record_format_number(isfinite(r->value) ? r->value : 0, num);
		return xstrdup(num);
	case FACT_PROGRESS:
		record_format_number(isfinite(r->value) ? r->value : 0, num);
		return xasprintf("%s%%", num);
	case FACT_DONE:
		return xstrdup(_("done"));
	case FACT_VOID:
		return xstrdup(_("voided"));
	default:
		return xstrdup(_("reopened"));
	}
}

static int
min_int(int a, int b)
{
	return a < b ? a : b;
}

static void
print_text(const struct history_row *rows, size_t n)
{
	const char *head[] = { _("RECORDED"), _("BY"), _("ID"), _("AS OF"),
	    _("VALUE"), _("STATE"), _("SOURCE"), _("NOTE") };
	enum { C_REC, C_BY, C_ID, C_ASOF, C_VAL, C_STATE, C_SRC, C_NOTE,
	    NCOL };
	/* Widest each column may grow, in display columns. */
	static const int cap[NCOL] = { 20, 12, 24, 10, 14, 12, 16, 0 };
	int w[NCOL];
	struct buf b = BUF_INIT;
	char day[11], *val;
	const char *state;

	if (n == 0) {
		puts(_("nothing recorded"));
		return;
	}
	for (int i = 0; i < NCOL; i++)
		w[i] = text_width(head[i]);
	for (size_t i = 0; i < n; i++) {
		val = what(&rows[i]);
		w[C_BY] = min_int(cap[C_BY], w[C_BY] > text_width(rows[i].by) ?
		    w[C_BY] : text_width(rows[i].by));
		if (text_width(rows[i].item) > w[C_ID])
			w[C_ID] = min_int(cap[C_ID], text_width(rows[i].item));
		if (text_width(val) > w[C_VAL])
			w[C_VAL] = min_int(cap[C_VAL], text_width(val));
		if (rows[i].source != NULL &&
		    text_width(rows[i].source) > w[C_SRC])
			w[C_SRC] = min_int(cap[C_SRC],
			    text_width(rows[i].source));
		free(val);
	}
	w[C_REC] = cap[C_REC] > w[C_REC] ? cap[C_REC] : w[C_REC];
	w[C_ASOF] = cap[C_ASOF] > w[C_ASOF] ? cap[C_ASOF] : w[C_ASOF];
	state = _("superseded");
	if (text_width(state) > w[C_STATE])
		w[C_STATE] = text_width(state);
	for (int i = 0; i < C_NOTE; i++) {
		text_fit_buf(&b, head[i], w[i], i == C_VAL ? ALIGN_RIGHT :
		    ALIGN_LEFT);
		buf_puts(&b, "  ");
	}
	buf_puts(&b, head[C_NOTE]);
	puts(buf_str(&b));
	for (size_t i = 0; i < n; i++) {
		const struct history_row *r = &rows[i];

		buf_reset(&b);
		date_iso(r->date, day);
		val = what(r);
		text_fit_buf(&b, r->recorded, w[C_REC], ALIGN_LEFT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, r->by, w[C_BY], ALIGN_LEFT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, r->item, w[C_ID], ALIGN_LEFT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, r->date == DAY_NONE ? "?" : day, w[C_ASOF],
		    ALIGN_LEFT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, val, w[C_VAL], ALIGN_RIGHT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, r->superseded ? state : "", w[C_STATE],
		    ALIGN_LEFT);
		buf_puts(&b, "  ");
		text_fit_buf(&b, r->source != NULL ? r->source : "", w[C_SRC],
		    ALIGN_LEFT);
		buf_puts(&b, "  ");
		if (r->note != NULL)
			text_safe_buf(&b, r->note);
		/* No trailing blanks when there is no note. */
		while (b.len > 0 && b.s[b.len - 1] == ' ')
			b.s[--b.len] = '\0';
		puts(buf_str(&b));
		free(val);
	}
	buf_release(&b);
}

static void
print_csv(const struct history_row *rows, size_t n)
{
	struct buf b = BUF_INIT;
	char day[11], num[32];

	buf_puts(&b, "seq,recorded,by,kind,id,date,value,note,source,"
	    "superseded\r\n");
	for (size_t i = 0; i < n; i++) {
		const struct history_row *r = &rows[i];

		date_iso(r->date, day);
		buf_printf(&b, "%lld,%s,", r->seq, r->recorded);
		esc_csv(&b, r->by);
		buf_printf(&b, ",%s,", kind_words[r->kind]);
		esc_csv(&b, r->item);
		buf_printf(&b, ",%s,", day);
		if (r->kind == FACT_VALUE && r->level != NULL)
			esc_csv(&b, r->level);
		else if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS) {
			record_format_number(isfinite(r->value) ? r->value : 0,
			    num);
			buf_puts(&b, num);
		}
		buf_putc(&b, ',');
		esc_csv(&b, r->note != NULL ? r->note : "");
		buf_putc(&b, ',');
		esc_csv(&b, r->source != NULL ? r->source : "");
		buf_printf(&b, ",%d\r\n", r->superseded ? 1 : 0);
		if (b.len > 1 << 16) {
			fputs(buf_str(&b), stdout);
			buf_reset(&b);
		}
	}
	fputs(buf_str(&b), stdout);
	buf_release(&b);
}

static void
json_text(struct buf *b, const char *s)
{
	if (s == NULL)
		buf_puts(b, "null");
	else
		esc_json(b, s);
}

static void
print_json(const struct history_row *rows, size_t n)
{
	struct buf b = BUF_INIT;
	char day[11], num[32];

	buf_putc(&b, '[');
	for (size_t i = 0; i < n; i++) {
		const struct history_row *r = &rows[i];

		date_iso(r->date, day);
		buf_printf(&b, "%s\n  {\"seq\": %lld, \"recorded\": ",
		    i > 0 ? "," : "", r->seq);
		json_text(&b, r->recorded);
		buf_puts(&b, ", \"by\": ");
		json_text(&b, r->by);
		buf_printf(&b, ", \"kind\": \"%s\", \"id\": ",
		    kind_words[r->kind]);
		json_text(&b, r->item);
		buf_printf(&b, ", \"date\": \"%s\", \"value\": ", day);
		if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS) {
			record_format_number(isfinite(r->value) ? r->value : 0,
			    num);
			buf_puts(&b, num);
		} else
			buf_puts(&b, "null");
		buf_puts(&b, ", \"level\": ");
		json_text(&b, r->level);
		buf_puts(&b, ", \"note\": ");
		json_text(&b, r->note);
		buf_puts(&b, ", \"source\": ");
		json_text(&b, r->source);
		buf_printf(&b, ", \"superseded\": %s}",
		    r->superseded ? "true" : "false");
		if (b.len > 1 << 16) {
			fputs(buf_str(&b), stdout);
			buf_reset(&b);
		}
	}
	buf_puts(&b, n > 0 ? "\n]\n" : "]\n");
	fputs(buf_str(&b), stdout);
	buf_release(&b);
}

int
cmd_log(struct cli *cli, const struct cmd_args *a)
{
	struct history_query q = { .item = a->argc > 0 ? a->argv[0] : NULL,
	    .since = cmd_args_day(a, "since"),
	    .until = cmd_args_day(a, "until") };
	const char *format = cmd_args_get(a, "format");
	const char *limit = cmd_args_get(a, "limit");
	enum format fmt = FMT_TEXT;
	struct history_row *rows;
	struct store *s;
	char *err = NULL, *end;
	size_t n;
	long lim;
	int rc;

	if (limit != NULL) {
		lim = strtol(limit, &end, 10);
		if (*limit == '\0' || *end != '\0' || lim <= 0) {
			cli_usage_error(cli, _("invalid value '%s' for --limit: "
			    "expected a positive number"), limit);
			return cli->cmd->usage_status;
		}
		q.limit = (size_t)lim;
	}
	if (format == NULL || strcmp(format, "text") == 0)
		fmt = FMT_TEXT;
	else if (strcmp(format, "csv") == 0)
		fmt = FMT_CSV;
	else if (strcmp(format, "json") == 0)
		fmt = FMT_JSON;
	else {
		cli_usage_error(cli, _("invalid value '%s' for --format: "
		    "expected text, csv or json"), format);
		return cli->cmd->usage_status;
	}
	if ((s = cli_open_store(cli, false, NULL)) == NULL)
		return EXIT_ERROR;
	rc = store_history(s, &q, &rows, &n, &err);
	store_close(s);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	if (fmt == FMT_TEXT)
		print_text(rows, n);
	else if (fmt == FMT_CSV)
		print_csv(rows, n);
	else
		print_json(rows, n);
	history_rows_free(rows, n);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("cannot write the output"));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
