/*
 * record.h: what a recorded value means, checked against the plan.
 *
 * Pure parsing and validation for record, progress, done, reopen and
 * import: no I/O, no clock, no locale (numbers always use '.').  Fallible
 * functions return 0, or -1 with a struct record_err saying why in a code
 * and its pieces, which the edge puts in the reader's words
 * (record_err_text() in report/words.h); nothing here prints or
 * translates.
 */
#ifndef MODEL_RECORD_H
#define MODEL_RECORD_H

#include <stdbool.h>

#include "model/date.h"
#include "model/facts.h"
#include "model/plan.h"

/* A value resolved against the plan, ready for the store. */
struct record_value {
	enum fact_kind	 kind;
	struct item_ref	 ref;
	char		*item;		/* the canonical id (an instance as
					   M@PERIOD); caller frees */
	double		 value;		/* number, percent or level index */
	const char	*level;		/* a scale level (borrowed from the
					   plan), or NULL */
};

/* Why a value, an id or a date was refused, and the pieces the message
 * names; every piece that comes from the input or the plan is quoted
 * (text_quote). */
enum record_errc {
	RECORD_OK,
	RECORD_UNKNOWN_ID,	/* what: the id; list: the closest ids */
	RECORD_RECURS,		/* what: the milestone; arg[0]: its period's
				   name; arg[1]: an instance's label */
	RECORD_PHASE,		/* what: the phase */
	RECORD_IS_MILESTONE,	/* what: the milestone given a value */
	RECORD_IS_TARGET,	/* what: the target given progress */
	RECORD_NO_VALUE,	/* what: the id */
	RECORD_NOT_NUMBER,	/* what: the text */
	RECORD_NOT_LEVEL,	/* what: the text; arg[0]: the target; list:
				   its levels */
	RECORD_PERCENT_RANGE,	/* what: the text */
	RECORD_NOT_PERCENT,	/* what: the text */
	RECORD_FUTURE,		/* date: the date; bound: today */
	RECORD_BEFORE_START	/* date: the date; bound: the plan's start */
};

struct record_err {
	enum record_errc	 code;
	char			*what;
	char			*arg[2];
	char		       **list;
	size_t			 nlist;
	pw_day			 date, bound;
};

/* What a command lets the value be. */
enum record_accept {
	ACCEPT_ANY,		/* import: a target's value, a milestone's
				   percent, "done" or "reopen" */
	ACCEPT_VALUE,		/* record: a target's value */
	ACCEPT_PROGRESS,	/* progress: a milestone's percent */
	ACCEPT_DONE,		/* done: no value */
	ACCEPT_REOPEN		/* reopen: no value */
};

/*
 * Parse a decimal number: optional sign, digits with an optional fraction,
 * an optional exponent; surrounding spaces allowed.  Rejects hex, NaN,
 * infinity, an overflow to infinity and anything left over.
 */
int	 record_parse_number(const char *s, double *out);
/* Format v so that record_parse_number reads back exactly v, with '.',
 * in the shortest of %.15g, %.16g and %.17g that does: the one way every
 * number is printed.  At most 25 bytes with the NUL, so 32 always hold
 * it. */
void	 record_format_number(double v, char out[static 32]);

/*
 * The functions below that take a struct record_err fill it in: code
 * RECORD_OK on success, else why, with pieces the caller releases with
 * record_err_release() (safe to call on either).
 */
void	 record_err_release(struct record_err *);

/* Resolve id to a target, milestone or instance; an unknown id comes
 * back with the closest ids. */
int	 record_resolve(const struct plan *, const char *id,
	    struct item_ref *, struct record_err *);

/*
 * Parse text (NULL for done and reopen) as what accept allows for id, into
 * out (out->item allocated on success).
 */
int	 record_parse(const struct plan *, enum record_accept, const char *id,
	    const char *text, struct record_value *out, struct record_err *);
/* Release what record_parse allocated. */
void	 record_value_release(struct record_value *);

/* Check an as-of date: not after today, not before the plan's start. */
int	 record_check_date(const struct plan *, pw_day date, pw_day today,
	    struct record_err *);

#endif
