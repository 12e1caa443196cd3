/*
 * report_html.c: the report as one self-contained HTML file: no script, no
 * fetch, print CSS for A4 portrait, inline SVG charts.  Tables wrap long
 * names instead of cutting them, and charts never straddle a page.
 */
#include <stdio.h>

#include "report/report.h"
#include "report/svg.h"
#include "util/buf.h"
#include "util/i18n.h"

static const char css[] =
"@page{size:A4 portrait;margin:14mm 12mm 16mm 12mm}\n"
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
"vertical-align:top;overflow-wrap:anywhere}\n"
"th{background:#eee}td.r,th.r{text-align:right;white-space:nowrap}\n"
"tr.group th{background:#f6f6f6;border-top:1px solid #999}\n"
".t-good{color:#2e7d32}.t-info{color:#1565c0}.t-warn{color:#b36200}"
".t-bad{color:#c62828;font-weight:bold}\n"
"p.empty,p.more{color:#555;font-style:italic}\n"
"svg{display:block;width:100%;height:auto;break-inside:avoid;"
"page-break-inside:avoid;margin:2mm 0}\n"
"svg text{font-family:inherit}\n"
".tick{font-size:8px;fill:#555}.ph{font-size:9px;font-weight:bold}"
".ms{font-size:8px;fill:#333}\n"
".grid{stroke:#ddd;stroke-width:0.5}.phbar{fill:#e3e3e3}\n"
".asof{stroke:#c62828;stroke-width:1;stroke-dasharray:3 2}"
".asoft{font-size:8px;fill:#c62828}\n"
".charts{display:grid;grid-template-columns:1fr 1fr;gap:2mm 4mm}\n"
"figure{margin:0;break-inside:avoid;page-break-inside:avoid}\n"
"figcaption{font-size:8.5pt;font-weight:bold}\n"
".frame{fill:none;stroke:#bbb;stroke-width:0.6}"
".goal{stroke:#555;stroke-width:1;stroke-dasharray:4 2}"
".goalpt{fill:#555}\n"
".stage{fill:none;stroke:#1565c0;stroke-width:1}"
".stagex{fill:#c62828}\n"
".vl{font-size:8px;text-anchor:end;fill:#555}.dl{font-size:8px;fill:#555}"
".nodata{font-size:10px;fill:#999;text-anchor:middle}\n"
"footer{margin-top:6mm;font-size:8pt;color:#666}\n"
"@media print{body{padding:0;max-width:none}}\n";

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

static void
html_table(struct rsink *o, const struct rtable *t)
{
	struct buf *b = o->b;

	buf_puts(b, "<table>\n<thead><tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		buf_puts(b, t->align[c] == ALIGN_RIGHT ? "<th class=\"r\">" :
		    "<th>");
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

			if (t->align[c] == ALIGN_RIGHT)
				buf_printf(b, "<td class=\"r\"><span%s>", tc);
			else
				buf_printf(b, "<td><span%s>", tc);
			esc_html(b, row->cells[c].text);
			buf_puts(b, "</span></td>");
		}
		buf_puts(b, "</tr>\n");
		rsink_mark(o);
	}
	buf_puts(b, "</tbody></table>\n");
}

/* The charts report.c chose (a chart without a value says nothing the
 * table does not), and what was left out. */
static void
target_charts(struct rsink *o, const struct report *r)
{
	const struct review *rv = r->rv;
	struct buf *b = o->b;

	if (r->ncharts > 0) {
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
}

void
report_html(const struct report *r, struct rsink *o)
{
	struct buf *b = o->b;

	buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n", i18n_is_chinese() ? "zh-CN" : "en");
	buf_puts(b, "<meta name=\"generator\" content=\"planwatch\">\n"
	    "<title>");
	esc_html(b, r->plan->title);
	buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", css);
	buf_puts(b, "<header>\n<h1>");
	esc_html(b, r->plan->title);
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
			target_charts(o, r);
		buf_puts(b, "</section>\n");
		rsink_mark(o);
	}
	buf_puts(b, "<footer>planwatch</footer>\n</body>\n</html>\n");
}
