/*
 * csv.h: an RFC 4180 reader over a buffer in memory.
 *
 * No I/O: the caller hands over the whole input, so the reader can be fed
 * from a file, a test or a fuzzer alike.  It accepts a UTF-8 byte-order
 * mark (skipped), CRLF or LF line ends (and a lone CR), quoted fields with
 * "" for a quote and with line breaks inside, and skips empty lines.  It
 * does not check the encoding: bytes are handed back as they are, and a
 * field's length is given so that a NUL byte in it can be seen.
 *
 *	struct csv_reader r;
 *	csv_init(&r, data, len);
 *	while ((rc = csv_read(&r)) > 0)
 *		use csv_field(&r, i) for i < r.nfields, r.line;
 *	if (rc < 0) report r.line and r.error
 *	csv_release(&r);
 */
#ifndef UTIL_CSV_H
#define UTIL_CSV_H

#include <stddef.h>

#include "util/buf.h"

struct csv_reader {
	const char	*data;
	size_t		 len, pos;
	/* Lines are counted in a size_t: a file may have more than 2^31,
	 * never more than it has bytes, plus one.  next_line may be set
	 * after csv_init() to number the lines from elsewhere. */
	size_t		 next_line;	/* line the next read starts on */
	size_t		 line;		/* 1-based line the last record began
					   on */
	size_t		 nfields;	/* fields of the last record */
	const char	*error;		/* after -1: why, untranslated N_() */

	struct buf	 text;		/* the fields, NUL-separated */
	size_t		*off;		/* start of each field in text */
	size_t		 offcap;
};

void		 csv_init(struct csv_reader *, const char *data, size_t len);
void		 csv_release(struct csv_reader *);
/*
 * Read the next record.  Returns 1 with the fields set, 0 at the end of the
 * input, or -1 for a malformed record (r->line and r->error say where and
 * why); reading may go on after -1 with the next line, except after an
 * unterminated quote, which runs to the end of the input.
 */
int		 csv_read(struct csv_reader *);
/* Field i of the last record (NUL-terminated) and its length in bytes. */
const char	*csv_field(const struct csv_reader *, size_t i);
size_t		 csv_field_len(const struct csv_reader *, size_t i);

/* Append s to b as one CSV field, quoted when it needs to be. */
void		 csv_quote(struct buf *b, const char *s);
/*
 * The same for a cell a spreadsheet opens: a text that it would take for a
 * formula (starting with = + - @, a tab or a CR, after any run of ') is
 * written quoted with one ' before it, which the spreadsheet shows as text.
 * csv_unprotect() undoes exactly that, so a field goes through both
 * unchanged whatever it holds.
 */
void		 csv_quote_cell(struct buf *b, const char *s);
/* s without the ' that csv_quote_cell() put before it, if it has one. */
const char	*csv_unprotect(const char *s);

#endif
