/*
 * reason.h: the attention list (model/attention.h) in words, for every face
 * that shows it: check's item lines, status, the review, the report and the
 * notices.  The words are translated (the reader's language); the numbers
 * are the review's, percentages through pct_text().
 */
#ifndef REPORT_REASON_H
#define REPORT_REASON_H

#include "model/attention.h"
#include "util/buf.h"

/*
 * What a reason keeps from one item to the next: a list comes most overdue
 * first, thousands of items with a few dozen day counts, and asking gettext
 * costs more than the rest of the line.  Zero-initialise it; it owns
 * nothing.
 */
struct reason_cache {
	int		 days;
	const char	*overdue;	/* the words for days, or NULL */
};

/*
 * Append why a needs chasing, in numbers, to b: "12 days overdue",
 * "far behind pace: 45% done, 91% expected, due in 92 days", "at risk:
 * trend reaches 47.8 by 2025-12-31, target >= 50", "no value for 2
 * quarters, last 2025-03-31".  rc may be NULL.
 */
void		 attn_reason(struct buf *b, const struct review *rv,
		    const struct attn_item *a, struct reason_cache *rc);
/* The kind and the level in words ("far behind pace", "red"). */
const char	*attn_kind_label(enum attn_kind);
const char	*attn_level_label(enum attn_level);

#endif
