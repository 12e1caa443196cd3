/*
 * xlsx.c: the cells of a workbook's sheets, with libzip and expat
 * (xlsx.h).
 *
 * Each part is inflated 64 KiB at a time straight into expat's buffer and
 * parsed as it comes: no part is ever held whole, only the shared strings
 * (bounded by XLSX_MAX_BYTES) and the row being read.  Element and
 * attribute names are matched by their local name, whatever the prefix
 * a writer chose for the spreadsheetml namespace.
 */
#include <expat.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"
#include "util/xlsx.h"

#define CHUNK	65536

struct sheet {
	char		*name;
	char		*rid;		/* its relationship */
	char		*path;		/* its part, once the relationships
					   are read */
};

struct xlsx {
	zip_t		*zip;
	size_t		 inflated;	/* bytes inflated so far, all parts */
	bool		 date1904;
	struct sheet	*sheets;
	size_t		 nsheets;
	char		*ss_path;	/* the shared strings' part, or NULL */
	struct buf	 ss;		/* the shared strings, NUL-separated */
	size_t		*ss_off;
	size_t		 nss, ss_cap;
	char		 where[16];
};

/* One part being parsed: what its handlers share. */
struct part {
	struct xlsx	*x;
	XML_Parser	 p;
	const char	*name;
	int		 depth;
	char		*err;		/* why the parser was stopped */
	int		 stopped;	/* the row function's result */
	void		(*start)(struct part *, const char *,
			    const XML_Char **);
	void		(*end)(struct part *, const char *);
	bool		 collect;	/* character data into text */
	struct buf	 text;

	/* Strings (shared or inline): inside a phonetic run, whose text is
	 * not the cell's. */
	int		 rph;

	/* Sheets. */
	xlsx_row_fn	*fn;
	void		*arg;
	bool		 in_data, in_cell, in_is, has_value;
	uint32_t	 row, col;
	size_t		 nrows, ncells;
	char		 type[16];	/* the cell's t attribute */
	bool		 formula;
	struct buf	 rowtext;	/* the row's texts, NUL-separated */
	struct xlsx_cell *cells;
	size_t		*cell_off;
	size_t		 nrc, rc_cap;
};

static void	 fail(struct part *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

/* Stop the parser with a message (the first one stays). */
static void
fail(struct part *pt, const char *fmt, ...)
{
	struct buf b = BUF_INIT;
	va_list ap;

	if (pt->err == NULL) {
		va_start(ap, fmt);
		buf_vprintf(&b, fmt, ap);
		va_end(ap);
		pt->err = buf_detach(&b);
	}
	XML_StopParser(pt->p, XML_FALSE);
}

static const char *
local(const XML_Char *name)
{
	const char *bar = strrchr(name, '|');

	return bar != NULL ? bar + 1 : name;
}

static const char *
attr(const XML_Char **atts, const char *name)
{
	for (; atts[0] != NULL; atts += 2)
		if (strcmp(local(atts[0]), name) == 0)
			return atts[1];
	return NULL;
}

static void XMLCALL
on_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct part *pt = data;

	if (++pt->depth > XLSX_MAX_DEPTH) {
		fail(pt, _("%s: XML nested deeper than %d elements"), pt->name,
		    XLSX_MAX_DEPTH);
		return;
	}
	if (pt->start != NULL)
		pt->start(pt, local(name), atts);
}

static void XMLCALL
on_end(void *data, const XML_Char *name)
{
	struct part *pt = data;

	pt->depth--;
	if (pt->end != NULL)
		pt->end(pt, local(name));
}

static void XMLCALL
on_text(void *data, const XML_Char *s, int len)
{
	struct part *pt = data;

	if (!pt->collect)
		return;
	if (pt->text.len + (size_t)len > XLSX_MAX_TEXT) {
		fail(pt, _("%s: a string longer than %zu bytes"), pt->name,
		    XLSX_MAX_TEXT);
		return;
	}
	buf_add(&pt->text, s, (size_t)len);
}

/* A workbook has no DTD: one is refused before any entity is declared,
 * so no entity can expand (billion laughs) or reach outside. */
static void XMLCALL
on_doctype(void *data, const XML_Char *name, const XML_Char *sysid,
    const XML_Char *pubid, int internal)
{
	struct part *pt = data;

	(void)name, (void)sysid, (void)pubid, (void)internal;
	fail(pt, _("%s: a DTD, which a workbook never has"), pt->name);
}

static void XMLCALL
on_entity(void *data, const XML_Char *name, int is_param,
    const XML_Char *value, int value_len, const XML_Char *base,
    const XML_Char *sysid, const XML_Char *pubid, const XML_Char *notation)
{
	struct part *pt = data;

	(void)name, (void)is_param, (void)value, (void)value_len, (void)base;
	(void)sysid, (void)pubid, (void)notation;
	fail(pt, _("%s: an entity declaration, which a workbook never has"),
	    pt->name);
}

/*
 * Inflate and parse the part at path.  Returns 0, 1 when it does not exist
 * and may not (optional), or -1 with *err set.
 */
static int
parse_part(struct xlsx *x, const char *path, struct part *pt, bool optional,
    char **err)
{
	zip_int64_t idx;
	zip_stat_t st;
	zip_file_t *zf = NULL;
	size_t got = 0;
	int rc = -1;

	pt->x = x;
	pt->name = path;
	if ((idx = zip_name_locate(x->zip, path, 0)) < 0) {
		if (optional)
			return 1;
		*err = xasprintf(_("not a workbook: it has no %s"), path);
		return -1;
	}
	if (zip_stat_index(x->zip, (zip_uint64_t)idx, 0, &st) != 0 ||
	    (zf = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0)) == NULL) {
		*err = xasprintf("%s: %s", path, zip_strerror(x->zip));
		return -1;
	}
	if ((st.valid & ZIP_STAT_SIZE) &&
	    st.size > XLSX_MAX_BYTES - x->inflated) {
		*err = xasprintf(_("%s: inflates to more than %zu MiB (a zip "
		    "bomb?)"), path, XLSX_MAX_BYTES >> 20);
		goto out;
	}
	pt->p = XML_ParserCreateNS(NULL, '|');
	if (pt->p == NULL)
		fatal("out of memory");
	XML_SetUserData(pt->p, pt);
	XML_SetElementHandler(pt->p, on_start, on_end);
	XML_SetCharacterDataHandler(pt->p, on_text);
	XML_SetStartDoctypeDeclHandler(pt->p, on_doctype);
	XML_SetEntityDeclHandler(pt->p, on_entity);
	XML_SetParamEntityParsing(pt->p, XML_PARAM_ENTITY_PARSING_NEVER);
	for (;;) {
		void *chunk = XML_GetBuffer(pt->p, CHUNK);
		zip_int64_t n;

		if (chunk == NULL)
			fatal("out of memory");
		if ((n = zip_fread(zf, chunk, CHUNK)) < 0) {
			*err = xasprintf("%s: %s", path,
			    zip_file_strerror(zf));
			goto out;
		}
		/* The size the zip states may lie: count what comes. */
		got += (size_t)n;
		x->inflated += (size_t)n;
		if ((st.valid & ZIP_STAT_SIZE) && got > st.size) {
			*err = xasprintf(_("%s: inflates to more than the %llu "
			    "bytes its zip entry states (a zip bomb?)"), path,
			    (unsigned long long)st.size);
			goto out;
		}
		if (x->inflated > XLSX_MAX_BYTES) {
			*err = xasprintf(_("%s: inflates to more than %zu MiB "
			    "(a zip bomb?)"), path, XLSX_MAX_BYTES >> 20);
			goto out;
		}
		if (XML_ParseBuffer(pt->p, (int)n, n == 0) != XML_STATUS_OK) {
			if (pt->stopped != 0) {
				rc = pt->stopped;
				goto out;
			}
			if (pt->err != NULL) {
				*err = pt->err;
				pt->err = NULL;
			} else
				*err = xasprintf(_("%s: broken XML at line %lu, "
				    "column %lu: %s"), path,
				    (unsigned long)XML_GetCurrentLineNumber(
				    pt->p), (unsigned long)
				    XML_GetCurrentColumnNumber(pt->p),
				    XML_ErrorString(XML_GetErrorCode(pt->p)));
			goto out;
		}
		if (n == 0)
			break;
	}
	rc = 0;
out:
	if (pt->p != NULL)
		XML_ParserFree(pt->p);
	pt->p = NULL;
	free(pt->err);
	pt->err = NULL;
	buf_release(&pt->text);
	zip_fclose(zf);
	return rc;
}

/* ---- xl/workbook.xml: the sheets and the date system ---- */

static void
workbook_start(struct part *pt, const char *el, const XML_Char **atts)
{
	struct xlsx *x = pt->x;
	const char *v;

	if (strcmp(el, "workbookPr") == 0) {
		v = attr(atts, "date1904");
		x->date1904 = v != NULL && (strcmp(v, "1") == 0 ||
		    strcmp(v, "true") == 0);
	} else if (strcmp(el, "sheet") == 0) {
		const char *name = attr(atts, "name"), *rid = attr(atts, "id");

		if (name == NULL || rid == NULL) {
			fail(pt, _("%s: a sheet without a name or an id"),
			    pt->name);
			return;
		}
		if (x->nsheets == XLSX_MAX_SHEETS) {
			fail(pt, _("%s: more than %d sheets"), pt->name,
			    XLSX_MAX_SHEETS);
			return;
		}
		x->sheets = xreallocarray(x->sheets, x->nsheets + 1,
		    sizeof *x->sheets);
		x->sheets[x->nsheets++] = (struct sheet){ xstrdup(name),
		    xstrdup(rid), NULL };
	}
}

/* ---- xl/_rels/workbook.xml.rels: where each sheet is ---- */

/* A relationship's target, relative to xl/, as a path in the zip. */
static char *
rel_path(const char *target)
{
	if (*target == '/')
		return xstrdup(target + 1);
	return xasprintf("xl/%s", target);
}

static void
rels_start(struct part *pt, const char *el, const XML_Char **atts)
{
	struct xlsx *x = pt->x;
	const char *id, *target, *type, *mode;
	size_t n;

	if (strcmp(el, "Relationship") != 0)
		return;
	id = attr(atts, "Id");
	target = attr(atts, "Target");
	type = attr(atts, "Type");
	mode = attr(atts, "TargetMode");
	if (id == NULL || target == NULL || type == NULL ||
	    (mode != NULL && strcmp(mode, "Internal") != 0))
		return;
	n = strlen(type);
	if (n >= 14 && strcmp(type + n - 14, "/sharedStrings") == 0) {
		free(x->ss_path);
		x->ss_path = rel_path(target);
		return;
	}
	for (size_t i = 0; i < x->nsheets; i++)
		if (x->sheets[i].path == NULL &&
		    strcmp(x->sheets[i].rid, id) == 0)
			x->sheets[i].path = rel_path(target);
}

/* ---- Strings: OOXML's escapes ---- */

static int
hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Append s to out with _xHHHH_ (how OOXML writes a character XML cannot
 * hold, such as a CR) decoded. */
static void
put_string(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned cp = 0;
		int k;

		if (s[i] == '_' && i + 6 < n && s[i + 1] == 'x' &&
		    s[i + 6] == '_') {
			for (k = 2; k < 6 && hexval(s[i + k]) >= 0; k++)
				cp = cp * 16 + (unsigned)hexval(s[i + k]);
			if (k == 6 && cp != 0 &&
			    (cp < 0xd800 || cp > 0xdfff)) {
				utf8_put(out, cp);
				i += 6;
				continue;
			}
		}
		buf_putc(out, s[i]);
	}
}

/* ---- xl/sharedStrings.xml ---- */

static void
ss_start(struct part *pt, const char *el, const XML_Char **atts)
{
	(void)atts;
	if (strcmp(el, "si") == 0) {
		buf_reset(&pt->text);
		pt->rph = 0;
	} else if (strcmp(el, "rPh") == 0)
		pt->rph++;
	else if (strcmp(el, "t") == 0 && pt->rph == 0)
		pt->collect = true;
}

static void
ss_end(struct part *pt, const char *el)
{
	struct xlsx *x = pt->x;

	if (strcmp(el, "t") == 0)
		pt->collect = false;
	else if (strcmp(el, "rPh") == 0)
		pt->rph--;
	else if (strcmp(el, "si") == 0) {
		if (x->nss == XLSX_MAX_CELLS) {
			fail(pt, _("%s: more than %d strings"), pt->name,
			    XLSX_MAX_CELLS);
			return;
		}
		if (x->nss == x->ss_cap) {
			x->ss_cap = x->ss_cap ? x->ss_cap * 2 : 256;
			x->ss_off = xreallocarray(x->ss_off, x->ss_cap,
			    sizeof *x->ss_off);
		}
		x->ss_off[x->nss++] = x->ss.len;
		put_string(&x->ss, pt->text.s != NULL ? pt->text.s : "",
		    pt->text.len);
		buf_add(&x->ss, "", 1);
	}
}

/* ---- The workbook ---- */

int
xlsx_open(struct xlsx **xp, const char *data, size_t len, char **err)
{
	struct xlsx *x = xcalloc(1, sizeof *x);
	zip_source_t *src;
	zip_error_t ze;
	struct part pt;

	*xp = NULL;
	if (len > XLSX_MAX_FILE) {
		*err = xasprintf(_("a workbook of more than %zu MiB"),
		    XLSX_MAX_FILE >> 20);
		free(x);
		return -1;
	}
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		*err = xasprintf(_("not a workbook: %s"), zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		free(x);
		return -1;
	}
	zip_error_fini(&ze);
	memset(&pt, 0, sizeof pt);
	pt.start = workbook_start;
	if (parse_part(x, "xl/workbook.xml", &pt, false, err) != 0)
		goto fail;
	if (x->nsheets == 0) {
		*err = xstrdup(_("xl/workbook.xml: no sheet"));
		goto fail;
	}
	memset(&pt, 0, sizeof pt);
	pt.start = rels_start;
	if (parse_part(x, "xl/_rels/workbook.xml.rels", &pt, false, err) != 0)
		goto fail;
	memset(&pt, 0, sizeof pt);
	pt.start = ss_start;
	pt.end = ss_end;
	if (parse_part(x, x->ss_path != NULL ? x->ss_path :
	    "xl/sharedStrings.xml", &pt, true, err) < 0)
		goto fail;
	*xp = x;
	return 0;
fail:
	xlsx_free(x);
	return -1;
}

void
xlsx_free(struct xlsx *x)
{
	if (x == NULL)
		return;
	zip_discard(x->zip);
	for (size_t i = 0; i < x->nsheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].path);
	}
	free(x->sheets);
	free(x->ss_path);
	buf_release(&x->ss);
	free(x->ss_off);
	free(x);
}

size_t
xlsx_nsheets(const struct xlsx *x)
{
	return x->nsheets;
}

const char *
xlsx_sheet_name(const struct xlsx *x, size_t i)
{
	return x->sheets[i].name;
}

bool
xlsx_date1904(const struct xlsx *x)
{
	return x->date1904;
}

const char *
xlsx_where(const struct xlsx *x)
{
	return x->where;
}

void
xlsx_cell_name(uint32_t row, uint32_t col, char out[16])
{
	char letters[4];
	int n = 0;

	col++;
	while (col > 0 && n < 3) {
		letters[n++] = (char)('A' + (col - 1) % 26);
		col = (col - 1) / 26;
	}
	for (int i = 0; i < n; i++)
		out[i] = letters[n - 1 - i];
	snprintf(out + n, 16 - (size_t)n, "%u", (unsigned)row);
}

/* ---- Sheets ---- */

/* Parse a decimal number of at most max; -1 when it is not one. */
static long
parse_uint(const char *s, long max)
{
	long v = 0;

	if (*s == '\0')
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

/* The column of a cell reference such as K9; -1 when it is not one. */
static long
ref_col(const char *s)
{
	long col = 0;
	int n = 0;

	for (; *s >= 'A' && *s <= 'Z' && n < 3; s++, n++)
		col = col * 26 + (*s - 'A' + 1);
	if (n == 0 || col > XLSX_MAX_COLS || parse_uint(s, 1048576) < 1)
		return -1;
	return col - 1;
}

static void
sheet_start(struct part *pt, const char *el, const XML_Char **atts)
{
	const char *v;
	long n;

	if (strcmp(el, "sheetData") == 0) {
		pt->in_data = true;
		return;
	}
	if (!pt->in_data)
		return;
	if (strcmp(el, "row") == 0) {
		if (++pt->nrows > XLSX_MAX_ROWS) {
			xlsx_cell_name(pt->row + 1, 0, pt->x->where);
			fail(pt, _("more than %d rows"), XLSX_MAX_ROWS);
			return;
		}
		if ((v = attr(atts, "r")) == NULL)
			pt->row++;
		else if ((n = parse_uint(v, 1048576)) < 1) {
			fail(pt, _("%s: invalid row number"), pt->name);
			return;
		} else
			pt->row = (uint32_t)n;
		xlsx_cell_name(pt->row, 0, pt->x->where);
		pt->col = (uint32_t)-1;
		pt->nrc = 0;
		buf_reset(&pt->rowtext);
	} else if (strcmp(el, "c") == 0) {
		if ((v = attr(atts, "r")) == NULL)
			pt->col++;
		else if ((n = ref_col(v)) < 0) {
			fail(pt, _("%s: invalid cell reference"), pt->name);
			return;
		} else
			pt->col = (uint32_t)n;
		if (pt->col >= XLSX_MAX_COLS) {
			fail(pt, _("more than %d columns"), XLSX_MAX_COLS);
			return;
		}
		xlsx_cell_name(pt->row, pt->col, pt->x->where);
		v = attr(atts, "t");
		snprintf(pt->type, sizeof pt->type, "%s", v != NULL ? v : "n");
		pt->in_cell = true;
		pt->formula = pt->has_value = false;
		pt->rph = 0;
		buf_reset(&pt->text);
	} else if (!pt->in_cell)
		return;
	else if (strcmp(el, "v") == 0) {
		pt->has_value = true;
		pt->collect = true;
	} else if (strcmp(el, "f") == 0)
		pt->formula = true;
	else if (strcmp(el, "is") == 0) {
		pt->in_is = true;
		pt->has_value = true;
	} else if (strcmp(el, "rPh") == 0)
		pt->rph++;
	else if (strcmp(el, "t") == 0 && pt->in_is && pt->rph == 0)
		pt->collect = true;
}

/* The cell just ended, into the row. */
static void
sheet_cell(struct part *pt)
{
	const char *t = pt->type, *s = pt->text.s != NULL ? pt->text.s : "";
	struct xlsx *x = pt->x;
	struct xlsx_cell *c;
	long k;

	if (!pt->has_value && !pt->formula)
		return;
	if (++pt->ncells > XLSX_MAX_CELLS) {
		fail(pt, _("more than %d cells"), XLSX_MAX_CELLS);
		return;
	}
	if (pt->nrc == pt->rc_cap) {
		pt->rc_cap = pt->rc_cap ? pt->rc_cap * 2 : 16;
		pt->cells = xreallocarray(pt->cells, pt->rc_cap,
		    sizeof *pt->cells);
		pt->cell_off = xreallocarray(pt->cell_off, pt->rc_cap,
		    sizeof *pt->cell_off);
	}
	c = &pt->cells[pt->nrc];
	pt->cell_off[pt->nrc++] = pt->rowtext.len;
	*c = (struct xlsx_cell){ .col = pt->col, .type = XLSX_NUMBER,
	    .formula = pt->formula };
	if (strcmp(t, "s") == 0) {
		c->type = XLSX_TEXT;
		if (!pt->has_value)
			;
		else if ((k = parse_uint(s, XLSX_MAX_CELLS)) < 0 ||
		    (size_t)k >= x->nss) {
			fail(pt, _("a shared string that does not exist"));
			return;
		} else {
			const char *ss = x->ss.s + x->ss_off[k];
			size_t end = (size_t)k + 1 < x->nss ?
			    x->ss_off[k + 1] : x->ss.len;

			buf_add(&pt->rowtext, ss, end - x->ss_off[k] - 1);
		}
	} else if (strcmp(t, "inlineStr") == 0) {
		c->type = XLSX_TEXT;
		put_string(&pt->rowtext, s, pt->text.len);
	} else if (strcmp(t, "str") == 0) {
		c->type = XLSX_TEXT;
		put_string(&pt->rowtext, s, pt->text.len);
	} else {
		if (strcmp(t, "b") == 0)
			c->type = XLSX_BOOL;
		else if (strcmp(t, "e") == 0)
			c->type = XLSX_ERROR;
		else if (strcmp(t, "d") == 0)
			c->type = XLSX_DATE;
		else if (strcmp(t, "n") != 0) {
			fail(pt, _("unknown cell type '%s'"), t);
			return;
		}
		buf_add(&pt->rowtext, s, pt->text.len);
	}
	c->len = pt->rowtext.len - pt->cell_off[pt->nrc - 1];
	buf_add(&pt->rowtext, "", 1);
}

static void
sheet_end(struct part *pt, const char *el)
{
	if (strcmp(el, "sheetData") == 0)
		pt->in_data = false;
	else if (!pt->in_data)
		return;
	else if (strcmp(el, "v") == 0 || strcmp(el, "t") == 0)
		pt->collect = false;
	else if (strcmp(el, "rPh") == 0)
		pt->rph--;
	else if (strcmp(el, "is") == 0)
		pt->in_is = false;
	else if (strcmp(el, "c") == 0) {
		pt->in_cell = pt->in_is = pt->collect = false;
		sheet_cell(pt);
	} else if (strcmp(el, "row") == 0 && pt->nrc > 0) {
		struct xlsx_row r = { pt->row, pt->nrc, pt->cells };
		int rc;

		for (size_t i = 0; i < pt->nrc; i++)
			pt->cells[i].text = pt->rowtext.s + pt->cell_off[i];
		if ((rc = pt->fn(pt->arg, &r)) != 0) {
			pt->stopped = rc;
			XML_StopParser(pt->p, XML_FALSE);
		}
	}
}

int
xlsx_read_sheet(struct xlsx *x, size_t i, xlsx_row_fn *fn, void *arg,
    char **err)
{
	struct part pt;
	int rc;

	x->where[0] = '\0';
	if (x->sheets[i].path == NULL) {
		char *safe = text_quote(x->sheets[i].name);
		*err = xasprintf(_("sheet '%s' has no part in the workbook"),
		    safe);
		free(safe);
		return -1;
	}
	memset(&pt, 0, sizeof pt);
	pt.start = sheet_start;
	pt.end = sheet_end;
	pt.fn = fn;
	pt.arg = arg;
	rc = parse_part(x, x->sheets[i].path, &pt, false, err);
	buf_release(&pt.rowtext);
	free(pt.cells);
	free(pt.cell_off);
	return rc;
}
