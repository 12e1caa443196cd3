/*
 * diag.h: problems collected with their position and reported together
 * (tmux's cfg_add_cause).
 *
 * A loader adds every problem it finds to a struct diags; the front end
 * prints them all, in the order of their position, as
 * "FILE:LINE:COL: error: MESSAGE".  Line and column are 1-based, the column
 * counted in characters; 0 means "no position".  Messages are already
 * translated when added.
 */
#ifndef UTIL_DIAG_H
#define UTIL_DIAG_H

#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_WARNING, DIAG_ERROR };

struct diag {
	enum diag_level	 level;
	int		 line, col;
	char		*msg;
	size_t		 seq;	/* order added, to keep sorting stable */
};

struct diags {
	char		*file;	/* name as the user gave it */
	struct diag	*v;
	size_t		 n, cap;
	size_t		 errors, warnings;
};

void	diags_init(struct diags *, const char *file);
void	diags_release(struct diags *);
void	diags_add(struct diags *, enum diag_level, int line, int col,
	    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Sort by position, keeping the order added among equals. */
void	diags_sort(struct diags *);
/* Print every diagnostic to fp. */
void	diags_print(const struct diags *, FILE *fp);

#endif
