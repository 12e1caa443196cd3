/*
 * report.h: printouts of a review: the weekly report (text, Markdown, HTML,
 * CSV, JSON), reminder notices (提示函) and an iCalendar export.
 *
 * A report is computed once from a struct review (which decides every
 * status) into a small document of sections and tables (struct report);
 * one renderer per format then writes it into a struct buf.  Nothing here
 * reads the clock or does I/O: the as-of date comes with the review, the
 * "made at" time as a string from the caller.  Every string from the plan
 * or the database is made safe (text_safe) and escaped for its format.
 */
#ifndef REPORT_REPORT_H
#define REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/status.h"
#include "util/text.h"

struct buf;
struct ms_span;

enum report_format { REPORT_TEXT, REPORT_MD, REPORT_HTML, REPORT_CSV,
    REPORT_JSON };

/* One recorded value shown under "recorded this week".  Strings are
 * borrowed from the caller (e.g. a store history row). */
struct report_record {
	enum fact_kind	 kind;
	const char	*item;
	pw_day		 date;		/* as of */
	double		 value;
	const char	*level;		/* or NULL */
	const char	*by;		/* or NULL */
	const char	*note;		/* or NULL */
};

struct report_opts {
	pw_day		 week;		/* a day in the week; DAY_NONE: asof */
	const char	*made;		/* when the report was made, shown as
					   is; NULL: not shown */
	bool		 utf8;		/* block sparklines, "–", symbols */
	bool		 color;		/* ANSI colour (text only) */
	const struct report_record *records;
	size_t		 nrecords;
	/* Week over week: the review as of an earlier date, of the same
	 * plan, facts and scope (NULL: no such section), and the facts
	 * with every value up to the as-of date, to count the weeks an item
	 * has been on the attention list (attn_weeks()). */
	const struct review *since;
	const struct facts *history;
};

/* A table cell: text as computed (raw, made safe by the renderer). */
struct rcell {
	char		*text;
	enum tone	 tone;
	size_t		 keep;		/* bytes at the end of text that a cut
					   keeps whole, e.g. a count */
};

/* A row; a group row has one cell that heads the rows below it. */
struct rrow {
	struct rcell	*cells;
	bool		 group;
};

struct rtable {
	size_t		 ncols;
	const char	**heads;	/* translated, borrowed */
	enum text_align	*align;
	int		*maxw;		/* widest a text column may be */
	int		 flex;		/* the column that shrinks first */
	int		 wrap;		/* a column whose cells wrap in text
					   when it has a line of its own (a
					   reason), or -1 */
	struct rrow	*rows;
	size_t		 nrows, cap;
};

/* Column specification: heading (translated), alignment, widest text
 * (RCOL_WHOLE: as wide as its widest cell, never cut, for ids). */
#define RCOL_WHOLE	0
struct rcol {
	const char	*head;
	enum text_align	 align;
	int		 maxw;
};

void		 rtable_init(struct rtable *, const struct rcol *, size_t ncols,
		    int flex);
void		 rtable_release(struct rtable *);
struct rrow	*rtable_row(struct rtable *, bool group);
/* Set a cell's text from a format. */
void		 rcell(struct rrow *, size_t col, enum tone, const char *fmt,
		    ...) __attribute__((format(printf, 4, 5)));
/* Lay a table out in text (at most 80 columns) or Markdown. */
void		 rtable_text(struct buf *, const struct rtable *, bool utf8,
		    bool color);
void		 rtable_md(struct buf *, const struct rtable *);

enum rchart { RCHART_NONE, RCHART_GANTT, RCHART_TARGETS };

struct rsection {
	const char	*key;		/* machine name, e.g. "overdue" */
	char		*title;		/* translated */
	char		*empty;		/* shown when the table has no rows */
	struct rtable	 table;
	enum rchart	 chart;		/* what the HTML draws after it */
};

/* A label and a value of the report header. */
struct rfield {
	const char	*label;		/* translated, borrowed */
	char		*value;
};

struct report {
	const struct review *rv;	/* NULL: a roll-up (rollup.h) */
	const struct plan *plan;	/* NULL: a roll-up */
	char		*title;		/* the plan's title, or the
					   roll-up's */
	pw_day		 week_start, week_end;
	int		 week_year, week_no;
	bool		 utf8, color;
	char		*made;		/* or NULL */
	struct rfield	*fields;
	size_t		 nfields;
	struct rsection	*sections;
	size_t		 nsections;
	struct ms_span	*spans;		/* report_ms_spans(rv) */
	/*
	 * What the HTML charts show (the rule is in planwatch-report(1)):
	 * a plan of many milestones gets a Gantt chart of its phases and
	 * the milestones that most need attention (ms_shown, parallel to
	 * plan.ms; NULL: every milestone), and of many targets a chart of
	 * those that most need attention only.
	 */
	bool		*ms_shown;
	size_t		*charts;	/* rv->targets indexes, in order */
	size_t		 ncharts;
	size_t		 charts_left;	/* targets with values not charted */
	size_t		 charts_left_attn;	/* of those, needing attention */
	/* The attention list (model/attention.h) of rv, worst first. */
	struct attn_item *at;
	size_t		 nat;
	/* Week over week: the list as of since->asof and how each item
	 * changed (attn_compare(), borrowing from at and then). */
	const struct review *since;
	struct attn_item *then;
	size_t		 nthen;
	struct attn_diff *diff;
	size_t		 ndiff;
	/* The review the charts read the series from: rv, unless the
	 * caller sets one of every value of the charted targets (so that
	 * rv need not hold the whole history of every target). */
	const struct review *charts_rv;
};

/* Build the report document of a review; the review must outlive it. */
struct report	*report_new(const struct review *, const struct report_opts *);
void		 report_free(struct report *);
/* Add a section (its strings copied, the columns' headings borrowed) or
 * a header field (value taken) to a document being built. */
struct rsection	*report_add_section(struct report *, const char *key,
		    const char *title, const char *empty, const struct rcol *,
		    size_t ncols, int flex);
void		 report_add_field(struct report *, const char *label,
		    char *value);
/*
 * Where a document goes while it is written.  Renderers append to b and,
 * at a boundary (a row, an event, a section), call rsink_mark(): once b
 * holds RSINK_CHUNK bytes, flush gets them and b is emptied, so a
 * province's document never sits whole in memory.  flush NULL: b keeps the
 * whole document.  Once a flush fails (returns -1), failed is set and the
 * rest is dropped.
 */
struct rsink {
	struct buf	*b;
	int		(*flush)(void *arg, struct buf *);
	void		*arg;
	bool		 failed;
};
#define RSINK_CHUNK	(64 * 1024)
void		 rsink_mark(struct rsink *);

/* Append the report in the given format to out. */
void		 report_write(const struct report *, enum report_format,
		    struct buf *out);
/* The same, written as it is made (the rest is left in s->b). */
void		 report_write_sink(const struct report *, enum report_format,
		    struct rsink *);
/* Parse "text", "md", "html", "csv" or "json"; -1 when unknown. */
int		 report_format_parse(const char *, enum report_format *);

/* Renderers (report_text.c, ...), called by report_write_sink. */
void		 report_text(const struct report *, struct rsink *);
void		 report_md(const struct report *, struct rsink *);
void		 report_html(const struct report *, struct rsink *);
void		 report_csv(const struct report *, struct rsink *);
void		 report_json(const struct report *, struct rsink *);

/*
 * Reminder notices (notice.c), from the attention list v[0..n) of a review
 * (attention_list(), model/attention.h).  A notice to dept holds the items
 * with a lead that dept leads or supports; notice_wanted() says whether it
 * has any (a department with none gets no letter).  A document is
 * notice_begin(), then notice_write() for each notice (index 0, 1, ...),
 * then notice_end() with their count.  Strings in opts are borrowed and
 * shown escaped.
 */
enum notice_format { NOTICE_TEXT, NOTICE_MD, NOTICE_HTML, NOTICE_JSON };
struct attn_item;
struct notice_opts {
	pw_day		 reply_by;	/* the date a reply is asked for */
	const char	*number;	/* the notice's number, or NULL */
	const char	*contact;	/* the person to contact, or NULL */
	const char	*phone;		/* and the telephone, or NULL */
};
bool		 notice_wanted(const struct attn_item *v, size_t n, int dept);
void		 notice_begin(const struct review *, const struct notice_opts *,
		    enum notice_format, struct buf *out);
void		 notice_write(const struct review *, const struct attn_item *v,
		    size_t n, int dept, const struct notice_opts *,
		    enum notice_format, size_t index, struct buf *out);
void		 notice_end(enum notice_format, size_t n, struct buf *out);

/*
 * iCalendar (RFC 5545) of every milestone instance's, target's and stage's
 * due date as all-day events (ics.c).  dtstamp is "YYYYMMDDTHHMMSSZ".
 */
void		 ics_write(const struct review *, const char *dtstamp,
		    struct buf *out);
void		 ics_write_sink(const struct review *, const char *dtstamp,
		    struct rsink *);

/* Shared helpers (rutil.c). */
/* Wrap s (made safe) into lines of at most width columns, each appended to
 * out after indent and ended with "\n"; breaks at spaces when it can, else
 * between characters. */
void		 report_wrap(struct buf *out, const char *s, int width,
		    const char *indent);
/* A number without needless decimals ("12", "12.5", "0.0012", "1e+308"):
 * as given when 10 significant digits hold it, else to two decimals (a
 * computed fraction); record_format_number() writes it. */
void		 report_num(double, char out[static 32]);
/* A target value as people read it: a level name, or a number and unit. */
void		 report_tg_value(const struct target *, double, char *out,
		    size_t len);
/* Sparkline of the last values (at most max): ▁..█ or ASCII.  The report's
 * show REPORT_SPARK values: a review for one needs that many latest. */
#define REPORT_SPARK	8
void		 report_spark(struct buf *, const struct point *, size_t n,
		    size_t max, bool utf8);
/* The lead department of an instance, as the rules count it, or -1. */
int		 report_item_lead(const struct plan *, const struct ms_result *);
/* Where each milestone's instances are in review.items: those of one
 * milestone are contiguous, in plan order (model/status.h), so one pass
 * finds them all.  The array is parallel to plan.ms, allocated; n is 0 for
 * a milestone with no instance in the review. */
struct ms_span {
	size_t	 first, n;
};
struct ms_span	*report_ms_spans(const struct review *);

/* A struct counts as the report's JSON writes it: {"pending":N,...}. */
void		 report_json_counts(struct buf *, const struct counts *);

/* Escaping for each format (escape.c); s is made safe first. */
void		 esc_json(struct buf *, const char *s);	/* with quotes */
void		 esc_csv(struct buf *, const char *s);	/* quoted if needed */
void		 esc_html(struct buf *, const char *s);
void		 esc_md(struct buf *, const char *s);	/* table cell */
void		 esc_ics(struct buf *, const char *s);	/* TEXT value */

#endif
