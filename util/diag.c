/* diag.c: problems collected with their position and reported together. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/diag.h"
#include "util/text.h"
#include "util/xalloc.h"

void
diags_init(struct diags *d, const char *file)
{
	memset(d, 0, sizeof *d);
	d->file = xstrdup(file);
}

void
diags_release(struct diags *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].msg);
	free(d->v);
	free(d->file);
	memset(d, 0, sizeof *d);
}

void
diags_add(struct diags *d, enum diag_level level, int line, int col,
    const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof *d->v);
	}
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	d->v[d->n].level = level;
	d->v[d->n].line = line;
	d->v[d->n].col = col;
	d->v[d->n].msg = buf_detach(&b);
	d->v[d->n].seq = d->n;
	d->n++;
	if (level == DIAG_ERROR)
		d->errors++;
	else
		d->warnings++;
}

static int
cmp_pos(const void *a, const void *b)
{
	const struct diag *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
diags_sort(struct diags *d)
{
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, cmp_pos);
}

void
diags_print(const struct diags *d, FILE *fp)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct diag *g = &d->v[i];
		/* "error" and "warning" stay untranslated: editors and
		 * scripts parse FILE:LINE:COL: error: like a compiler's. */
		const char *what = g->level == DIAG_ERROR ? "error" :
		    "warning";
		char *file = text_safe(d->file);
		char *msg = text_safe(g->msg);

		if (g->line > 0)
			fprintf(fp, "%s:%d:%d: %s: %s\n", file, g->line,
			    g->col, what, msg);
		else
			fprintf(fp, "%s: %s: %s\n", file, what, msg);
		free(file);
		free(msg);
	}
}
