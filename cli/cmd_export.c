/*
 * cmd_export.c: planwatch export: the current state (every record not
 * superseded, oldest first) as CSV that import reads back, or as JSON.
 *
 * The data are written exactly as stored, so that export, import into an
 * empty database and export again gives the same bytes; to a terminal, the
 * text is made safe instead.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "db/store.h"
#include "model/record.h"
#include "util/buf.h"
#include "util/csv.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

enum { OPT_FORMAT = OPT_COMMON_LAST };
enum format { FMT_CSV, FMT_JSON };

struct out {
	FILE		*fp;
	struct buf	 b;
	enum format	 fmt;
	bool		 tty;	/* make text safe */
	size_t		 n;
	int		 error;	/* errno of a failed write */
};

static void
flush_out(struct out *o)
{
	if (o->b.len > 0 && fwrite(o->b.s, 1, o->b.len, o->fp) != o->b.len &&
	    o->error == 0)
		o->error = errno ? errno : EIO;
	buf_reset(&o->b);
}

/* A text field: exact, or made safe for a terminal. */
static void
put_csv(struct out *o, const char *s)
{
	char *safe;

	if (s == NULL)
		return;
	if (!o->tty) {
		csv_quote(&o->b, s);
		return;
	}
	safe = text_safe(s);
	csv_quote(&o->b, safe);
	free(safe);
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

static const char *const kind_words[] = {
	[FACT_VALUE] = "value", [FACT_PROGRESS] = "progress",
	[FACT_DONE] = "done", [FACT_REOPEN] = "reopen"
};

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
			buf_puts(&o->b, kind_words[r->kind]);
		else if (r->kind == FACT_VALUE && r->level != NULL)
			put_csv(o, r->level);
		else
			buf_puts(&o->b, num);
		buf_putc(&o->b, ',');
		put_csv(o, r->note);
		buf_putc(&o->b, ',');
		put_csv(o, r->source);
		buf_puts(&o->b, "\r\n");
	} else {
		buf_puts(&o->b, o->n == 0 ? "\n  {\"id\": " : ",\n  {\"id\": ");
		put_json(o, r->item);
		buf_printf(&o->b, ", \"date\": \"%s\", \"kind\": \"%s\", "
		    "\"value\": ", day, kind_words[r->kind]);
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
	return o->error != 0;
}

/* Write the export to o->fp; 0 or -1 with *err set. */
static int
write_export(struct store *s, struct out *o, char **err)
{
	struct history_query q = { .item = NULL, .since = DAY_NONE,
	    .until = DAY_NONE, .current_only = true, .oldest_first = true };
	int rc;

	buf_puts(&o->b, o->fmt == FMT_CSV ? "id,date,value,note,source\r\n" :
	    "[");
	rc = store_each(s, &q, export_row, o, err);
	if (rc < 0)
		return -1;
	if (o->fmt == FMT_JSON)
		buf_puts(&o->b, o->n > 0 ? "\n]\n" : "]\n");
	flush_out(o);
	if (fflush(o->fp) != 0 && o->error == 0)
		o->error = errno;
	if (o->error != 0) {
		*err = xasprintf(_("cannot write the export: %s"),
		    strerror(o->error));
		return -1;
	}
	return 0;
}

/* Export into path in place: a device or a pipe (cli_path_special). */
static int
export_special(struct store *s, struct out *o, const char *path, char **err)
{
	char *safe;
	int rc = -1;

	if ((o->fp = fopen(path, "w")) != NULL) {
		rc = write_export(s, o, err);
		if (fclose(o->fp) != 0 && rc == 0)
			rc = -1;
		if (rc == 0 || *err != NULL)
			return rc;
	}
	safe = text_safe(path);
	*err = xasprintf("%s: %s", safe, strerror(errno));
	free(safe);
	return -1;
}

/* Export into path through a temporary file renamed into place. */
static int
export_file(struct store *s, struct out *o, const char *path, char **err)
{
	char *tmp, *safe;
	int fd, rc = -1;

	if (cli_path_special(path))
		return export_special(s, o, path, err);
	tmp = xasprintf("%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) == -1 || (o->fp = fdopen(fd, "w")) == NULL) {
		safe = text_safe(path);
		*err = xasprintf("%s: %s", safe, strerror(errno));
		free(safe);
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return -1;
	}
	if (write_export(s, o, err) == 0 && fsync(fileno(o->fp)) == 0)
		rc = 0;
	else if (*err == NULL) {
		safe = text_safe(path);
		*err = xasprintf("%s: %s", safe, strerror(errno));
		free(safe);
	}
	if (fclose(o->fp) != 0 && rc == 0) {
		safe = text_safe(path);
		*err = xasprintf("%s: %s", safe, strerror(errno));
		free(safe);
		rc = -1;
	}
	if (rc == 0 && rename(tmp, path) != 0) {
		safe = text_safe(path);
		*err = xasprintf("%s: %s", safe, strerror(errno));
		free(safe);
		rc = -1;
	}
	if (rc != 0)
		unlink(tmp);
	free(tmp);
	return rc;
}

int
cmd_export(struct cli *cli, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		COMMON_LONGOPTS
	};
	struct out o = { .fmt = FMT_CSV };
	const char *output = NULL;
	struct store *s;
	char *err = NULL;
	int c, rc;

	while ((c = getopt_long(argc, argv, COMMON_SHORTOPTS "o:", longopts,
	    NULL)) != -1) {
		if (c == 'o')
			output = optarg;
		else if (c == OPT_FORMAT) {
			if (strcmp(optarg, "csv") == 0)
				o.fmt = FMT_CSV;
			else if (strcmp(optarg, "json") == 0)
				o.fmt = FMT_JSON;
			else {
				cli_usage_error(cli, _("invalid value '%s' for "
				    "--format: expected csv or json"), optarg);
				return cli->cmd->usage_status;
			}
		} else if ((rc = cli_common_option(cli, c, optarg)) != 0)
			return rc > 0 ? EXIT_OK : cli->cmd->usage_status;
	}
	if (optind < argc) {
		cli_usage_error(cli, _("unexpected argument '%s'"),
		    argv[optind]);
		return cli->cmd->usage_status;
	}
	if ((s = cli_open_store(cli, false)) == NULL)
		return EXIT_ERROR;
	if (output != NULL && strcmp(output, "-") != 0)
		rc = export_file(s, &o, output, &err);
	else {
		o.fp = stdout;
		o.tty = isatty(STDOUT_FILENO);
		rc = write_export(s, &o, &err);
	}
	store_close(s);
	buf_release(&o.b);
	if (rc != 0) {
		cli_error("%s", err);
		free(err);
		return EXIT_ERROR;
	}
	return EXIT_OK;
}
