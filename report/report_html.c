/*
 * report_html.c: the report as one self-contained HTML file: no script, no
 * fetch, print CSS for A4 portrait, inline SVG charts.  Tables wrap long
 * names instead of cutting them, and charts never straddle a page; the
 * Gantt chart follows the phases, the target charts come last.
 */
#include <stdio.h>

#include "report/report.h"
#include "report/svg.h"
#include "util/buf.h"
#include "util/i18n.h"

/*
 * Print: A4 with the page's number and count in the bottom margin (page
 * margin boxes, Chromium 131 and later); the footer is shown on screen
 * only, so that it can never make a page of its own; the target charts,
 * pages of them in a large plan, start on a page of their own.  Table cells never
 * break inside an id, a date, a number, a status or a sparkline; names
 * and notes (class "w") wrap.
 */
static const char css[] =
"@page{size:A4 portrait;margin:14mm 12mm 16mm 12mm;"
"@bottom-left{content:\"planwatch\";font:8pt sans-serif;color:#666}"
"@bottom-right{content:counter(page) \" / \" counter(pages);"
"font:8pt sans-serif;color:#666}}\n"
"*{box-sizing:border-box}\n"
"body{font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\","
"\"PingFang SC\",\"Microsoft YaHei\",sans-serif;font-size:10pt;"
"line-height:1.4;color:#222;margin:0 auto;max-width:186mm;padding:6mm 0}\n"
"h1{font-size:16pt;margin:0 0 3mm}\n"
"h2{font-size:12pt;margin:6mm 0 2mm;border-bottom:1px solid #888;"
"break-after:avoid;page-break-after:avoid}\n"
"dl.meta{display:grid;grid-template-columns:max-content auto;"
"gap:0.5mm 4mm;margin:0 0 2mm}\n"
"dl.meta dt{font-weight:bold}dl.meta dd{margin:0}\n"
"table{width:100%;border-collapse:collapse;font-size:9pt}\n"
"thead{display:table-header-group}\n"
"tr{break-inside:avoid;page-break-inside:avoid}\n"
"th,td{border-bottom:1px solid #ddd;padding:0.8mm 1.5mm;text-align:left;"
"vertical-align:top;white-space:nowrap}\n"
"td.w,th.w,tr.group th{white-space:normal;overflow-wrap:anywhere}\n"
"th{background:#eee}td.r,th.r{text-align:right}\n"
"tr.group th{background:#f6f6f6;border-top:1px solid #999}\n"
".t-good{color:#2e7d32}.t-info{color:#1565c0}.t-warn{color:#b36200}"
".t-bad{color:#c62828;font-weight:bold}\n"
"p.empty,p.more{color:#555;font-style:italic}\n"
"svg{display:block;width:100%;height:auto;break-inside:avoid;"
"page-break-inside:avoid;margin:2mm 0}\n"
"svg.defs{position:absolute;width:0;height:0;margin:0}\n"
"svg text{font-family:inherit}\n"
".tick{font-size:9px;fill:#555}.ph{font-size:10px;font-weight:bold}"
".ms{font-size:10px;fill:#333}\n"
".grid{stroke:#ddd;stroke-width:0.5}.phbar{fill:#e3e3e3}\n"
"[class^=mk-]{stroke-width:1.5}\n"
".asof{stroke:#c62828;stroke-width:1;stroke-dasharray:3 2}"
".asoft{font-size:9px;fill:#c62828}\n"
"p.legend{font-size:8.5pt;margin:1mm 0;display:flex;flex-wrap:wrap;"
"gap:1mm 5mm;break-after:avoid;page-break-after:avoid}\n"
"p.legend .item{white-space:nowrap}\n"
"p.legend svg{display:inline-block;width:10mm;height:3.5mm;margin:0 1mm 0 0;"
"vertical-align:middle}\n"
"section#charts{break-before:page;page-break-before:always}\n"
".charts{display:grid;grid-template-columns:1fr 1fr;gap:2mm 4mm}\n"
"figure{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
"figcaption{font-size:8.5pt;font-weight:bold}\n"
".frame{fill:none;stroke:#bbb;stroke-width:0.6}"
".goal{stroke:#555;stroke-width:1;stroke-dasharray:4 2}"
".goalpt{fill:#555}\n"
".stage{fill:none;stroke:#1565c0;stroke-width:1}"
".stagex{fill:#c62828}\n"
".vl{font-size:10px;text-anchor:end;fill:#555}.dl{font-size:10px;fill:#555}"
".nodata{font-size:11px;fill:#999;text-anchor:middle}\n"
"footer{margin-top:6mm;font-size:8pt;color:#666}\n"
"@media print{body{padding:0;max-width:none}footer{display:none}}\n";

static const char *
tone_class(enum tone t)
{
	switch (t) {
	case TONE_GOOD:
		return " class=\"t-good\"";
	case TONE_INFO:
		return " class=\"t-info\"";
	case TONE_WARN:
		return " class=\"t-warn\"";
	case TONE_BAD:
		return " class=\"t-bad\"";
	default:
		return "";
	}
}

/*
 * The class of column c's cells: right-aligned numbers; "w" for the text
 * that may wrap, the columns as wide as a name or a note (report.c gives
 * them 40 columns or more in text); none for ids, dates, statuses and
 * sparklines, which never break.
 */
static const char *
cell_class(const struct rtable *t, size_t c)
{
	if (t->align[c] == ALIGN_RIGHT)
		return " class=\"r\"";
	if (t->maxw[c] >= 40)
		return " class=\"w\"";
	return "";
}

static void
html_table(struct rsink *o, const struct rtable *t)
{
	struct buf *b = o->b;

	buf_puts(b, "<table>\n<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		buf_printf(b, "<th%s>", cell_class(t, c));
		esc_html(b, t->heads[c]);
		buf_puts(b, "</th>");
	}
	buf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < t->nrows; i++) {
		const struct rrow *row = &t->rows[i];

		if (row->group) {
			buf_printf(b, "<tr class=\"group\"><th colspan=\"%zu\">",
			    t->ncols);
			esc_html(b, row->cells[0].text);
			buf_puts(b, "</th></tr>\n");
			continue;
		}
		buf_puts(b, "<tr>");
		for (size_t c = 0; c < t->ncols; c++) {
			const char *tc = tone_class(row->cells[c].tone);

			buf_printf(b, "<td%s><span%s>", cell_class(t, c), tc);
			esc_html(b, row->cells[c].text);
			buf_puts(b, "</span></td>");
		}
		buf_puts(b, "</tr>\n");
		rsink_mark(o);
	}
	buf_puts(b, "</tbody></table>\n");
}

/* What the target charts draw, with a sample of each. */
static void
charts_legend(struct buf *b)
{
	static const struct {
		const char	*svg, *words;
	} keys[] = {
		{ "<polyline fill=\"none\" stroke=\"#555\" stroke-width=\"1.6\" "
		    "points=\"2,10 12,5 22,7 32,2\"/>", N_("Recorded values "
		    "(coloured by status)") },
		{ "<line x1=\"2\" y1=\"6\" x2=\"26\" y2=\"6\" class=\"goal\"/>"
		    "<path d=\"M29 2l4 4l-4 4l-4 -4z\" class=\"goalpt\"/>",
		    N_("Goal, and the date it is due") },
		{ "<rect x=\"14\" y=\"3\" width=\"6\" height=\"6\" "
		    "class=\"stage\"/>", N_("Stage goal") },
		{ "<rect x=\"14\" y=\"3\" width=\"6\" height=\"6\" "
		    "class=\"stagex\"/>", N_("Stage goal missed") },
		{ "<line x1=\"17\" y1=\"0\" x2=\"17\" y2=\"12\" "
		    "class=\"asof\"/>", N_("As of") },
	};

	buf_puts(b, "<p class=\"legend\">");
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		buf_printf(b, "<span class=\"item\"><svg viewBox=\"0 0 34 12\">"
		    "%s</svg><span class=\"key\">", keys[i].svg);
		esc_html(b, _(keys[i].words));
		buf_puts(b, "</span></span>");
	}
	buf_puts(b, "</p>\n");
}

/*
 * The charts report.c chose (a chart without a value says nothing the
 * table does not), and what was left out: a section of their own at the
 * end, after the tables and the Gantt chart.
 */
static void
target_charts(struct rsink *o, const struct report *r)
{
	const struct review *rv = r->rv;
	struct buf *b = o->b;

	if (r->ncharts == 0 && r->charts_left == 0)
		return;
	buf_puts(b, "<section id=\"charts\">\n<h2>");
	esc_html(b, _("Target charts"));
	buf_puts(b, "</h2>\n");
	if (r->ncharts > 0) {
		charts_legend(b);
		buf_puts(b, "<div class=\"charts\">\n");
		for (size_t k = 0; k < r->ncharts; k++) {
			size_t i = r->charts[k];
			const struct target *t =
			    &r->plan->targets[rv->targets[i].target];

			buf_puts(b, "<figure><figcaption>");
			esc_html(b, t->id);
			buf_puts(b, " ");
			esc_html(b, t->name);
			buf_puts(b, "</figcaption>");
			svg_target(b, r->charts_rv, i);
			buf_puts(b, "</figure>\n");
			rsink_mark(o);
		}
		buf_puts(b, "</div>\n");
	}
	if (r->charts_left > 0) {
		char line[512];

		snprintf(line, sizeof line, _("Charts of the %zu targets that "
		    "most need attention; %zu more targets with values are "
		    "not charted (%zu of them need attention)."), r->ncharts,
		    r->charts_left, r->charts_left_attn);
		buf_puts(b, "<p class=\"more\">");
		esc_html(b, line);
		buf_puts(b, "</p>\n");
	}
	buf_puts(b, "</section>\n");
	rsink_mark(o);
}

void
report_html(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;
	bool charts = false;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n", i18n_is_chinese() ? "zh-CN" : "en");
	buf_puts(b, "<meta name=\"generator\" content=\"planwatch\">\n"
	    "<title>");
	esc_html(b, r->title);
	buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	buf_puts(b, "<header>\n<h1>");
	esc_html(b, r->title);
	buf_puts(b, "</h1>\n<dl class=\"meta\">\n");
	for (size_t i = 0; i < r->nfields; i++) {
		buf_puts(b, "<dt>");
		esc_html(b, r->fields[i].label);
		buf_puts(b, "</dt><dd>");
		esc_html(b, r->fields[i].value);
		buf_puts(b, "</dd>\n");
	}
	buf_puts(b, "</dl>\n</header>\n");
	for (size_t i = 0; i < r->nsections; i++) {
		const struct rsection *s = &r->sections[i];

		buf_printf(b, "<section id=\"%s\">\n<h2>", s->key);
		esc_html(b, s->title);
		buf_puts(b, "</h2>\n");
		if (s->table.nrows == 0) {
			buf_puts(b, "<p class=\"empty\">");
			esc_html(b, s->empty);
			buf_puts(b, "</p>\n");
		} else
			html_table(o, &s->table);
		if (s->chart == RCHART_GANTT)
			svg_gantt(o, r);
		else if (s->chart == RCHART_TARGETS)
			charts = true;
		buf_puts(b, "</section>\n");
		rsink_mark(o);
	}
	if (charts)
		target_charts(o, r);
	buf_puts(b, "<footer>planwatch</footer>\n</body>\n</html>\n");
}
