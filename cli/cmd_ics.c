/* cmd_ics.c: planwatch ics: the due dates as an iCalendar file. */
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/i18n.h"

int
cmd_ics(struct cli *cli, const struct cmd_args *a)
{
	const char *out = cmd_args_get(a, "output");
	struct review_ctx ctx;
	struct buf b = BUF_INIT;
	char stamp[32];
	struct tm tm;
	time_t t;
	bool utc;
	int rc;

	if (cli_made_time(&t, &utc) != 0)
		return EXIT_ERROR;
	gmtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
	/* A calendar reads statuses only, not the series. */
	struct review_args ra = { .warn_days = -1, .print_diags = true };
	if (cli_review_load_args(cli, &ra, &ctx) != 0)
		return EXIT_ERROR;
	/* Written as it is made (see cmd_report). */
	struct cli_out *co = cli_out_open(out);
	rc = EXIT_ERROR;
	if (co != NULL) {
		struct rsink sink = { .b = &b, .flush = cli_out_flush,
		    .arg = co };

		ics_write_sink(ctx.rv, stamp, &sink);
		rc = cli_out_close(co, &b) == 0 ? EXIT_OK : EXIT_ERROR;
	}
	buf_release(&b);
	cli_review_release(&ctx);
	return rc;
}
