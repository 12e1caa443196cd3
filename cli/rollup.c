/*
 * rollup.c: status and report of several plans, the roll-up a province
 * office reads (planwatch-status(1), ROLL-UP): which plans (-f given more
 * than once, a directory's *.yaml and *.yml files), a session for each in
 * turn (the session loads the plan and opens its store; nothing is kept
 * of it but what report/rollup.h copies), then the roll-up printed whole,
 * so that a plan that fails leaves nothing half-printed.
 *
 * Each plan's records are where a command on that plan alone reads them:
 * -d or $PLANWATCH_DB when given, else the database beside the plan.  Two
 * plans may share a store only when it keeps plans apart by id (a
 * PostgreSQL store, store_keeps_plans()); a SQLite file holds one plan's.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "model/attention.h"
#include "model/plan.h"
#include "report/form.h"
#include "report/report.h"
#include "report/rollup.h"
#include "session/session.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* The most plans one roll-up reads: a province's counties many times
 * over, and a bound on what a directory can make it open. */
#define ROLLUP_MAX	1000

struct paths {
	char	**v;
	size_t	  n;
};

static void
paths_release(struct paths *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	memset(p, 0, sizeof *p);
}

static int
paths_add(struct paths *p, char *path)
{
	if (p->n == ROLLUP_MAX) {
		free(path);
		cli_error(_("more than %d plans for one roll-up"), ROLLUP_MAX);
		return -1;
	}
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n++] = path;
	return 0;
}

static bool
is_dir(const char *path)
{
	struct stat st;

	return strcmp(path, "-") != 0 && stat(path, &st) == 0 &&
	    S_ISDIR(st.st_mode);
}

bool
cli_rollup_wanted(const struct cli *cli)
{
	return cli->nplans > 1 || is_dir(cli_plan_path(cli));
}

static bool
plan_name(const char *name)
{
	size_t n = strlen(name);

	if (name[0] == '.')
		return false;
	return (n > 5 && strcmp(name + n - 5, ".yaml") == 0) ||
	    (n > 4 && strcmp(name + n - 4, ".yml") == 0);
}

static int
by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * The plans of directory dir: its *.yaml and *.yml files (not those whose
 * name begins with a dot), by name in bytes (the C locale), not what is
 * under its subdirectories.  A link is read as -f reads it: followed;
 * what is neither a directory nor a regular file is refused.
 */
static int
add_dir(struct paths *p, const char *dir)
{
	struct paths names = { 0 };
	struct dirent *e;
	size_t before = p->n;
	DIR *d;
	int rc = 0;

	if ((d = opendir(dir)) == NULL) {
		char *q = text_quote(dir);
		cli_error(_("cannot read '%s': %s"), q, strerror(errno));
		free(q);
		return -1;
	}
	/* A link is followed only where nobody else could have planted
	 * it, as -o's are: root's cron reading a shared folder must not
	 * read (and quote in its messages) a file the link points at. */
	bool private = dir_private(dirfd(d));
	while (rc == 0 && (e = readdir(d)) != NULL)
		if (plan_name(e->d_name))
			rc = paths_add(&names, xstrdup(e->d_name));
	closedir(d);
	if (rc == 0 && names.n > 0)
		qsort(names.v, names.n, sizeof *names.v, by_name);
	for (size_t i = 0; rc == 0 && i < names.n; i++) {
		size_t n = strlen(dir);
		char *path = xasprintf("%s%s%s", dir, n > 0 && dir[n - 1] ==
		    '/' ? "" : "/", names.v[i]);
		struct stat st;
		bool link = lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
		bool there = stat(path, &st) == 0;

		if (link && !private) {
			char *q = text_quote(path);
			cli_error(_("'%s' is a symbolic link in a directory "
			    "other users can write"), q);
			free(q);
			free(path);
			rc = -1;
		} else if (there && S_ISDIR(st.st_mode))
			free(path);
		else if (there && !S_ISREG(st.st_mode)) {
			/* A FIFO would hold the run until someone writes to
			 * it, a device be read as a plan: what another user
			 * may plant in a directory that cron reads. */
			char *q = text_quote(path);
			cli_error(_("'%s' is not a regular file"), q);
			free(q);
			free(path);
			rc = -1;
		} else
			rc = paths_add(p, path);
	}
	paths_release(&names);
	if (rc == 0 && p->n == before) {
		char *q = text_quote(dir);
		cli_error(_("no plans (*.yaml, *.yml) in '%s'"), q);
		free(q);
		rc = -1;
	}
	return rc;
}

static int
collect(const struct cli *cli, struct paths *p)
{
	const char *one = cli_plan_path(cli);
	size_t n = cli->nplans > 0 ? cli->nplans : 1;

	for (size_t i = 0; i < n; i++) {
		const char *path = cli->nplans > 0 ? cli->plans[i] : one;
		int rc = is_dir(path) ? add_dir(p, path) :
		    paths_add(p, xstrdup(path));

		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The options that work on one plan are refused by name. */
static int
one_plan_options(struct cli *cli, const struct cmd_args *a, bool report)
{
	static const char *const names[] = { "dept", "since", "week" };
	size_t n = report ? 3 : 2;

	for (size_t i = 0; i < n; i++)
		if (cmd_args_get(a, names[i]) != NULL) {
			cli_usage_error(cli, _("--%s works on one plan, not "
			    "on a roll-up of several"), names[i]);
			return -1;
		}
	return 0;
}

/* Where the plan at path keeps its records, as a command on it alone
 * would read them. */
static char *
location_of(const struct cli *cli, const char *path)
{
	struct cli c = *cli;

	c.plan_path = path;
	return cli_db_path(&c);
}

/* Two plans of one id, or sharing a store that holds one plan's records:
 * said and -1. */
static int
check_apart(const struct paths *p, char **locs, char **ids, size_t i,
    const struct session *s)
{
	for (size_t k = 0; k < i; k++) {
		const char *why = NULL;
		char *a, *b, *id;

		if (strcmp(ids[k], ids[i]) == 0)
			why = N_("'%s' and '%s' are both plan '%s': a roll-up "
			    "knows plans by id");
		else if (locs[i] != NULL && locs[k] != NULL &&
		    strcmp(locs[i], locs[k]) == 0 && s->store != NULL &&
		    !store_keeps_plans(s->store))
			why = N_("'%s' and '%s' would share %s, which holds "
			    "one plan's records: without -d each plan reads "
			    "the database beside it");
		if (why == NULL)
			continue;
		a = text_quote(p->v[k]);
		b = text_quote(p->v[i]);
		id = text_quote(ids[i]);
		if (strcmp(ids[k], ids[i]) == 0)
			cli_error(_(why), a, b, id);
		else
			cli_error(_(why), a, b, store_location(s->store));
		free(a);
		free(b);
		free(id);
		return -1;
	}
	return 0;
}

/* Review each plan in turn into ru.  Errors are printed. */
static int
review_all(struct cli *cli, const struct paths *p, int warn_days,
    struct rollup *ru)
{
	char **locs = xcalloc(p->n + 1, sizeof *locs);
	char **ids = xcalloc(p->n + 1, sizeof *ids);
	int rc = 0;

	for (size_t i = 0; i < p->n && rc == 0; i++) {
		struct session_args sa = { .plan = p->v[i], .asof = cli->today,
		    .warn_days = warn_days, .print_diags = true };
		struct session *s;
		const struct attn_item *at;
		char *err = NULL;

		locs[i] = location_of(cli, p->v[i]);
		sa.store = locs[i];
		if (session_open(&sa, &s, &err) != 0) {
			if (err != NULL)
				cli_error("%s", err);
			free(err);
			rc = -1;
			break;
		}
		ids[i] = xstrdup(s->plan->id);
		if (check_apart(p, locs, ids, i, s) != 0)
			rc = -1;
		else {
			size_t nat = session_attention(s, &at);

			rollup_add(ru, s->rv, at, nat);
		}
		session_free(s);
	}
	for (size_t i = 0; i < p->n; i++) {
		free(locs[i]);
		free(ids[i]);
	}
	free(locs);
	free(ids);
	return rc;
}

static int
write_stdout(const struct buf *b)
{
	fwrite(buf_str(b), 1, b->len, stdout);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_error(_("cannot write the output"));
		return EXIT_ERROR;
	}
	return EXIT_OK;
}

static int
make_xlsx(const char *path, const char *tmpdir, void *arg, char **err)
{
	return report_xlsx(arg, path, tmpdir, err);
}

/* "2025-07-01 08:00", or "... UTC" for $SOURCE_DATE_EPOCH, as the
 * report of one plan says when it was made. */
static int
made_at(char out[static 64])
{
	struct tm tm;
	time_t t;
	bool utc;

	if (cli_made_time(&t, &utc) != 0)
		return -1;
	if (utc)
		gmtime_r(&t, &tm);
	else
		localtime_r(&t, &tm);
	strftime(out, 64, utc ? "%Y-%m-%d %H:%M UTC" : "%Y-%m-%d %H:%M", &tm);
	return 0;
}

static int
write_report(struct cli *cli, const struct rollup *ru,
    const struct rollup_args *ra)
{
	enum report_format fmt = (enum report_format)ra->format;
	struct report_opts o = { .week = DAY_NONE };
	struct report *doc;
	struct cli_out *co;
	struct buf b = BUF_INIT;
	char made[64];
	int rc = EXIT_ERROR;

	if (made_at(made) != 0)
		return EXIT_ERROR;
	o.made = made;
	o.utf8 = ra->xlsx || text_utf8_locale();
	o.color = fmt == REPORT_TEXT && !ra->xlsx &&
	    cli->color == COLOR_ALWAYS;
	doc = rollup_report(ru, &o);
	if (ra->xlsx)
		rc = cli_write_xlsx(ra->output, make_xlsx, doc) == 0 ?
		    EXIT_OK : EXIT_ERROR;
	else if ((co = cli_out_open(ra->output)) != NULL) {
		struct rsink sink = { .b = &b, .flush = cli_out_flush,
		    .arg = co };

		if (ra->bom)
			buf_puts(&b, "\xef\xbb\xbf");
		if (fmt == REPORT_CSV)
			rollup_csv(ru, &sink);
		else if (fmt == REPORT_JSON)
			rollup_json(ru, made, &sink);
		else
			report_write_sink(doc, fmt, &sink);
		rc = cli_out_close(co, &b) == 0 ? EXIT_OK : EXIT_ERROR;
	}
	report_free(doc);
	buf_release(&b);
	return rc;
}

int
cli_rollup(struct cli *cli, const struct cmd_args *a,
    const struct rollup_args *ra)
{
	struct paths p = { 0 };
	struct rollup ru;
	int rc = EXIT_ERROR;

	if (one_plan_options(cli, a, ra->report) != 0)
		return cli->cmd->usage_status;
	rollup_init(&ru, cli->today, ra->all ? SIZE_MAX : ROLLUP_WORST);
	if (collect(cli, &p) == 0 && review_all(cli, &p, ra->warn_days,
	    &ru) == 0) {
		rollup_rank(&ru);
		if (ra->report)
			rc = write_report(cli, &ru, ra);
		else {
			struct report_opts o = { .week = DAY_NONE,
			    .utf8 = text_utf8_locale(),
			    .color = cli_use_color(cli, stdout) };
			struct report *doc = rollup_report(&ru, &o);
			struct buf b = BUF_INIT;

			report_write(doc, REPORT_TEXT, &b);
			rc = write_stdout(&b);
			buf_release(&b);
			report_free(doc);
		}
	}
	rollup_release(&ru);
	paths_release(&p);
	return rc;
}
