/*
 * xlsx.h: the cells of a workbook's sheets (Office Open XML, .xlsx),
 * read from a buffer in memory with libzip and expat.
 *
 * Only what a form sent back needs: the sheets' names, the date system,
 * and each sheet's cells row by row with their type, their value as
 * written (a number's digits, a string's text, shared or inline) and
 * whether a formula computed it.  Styles, formulas' text and everything
 * else are left.
 *
 * A workbook is hostile until read: every part is inflated a piece at a
 * time and counted (the sizes a zip states may lie), within XLSX_MAX_BYTES
 * in all; a sheet has at most XLSX_MAX_ROWS rows and XLSX_MAX_CELLS cells
 * with a value, a string at most XLSX_MAX_TEXT bytes; XML may not declare
 * a DTD or an entity, nor nest deeper than XLSX_MAX_DEPTH.  Each is an
 * error, so memory and time stay bounded whatever the file.
 *
 *	struct xlsx *x;
 *	if (xlsx_open(&x, data, len, &err) != 0) report err;
 *	xlsx_read_sheet(x, i, fn, arg, &err): fn(arg, row) for each row;
 *	xlsx_free(x);
 */
#ifndef UTIL_XLSX_H
#define UTIL_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define XLSX_MAX_FILE	((size_t)16 << 20)	/* the .xlsx itself */
#define XLSX_MAX_BYTES	((size_t)64 << 20)	/* inflated, all parts */
#define XLSX_MAX_ROWS	100000
#define XLSX_MAX_CELLS	1000000
#define XLSX_MAX_COLS	16384			/* Excel's: A..XFD */
#define XLSX_MAX_TEXT	((size_t)128 << 10)	/* one string */
#define XLSX_MAX_SHEETS	1000
#define XLSX_MAX_DEPTH	64

enum xlsx_type {
	XLSX_NUMBER,		/* as written: 45930, 5.6, 1E-3 */
	XLSX_TEXT,		/* a string, shared, inline or a formula's */
	XLSX_BOOL,		/* 0 or 1 */
	XLSX_ERROR,		/* #N/A, #DIV/0!... */
	XLSX_DATE		/* ISO 8601, as t="d" cells hold it */
};

struct xlsx_cell {
	uint32_t	 col;		/* 0-based: A is 0 */
	enum xlsx_type	 type;
	bool		 formula;	/* computed by a formula (<f>) */
	const char	*text;		/* UTF-8, NUL-terminated, may hold
					   NUL; valid until the next row */
	size_t		 len;
};

struct xlsx_row {
	uint32_t	 row;		/* 1-based */
	size_t		 ncells;	/* those with a value or a formula */
	const struct xlsx_cell *cells;	/* in the order written */
};

struct xlsx;

/*
 * Open the workbook in data (len bytes, which must outlive it): its zip
 * directory, sheets, relationships and shared strings.  Returns 0, or -1
 * with *err set (allocated, naming the part that is wrong).
 */
int		 xlsx_open(struct xlsx **, const char *data, size_t len,
		    char **err);
void		 xlsx_free(struct xlsx *);
size_t		 xlsx_nsheets(const struct xlsx *);
const char	*xlsx_sheet_name(const struct xlsx *, size_t);
/* Dates count from 1904-01-01 (workbookPr date1904), not 1900. */
bool		 xlsx_date1904(const struct xlsx *);

/*
 * Call fn for each row of sheet i that has a cell with a value, in order.
 * fn returns 0 to go on, or a positive number to stop: that is returned.
 * Returns 0 at the end, or -1 with *err set (allocated); xlsx_where() then names
 * the last cell begun, if any.
 */
typedef int	 xlsx_row_fn(void *arg, const struct xlsx_row *);
int		 xlsx_read_sheet(struct xlsx *, size_t i, xlsx_row_fn *,
		    void *arg, char **err);
/* The cell the last error of xlsx_read_sheet() was at, as A1 (empty when
 * none was begun). */
const char	*xlsx_where(const struct xlsx *);

/* Cell name of a 1-based row and a 0-based column: K9.  out holds 16. */
void		 xlsx_cell_name(uint32_t row, uint32_t col, char out[16]);

#endif
