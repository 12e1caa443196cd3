/*
 * report_text.c: the report for a printer or a terminal: no line wider
 * than 80 display columns (but for an id longer than a line leaves room
 * for: ids are never cut), columns aligned by display width (Chinese counts
 * two), colour only when asked.
 */
#include <stdlib.h>
#include <string.h>

#include "report/ansi.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/text.h"
#include "util/xalloc.h"

#define TEXT_WIDTH	80
#define GAP		2
#define MINW		4

static void
rule(struct buf *b, int n, bool utf8, char ascii)
{
	for (int i = 0; i < n; i++) {
		if (utf8)
			buf_puts(b, ascii == '=' ? "═" : "─");
		else
			buf_putc(b, ascii);
	}
	buf_putc(b, '\n');
}

/* Drop spaces at the end of the last line in b (from start on). */
static void
trim_line(struct buf *b, size_t start)
{
	while (b->len > start && b->s[b->len - 1] == ' ')
		b->s[--b->len] = '\0';
}

/*
 * Widths of columns c0..c1-1 so that they fit avail columns.  Each starts
 * at the wider of its heading and its cells (at most maxw); when that is
 * too wide, the flexible column gives up room first (down to FLEXMIN),
 * then headings are cut to their cells' width, then the flexible column
 * goes down to 8, then the widest column shrinks (never an id column,
 * RCOL_WHOLE: its cells are never cut).  Returns the width used;
 * with only_flex, stops after the first step.  cells[c] is the widest cell
 * of column c (measured once: a table is laid out up to four times).
 */
#define FLEXMIN	20

/* How far a heading may be cut: to its cells' width, keeping at least six
 * columns of it. */
static int
hfloor(const struct rtable *t, size_t c, int cells)
{
	int h = text_width(t->heads[c]);

	if (h > 6)
		h = 6;
	return cells > h ? cells : h;
}

static int
layout(const struct rtable *t, const int *cells, size_t c0, size_t c1,
    int avail, int *w, bool only_flex)
{
	int cw[c1 - c0 + 1];
	int sum = GAP * (int)(c1 - c0 - 1), fl = t->flex;

	for (size_t c = c0; c < c1; c++) {
		int *x = &cw[c - c0];
		bool whole = t->maxw[c] == RCOL_WHOLE;

		*x = cells[c];
		if (!whole && *x > t->maxw[c])
			*x = t->maxw[c];
		if (*x < MINW)
			*x = MINW;
		w[c] = text_width(t->heads[c]);
		if (w[c] < *x)
			w[c] = *x;
		if (!whole && w[c] > t->maxw[c])
			w[c] = t->maxw[c] > *x ? t->maxw[c] : *x;
		sum += w[c];
	}
	for (int stage = 0; stage < 3 && sum > avail; stage++) {
		if (stage == 1 && only_flex)
			break;
		for (size_t c = c0; c < c1 && sum > avail; c++) {
			bool flex = (int)c == fl;
			int floor = stage == 0 ? (flex ? FLEXMIN : w[c]) :
			    stage == 1 ? (flex ? w[c] : hfloor(t, c, cw[c - c0])) :
			    (flex ? 8 : w[c]);
			int d = w[c] - floor < sum - avail ? w[c] - floor :
			    sum - avail;

			if (d > 0) {
				w[c] -= d;
				sum -= d;
			}
		}
	}
	while (sum > avail && !only_flex) {
		size_t wide = c1;

		for (size_t c = c0; c < c1; c++)
			if (t->maxw[c] != RCOL_WHOLE && (wide == c1 ||
			    w[c] > w[wide]))
				wide = c;
		if (wide == c1 || w[wide] <= MINW)
			break;
		w[wide]--;
		sum--;
	}
	return sum;
}

/* A cell fitted to w columns; one too wide keeps its last c->keep bytes
 * (a count) whole and cuts what comes before. */
static void
put_cell(struct buf *b, bool color, const struct rcell *c, int w,
    enum text_align a)
{
	const char *sgr = color ? ansi_tone(c->tone) : "";
	size_t len = strlen(c->text);
	const char *tail = c->text + len - (c->keep < len ? c->keep : 0);
	int tw = text_width(tail);

	buf_puts(b, sgr);
	if (*tail != '\0' && tw < w && text_width(c->text) > w) {
		char *head = xstrndup(c->text, (size_t)(tail - c->text));
		struct buf cut = BUF_INIT;
		int pad;

		text_fit_buf(&cut, head, w - tw, ALIGN_LEFT);
		/* Not the head's padding: a Chinese character that did not
		 * fit leaves a column. */
		while (cut.len > 0 && cut.s[cut.len - 1] == ' ')
			cut.s[--cut.len] = '\0';
		text_fit_buf(&cut, tail, tw, ALIGN_LEFT);
		pad = w - text_width(buf_str(&cut));
		if (a == ALIGN_RIGHT)
			buf_printf(b, "%*s", pad, "");
		buf_puts(b, buf_str(&cut));
		if (a != ALIGN_RIGHT)
			buf_printf(b, "%*s", pad, "");
		buf_release(&cut);
		free(head);
	} else
		text_fit_buf(b, c->text, w, a);
	if (*sgr != '\0')
		buf_puts(b, ANSI_RESET);
}

/* A cell on a line of its own, wrapped at TEXT_WIDTH under indent (no
 * line when empty). */
static void
wrap_cell(struct buf *b, const struct rcell *c, int indent, bool color)
{
	const char *sgr = color ? ansi_tone(c->tone) : "";
	char pad[TEXT_WIDTH + 1];
	struct buf w = BUF_INIT;
	const char *s, *nl;

	if (*c->text == '\0')
		return;
	if (indent > TEXT_WIDTH / 2)
		indent = TEXT_WIDTH / 2;
	memset(pad, ' ', (size_t)indent);
	pad[indent] = '\0';
	report_wrap(&w, c->text, TEXT_WIDTH - indent, "");
	for (s = buf_str(&w); (nl = strchr(s, '\n')) != NULL; s = nl + 1) {
		buf_puts(b, pad);
		buf_puts(b, sgr);
		buf_add(b, s, (size_t)(nl - s));
		if (*sgr != '\0')
			buf_puts(b, ANSI_RESET);
		buf_putc(b, '\n');
	}
	buf_release(&w);
}

/* One printed line of a row: columns c0..c1-1 from column indent. */
struct tline {
	size_t	c0, c1;
	int	indent;
};

static void
heads(struct buf *b, const struct rtable *t, const struct tline *l,
    const int *w, bool utf8, bool under)
{
	size_t start = b->len;

	buf_printf(b, "%*s", l->indent, "");
	for (size_t c = l->c0; c < l->c1; c++) {
		if (c > l->c0)
			buf_printf(b, "%*s", GAP, "");
		if (!under)
			text_fit_buf(b, t->heads[c], w[c], t->align[c]);
		else
			for (int i = 0; i < w[c]; i++)
				buf_puts(b, utf8 ? "─" : "-");
	}
	trim_line(b, start);
	buf_putc(b, '\n');
}

/*
 * A table in at most TEXT_WIDTH columns.  When the columns leave the
 * flexible one (the name) too little room, each row takes two lines: the
 * columns up to the name on the first, the rest on the second, under the
 * name.
 */
void
rtable_text(struct buf *b, const struct rtable *t, bool utf8, bool color)
{
	struct tline lines[2];
	size_t nlines = 1;
	bool groups = false;
	int indent, *w = xcalloc(t->ncols, sizeof *w);
	int *cells = xcalloc(t->ncols, sizeof *cells);

	for (size_t i = 0; i < t->nrows; i++) {
		if (t->rows[i].group) {
			groups = true;
			continue;
		}
		for (size_t c = 0; c < t->ncols; c++) {
			int k = text_width(t->rows[i].cells[c].text);
			if (k > cells[c])
				cells[c] = k;
		}
	}
	indent = groups ? 4 : 2;
	lines[0] = (struct tline){ 0, t->ncols, indent };
	if (layout(t, cells, 0, t->ncols, TEXT_WIDTH - indent, w, true) >
	    TEXT_WIDTH - indent && t->flex + 1 < (int)t->ncols) {
		size_t split = (size_t)t->flex + 1;

		lines[0].c1 = split;
		layout(t, cells, 0, split, TEXT_WIDTH - indent, w, false);
		lines[1] = (struct tline){ split, t->ncols, indent +
		    (t->flex > 0 ? w[0] + GAP : 4) };
		/* Under the name when the rest fits there, else nearer the
		 * margin rather than cut (Chinese dates are 14 columns). */
		if (layout(t, cells, split, t->ncols, TEXT_WIDTH -
		    lines[1].indent, w, true) > TEXT_WIDTH - lines[1].indent)
			lines[1].indent = indent + 4;
		layout(t, cells, split, t->ncols, TEXT_WIDTH - lines[1].indent,
		    w, false);
		nlines = 2;
	} else
		layout(t, cells, 0, t->ncols, TEXT_WIDTH - indent, w, false);

	for (size_t l = 0; l < nlines; l++)
		heads(b, t, &lines[l], w, utf8, false);
	for (size_t l = 0; l < nlines; l++)
		heads(b, t, &lines[l], w, utf8, true);
	for (size_t i = 0; i < t->nrows; i++) {
		const struct rrow *row = &t->rows[i];

		if (row->group) {
			size_t start = b->len;

			buf_puts(b, "  ");
			text_fit_buf(b, row->cells[0].text, TEXT_WIDTH - 2,
			    ALIGN_LEFT);
			trim_line(b, start);
			buf_putc(b, '\n');
			continue;
		}
		for (size_t l = 0; l < nlines; l++) {
			size_t start = b->len;

			if (lines[l].c1 == lines[l].c0 + 1 &&
			    (int)lines[l].c0 == t->wrap) {
				wrap_cell(b, &row->cells[t->wrap],
				    lines[l].indent, color);
				continue;
			}
			buf_printf(b, "%*s", lines[l].indent, "");
			for (size_t c = lines[l].c0; c < lines[l].c1; c++) {
				if (c > lines[l].c0)
					buf_printf(b, "%*s", GAP, "");
				put_cell(b, color, &row->cells[c], w[c],
				    t->align[c]);
			}
			trim_line(b, start);
			buf_putc(b, '\n');
		}
	}
	free(cells);
	free(w);
}

void
report_text(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;
	int lw = 0, tw;

	report_wrap(b, r->title, TEXT_WIDTH, "");
	tw = text_width(r->title);
	rule(b, tw < TEXT_WIDTH ? tw : TEXT_WIDTH, r->utf8, '=');
	for (size_t i = 0; i < r->nfields; i++) {
		int w = text_width(r->fields[i].label);
		if (w > lw)
			lw = w;
	}
	for (size_t i = 0; i < r->nfields; i++) {
		struct buf line = BUF_INIT, pad = BUF_INIT;

		text_fit_buf(&line, r->fields[i].label, lw, ALIGN_LEFT);
		buf_puts(&line, "  ");
		for (int k = 0; k < lw + 2; k++)
			buf_putc(&pad, ' ');
		/* The first line carries the label, the rest hang under the
		 * value. */
		struct buf wrapped = BUF_INIT;
		report_wrap(&wrapped, r->fields[i].value, TEXT_WIDTH,
		    buf_str(&pad));
		buf_puts(b, buf_str(&line));
		buf_puts(b, buf_str(&wrapped) + pad.len);
		buf_release(&wrapped);
		buf_release(&line);
		buf_release(&pad);
	}
	for (size_t i = 0; i < r->nsections; i++) {
		const struct rsection *s = &r->sections[i];
		int w = text_width(s->title);

		buf_putc(b, '\n');
		size_t start = b->len;
		text_fit_buf(b, s->title, TEXT_WIDTH, ALIGN_LEFT);
		trim_line(b, start);
		buf_putc(b, '\n');
		rule(b, w < TEXT_WIDTH ? w : TEXT_WIDTH, r->utf8, '-');
		if (s->table.nrows == 0)
			report_wrap(b, s->empty, TEXT_WIDTH, "  ");
		else
			rtable_text(b, &s->table, r->utf8, r->color);
		rsink_mark(o);
	}
}
