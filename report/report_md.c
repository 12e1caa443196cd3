/* report_md.c: the report as Markdown tables, for a wiki or a message. */
#include "report/report.h"
#include "util/buf.h"

void
rtable_md(struct buf *b, const struct rtable *t)
{
	buf_putc(b, '|');
	for (size_t c = 0; c < t->ncols; c++) {
		buf_putc(b, ' ');
		esc_md(b, t->heads[c]);
		buf_puts(b, " |");
	}
	buf_puts(b, "\n|");
	for (size_t c = 0; c < t->ncols; c++)
		buf_puts(b, t->align[c] == ALIGN_RIGHT ? " ---: |" : " --- |");
	buf_putc(b, '\n');
	for (size_t i = 0; i < t->nrows; i++) {
		const struct rrow *row = &t->rows[i];

		buf_putc(b, '|');
		if (row->group) {
			buf_puts(b, " **");
			esc_md(b, row->cells[0].text);
			buf_puts(b, "** |");
			for (size_t c = 1; c < t->ncols; c++)
				buf_puts(b, "  |");
			buf_putc(b, '\n');
			continue;
		}
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = row->cells[c].text;

			buf_putc(b, ' ');
			if (row->cells[c].tone == TONE_BAD && *s != '\0') {
				buf_puts(b, "**");
				esc_md(b, s);
				buf_puts(b, "**");
			} else
				esc_md(b, s);
			buf_puts(b, " |");
		}
		buf_putc(b, '\n');
	}
}

void
report_md(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;

	buf_puts(b, "# ");
	esc_md(b, r->title);
	buf_puts(b, "\n\n");
	for (size_t i = 0; i < r->nfields; i++) {
		buf_puts(b, "- **");
		esc_md(b, r->fields[i].label);
		buf_puts(b, "**: ");
		esc_md(b, r->fields[i].value);
		buf_putc(b, '\n');
	}
	for (size_t i = 0; i < r->nsections; i++) {
		const struct rsection *s = &r->sections[i];

		buf_puts(b, "\n## ");
		esc_md(b, s->title);
		buf_puts(b, "\n\n");
		if (s->table.nrows == 0) {
			esc_md(b, s->empty);
			buf_putc(b, '\n');
		} else
			rtable_md(b, &s->table);
		rsink_mark(o);
	}
}
