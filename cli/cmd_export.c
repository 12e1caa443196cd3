/*
 * cmd_export.c: planwatch export: the current state (every record not
 * superseded, oldest first) as CSV that import reads back, or as JSON.
 *
 * The data are written exactly as stored, so that export, import into an
 * empty database and export again gives the same bytes; to a terminal, the
 * text is made safe instead.  A CSV is meant for spreadsheets too: a cell
 * that one would run as a formula is protected (csv_quote_cell(), which
 * import undoes), each row names the item's lead and supporting
 * departments from the plan, and --bom puts the byte-order mark first that
 * Excel needs to read UTF-8.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/plan.h"
#include "model/record.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum format { FMT_CSV, FMT_JSON };

struct out {
	const struct plan *plan;	/* CSV: the departments */
	struct cli_out	*co;	/* standard output or -o's file */
	struct buf	 b;
	enum format	 fmt;
	bool		 tty;	/* make text safe */
	size_t		 n;
	bool		 failed; /* a write failed (and said so) */
};

static void
flush_out(struct out *o)
{
	if (!o->failed && cli_out_write(o->co, &o->b) != 0)
		o->failed = true;
	buf_reset(&o->b);
}

/* A text field: exact, or made safe for a terminal (as the report's and
 * log's CSV); protected from a spreadsheet's formulas either way. */
static void
put_csv(struct out *o, const char *s)
{
	if (s == NULL)
		return;
	if (o->tty)
		esc_csv(&o->b, s);
	else
		csv_quote_cell(&o->b, s);
}

/* The departments v[0..n), ids or names, as one field joined by ';'. */
static void
put_depts(struct out *o, const int *v, size_t n, bool names)
{
	struct buf list = BUF_INIT;

	for (size_t i = 0; i < n; i++) {
		const struct department *d = &o->plan->depts[v[i]];
		buf_puts(&list, i > 0 ? ";" : "");
		buf_puts(&list, names ? d->name : d->id);
	}
	put_csv(o, buf_str(&list));
	buf_release(&list);
}

/* ,lead,lead_name,support,support_names of an item, from the plan (empty
 * for an id the plan no longer has). */
static void
put_owners(struct out *o, const char *id)
{
	const struct plan *p = o->plan;
	struct item_ref ref = plan_find(p, id);
	const int *support = NULL;
	size_t nsupport = 0;
	int lead = -1;

	switch (ref.kind) {
	case ITEM_MILESTONE:
	case ITEM_INSTANCE:
		lead = p->ms[ref.index].owner;
		support = p->ms[ref.index].support;
		nsupport = p->ms[ref.index].nsupport;
		break;
	case ITEM_TARGET:
		lead = p->targets[ref.index].owner;
		support = p->targets[ref.index].support;
		nsupport = p->targets[ref.index].nsupport;
		break;
	case ITEM_PHASE:
		lead = p->phases[ref.index].owner;
		break;
	default:
		break;
	}
	buf_putc(&o->b, ',');
	put_depts(o, &lead, lead >= 0, false);
	buf_putc(&o->b, ',');
	put_depts(o, &lead, lead >= 0, true);
	buf_putc(&o->b, ',');
	put_depts(o, support, nsupport, false);
	buf_putc(&o->b, ',');
	put_depts(o, support, nsupport, true);
}

/* A JSON string that keeps every character: controls and the characters
 * text.h calls unsafe are written as \u escapes. */
static void
put_json(struct out *o, const char *s)
{
	const char *p = s;
	unsigned cp;
	size_t len;

	if (s == NULL) {
		buf_puts(&o->b, "null");
		return;
	}
	buf_putc(&o->b, '"');
	while (*p) {
		len = utf8_decode(p, strlen(p), &cp);
		if (len == 0) {		/* not stored by planwatch */
			buf_puts(&o->b, "\\ufffd");
			p++;
			continue;
		}
		if (cp == '"' || cp == '\\')
			buf_printf(&o->b, "\\%c", (int)cp);
		else if (cp == '\n')
			buf_puts(&o->b, "\\n");
		else if (cp < 0x20 || (cp < 0x10000 && text_unsafe_cp(cp)))
			buf_printf(&o->b, "\\u%04x", cp);
		else
			buf_add(&o->b, p, len);
		p += len;
	}
	buf_putc(&o->b, '"');
}

static int
export_row(const struct history_row *r, void *arg)
{
	struct out *o = arg;
	char day[11], num[32];

	date_iso(r->date, day);
	if (r->kind == FACT_VALUE || r->kind == FACT_PROGRESS)
		record_format_number(isfinite(r->value) ? r->value : 0, num);
	if (o->fmt == FMT_CSV) {
		put_csv(o, r->item);
		buf_printf(&o->b, ",%s,", day);
		if (r->kind == FACT_DONE || r->kind == FACT_REOPEN)
			buf_puts(&o->b, fact_kind_word(r->kind));
		else if (r->kind == FACT_VALUE && r->level != NULL)
			put_csv(o, r->level);
		else
			buf_puts(&o->b, num);
		buf_putc(&o->b, ',');
		put_csv(o, r->note);
		buf_putc(&o->b, ',');
		put_csv(o, r->source);
		put_owners(o, r->item);
		buf_puts(&o->b, "\r\n");
	} else {
		buf_puts(&o->b, o->n == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ");
		put_json(o, r->item);
		buf_printf(&o->b, ", \"date\": \"%s\", \"kind\": \"%s\", "
		    "\"value\": ", day, fact_kind_word(r->kind));
		if (r->kind == FACT_DONE || r->kind == FACT_REOPEN)
			buf_puts(&o->b, "null");
		else if (r->kind == FACT_VALUE && r->level != NULL)
			put_json(o, r->level);
		else
			buf_puts(&o->b, num);
		buf_puts(&o->b, ", \"note\": ");
		put_json(o, r->note);
		buf_puts(&o->b, ", \"source\": ");
		put_json(o, r->source);
		buf_putc(&o->b, '}');
	}
	o->n++;
	if (o->b.len >= 1 << 16)
		flush_out(o);
	return o->failed;
}

/* Write the export to o->co; 0, or -1 with *err set or the write error
 * said already. */
static int
write_export(struct store *s, struct out *o, char **err)
{
	struct history_query q = { .item = NULL, .since = DAY_NONE,
	    .until = DAY_NONE, .current_only = true, .oldest_first = true };

	buf_puts(&o->b, o->fmt == FMT_CSV ? "id,date,value,note,source,"
	    "lead,lead_name,support,support_names\r\n" : "[");
	if (store_each(s, &q, export_row, o, err) < 0 || o->failed)
		return -1;
	if (o->fmt == FMT_JSON)
		buf_puts(&o->b, o->n > 0 ? "\n]\n" : "]\n");
	return 0;
}

int
cmd_export(struct cli *cli, const struct cmd_args *a)
{
	const char *format = cmd_args_get(a, "format");
	struct out o = { .fmt = FMT_CSV };
	const char *output = cmd_args_get(a, "output");
	struct store *s;
	char *err = NULL;
	bool bom = cmd_args_flag(a, "bom");
	int rc;

	if (format != NULL && strcmp(format, "json") == 0)
		o.fmt = FMT_JSON;
	else if (format != NULL && strcmp(format, "csv") != 0) {
		cli_usage_error(cli, _("invalid value '%s' for --format: "
		    "expected csv or json"), format);
		return cli->cmd->usage_status;
	}
	if (bom && o.fmt != FMT_CSV) {
		cli_usage_error(cli, "%s", _("--bom is for CSV: JSON has no "
		    "byte-order mark"));
		return cli->cmd->usage_status;
	}
	struct plan *p = NULL;
	if (o.fmt == FMT_CSV && (o.plan = p = cli_load_plan(cli, true)) == NULL)
		return EXIT_ERROR;
	if ((s = cli_open_store(cli, false, p)) == NULL) {
		plan_free(p);
		return EXIT_ERROR;
	}
	/* A file is replaced atomically, or a device written in place
	 * (cli_out_open); only a terminal gets safe text. */
	if ((o.co = cli_out_open(output)) == NULL) {
		store_close(s);
		plan_free(p);
		return EXIT_ERROR;
	}
	o.tty = (output == NULL || strcmp(output, "-") == 0) &&
	    isatty(STDOUT_FILENO);
	if (bom)
		buf_puts(&o.b, "\xef\xbb\xbf");
	if ((rc = write_export(s, &o, &err)) == 0)
		rc = cli_out_close(o.co, &o.b);
	else
		cli_out_abort(o.co);
	store_close(s);
	plan_free(p);
	buf_release(&o.b);
	if (rc != 0) {
		if (err != NULL)
			cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
