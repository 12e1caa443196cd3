/*
 * load.c: one pass over libyaml's event stream into a struct plan.
 *
 * The parser is pulled one event at a time (never the document loader), so
 * that nesting can be capped before it costs anything: libyaml itself has no
 * limit.  Each mapping is read into an array of fields by its schema table
 * (schema.c); when the mapping ends, the fields become a department, phase,
 * milestone, target or stage.  References, defaults and rules between items
 * are checked once the whole document has been read (finish()).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <yaml.h>

#include "config/config.h"
#include "config/schema.h"
#include "util/buf.h"
#include "util/hash.h"
#include "util/i18n.h"
#include "util/text.h"
#include "util/xalloc.h"

/* A name in a list (a department in support, a level of a scale) and
 * where it was. */
struct ref {
	char		*s;	/* in the plan's pool */
	struct srcpos	 pos;
};

/* A list's names: the loader's refs[first .. first + n - 1]. */
struct span {
	size_t		 first, n;
};

/* One key's value as read, before it becomes part of an item. */
struct field {
	bool		 seen;	/* the key was there */
	bool		 ok;	/* its value was read without error */
	struct srcpos	 kpos, pos;
	char		*s;	/* text, id, ref, level as written */
	union {			/* the others, by the key's type */
		double		 num;
		long		 ival;
		struct pdate	 date;
		struct span	 list;
		double		 pair[2];
	};
};

/*
 * Items are read straight into the plan's arrays; beside each array the
 * loader keeps what finish() needs of each item and the plan does not:
 * positions for its messages, references by name.
 */
struct dept_tmp {
	struct srcpos	 id_pos;
};

struct phase_tmp {
	bool		 start_given;
	struct srcpos	 id_pos, start_pos, end_pos, owner_pos;
	char		*owner;
};

struct ms_tmp {
	struct srcpos	 id_pos, start_pos, due_pos, every_pos, owner_pos;
	char		*owner;
	struct span	 support;
};

struct stage_tmp {
	struct pdate	 due;
	char		*target;
	struct srcpos	 due_pos, target_pos;
	bool		 ok;
};

struct target_tmp {
	struct srcpos	 id_pos, due_pos, owner_pos, phase_pos;
	char		*owner, *phase;
	struct span	 support;
};

struct idpos {
	const char	*id;
	struct srcpos	 pos;
	int		 index;		/* in its array */
};

struct loader {
	yaml_parser_t	 parser;
	yaml_event_t	 ev;
	bool		 have_ev;
	bool		 ev_bad;	/* current node already reported */
	bool		 fatal;		/* stop reading */
	bool		 at_end;	/* libyaml read to the end of the stream,
					   checking every character */
	int		 depth;
	size_t		 nerrors;
	struct diags	*d;
	struct plan	*p;
	const char	*buf;
	size_t		 len;
	locale_t	 cloc;		/* "C" numbers whatever LC_NUMERIC */

	struct dept_tmp	*dx;		/* parallel to p->depts */
	size_t		 dcap;
	struct phase_tmp *hx;		/* parallel to p->phases */
	size_t		 hcap;
	struct ms_tmp	*mx;		/* parallel to p->ms */
	size_t		 mcap;
	struct target_tmp *tx;		/* parallel to p->targets */
	size_t		 tcap;
	struct ref	*refs;		/* the names of every list */
	size_t		 nrefs, refcap;
	struct stage_tmp *st;		/* the stages of the target being read */
	size_t		 nst, stcap;
	/* The keys of each table (enum schema_id), hashed once per load. */
	struct schema_index keys[SC_STAGE + 1];
	int		 cur_phase;	/* phase whose milestones are read */
	size_t		 plan_ms;	/* the plan-level milestones in p->ms, */
	size_t		 nplan_ms;	/* as read (see place_ms) */
	size_t		 noid;		/* items without an id (an error) */
	bool		 indexed;	/* plan_index() done (see check_ids) */
	struct idpos	*dept_ids;	/* departments by id, for references */
	size_t		*dept_slot;	/* their hash */
	size_t		 dept_cap;
	/* When not indexed: the items' ids, the phases' first. */
	struct idpos	*ids;
	size_t		 nph_ids;
	size_t		*id_slot;	/* their hash */
	size_t		 id_cap;
	struct srcpos	 plan_start_pos, plan_end_pos;
};

/* After this many errors the rest of a file is not worth reading. */
#define MAX_ERRORS	200

static void	parse_node(struct loader *, const struct key_def *,
		    struct field *);

static void
grow(void **v, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 8;
	*v = xreallocarray(*v, *cap, size);
}

/* Room for one more item in an array of the plan and in its twin in the
 * loader (see struct loader), which have the same capacity. */
static void
grow2(void **v, void **x, size_t *cap, size_t n, size_t size, size_t xsize)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 64;
	*v = xreallocarray(*v, *cap, size);
	*x = xreallocarray(*x, *cap, xsize);
}

/*
 * Add a diagnostic.  An error that stops reads nothing more (syntax,
 * limits); after MAX_ERRORS errors the rest is not worth reading either.
 */
static void
vreport(struct loader *L, enum diag_level level, bool stop,
    struct srcpos pos, const char *fmt, va_list ap)
{
	struct buf b = BUF_INIT;

	if (L->fatal && level == DIAG_ERROR)
		return;
	buf_vprintf(&b, fmt, ap);
	diags_add(L->d, level, pos.line, pos.col, "%s", buf_str(&b));
	buf_release(&b);
	if (level == DIAG_ERROR && ++L->nerrors >= MAX_ERRORS && !stop) {
		diags_add(L->d, DIAG_ERROR, pos.line, pos.col, "%s",
		    _("too many errors; stopping here"));
		stop = true;
	}
	if (stop)
		L->fatal = true;
}

/* Problems are rare: the compiler keeps the paths to them out of the way
 * of the reading (cold). */
#define PRINTFLIKE	__attribute__((format(printf, 3, 4), cold))

static void PRINTFLIKE
err_at(struct loader *L, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(L, DIAG_ERROR, false, pos, fmt, ap);
	va_end(ap);
}

static void PRINTFLIKE
warn_at(struct loader *L, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(L, DIAG_WARNING, false, pos, fmt, ap);
	va_end(ap);
}

static void PRINTFLIKE
fatal_at(struct loader *L, struct srcpos pos, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(L, DIAG_ERROR, true, pos, fmt, ap);
	va_end(ap);
}

static struct srcpos
mark_pos(yaml_mark_t m)
{
	struct srcpos p;

	p.line = m.line > INT_MAX - 1 ? INT_MAX : (int)m.line + 1;
	p.col = m.column > INT_MAX - 1 ? INT_MAX : (int)m.column + 1;
	return p;
}

static struct srcpos
ev_pos(const struct loader *L)
{
	return mark_pos(L->ev.start_mark);
}

/*
 * Line and column of byte offset off, counting line breaks as libyaml does
 * (LF, CR, CR LF, NEL, LS, PS) and columns in characters; a leading
 * byte-order mark is not a column.
 */
static struct srcpos
offset_pos(const char *s, size_t len, size_t off)
{
	struct srcpos p = { 1, 1 };
	size_t i = 0;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < off && i < len) {
		unsigned cp;
		size_t k = utf8_decode(s + i, len - i, &cp);
		if (k == 0) {
			k = 1;
			cp = 0xfffd;
		}
		if (cp == '\r' && i + 1 < len && s[i + 1] == '\n' &&
		    i + 1 < off) {
			i++;
			cp = '\n';
		}
		if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 ||
		    cp == 0x2029) {
			p.line++;
			p.col = 1;
		} else
			p.col++;
		i += k;
	}
	return p;
}

/*
 * Eight bytes at a time (a word, any byte order): these say whether some
 * byte of w is of interest, exactly (the borrow tricks give false hits only
 * above a true one).
 */
#define ONES	0x0101010101010101ull
#define HIGHS	(ONES * 0x80)

/* Is every byte printable ASCII (0x20..0x7e)? */
static inline bool
word_printable(uint64_t w)
{
	return ((w | (w + ONES) | (w - ONES * 0x20)) & HIGHS) == 0;
}

/* Does w hold a byte below 0x20, 0x7f or 0xc2 (a C1 control's lead)? */
static inline bool
word_controls(uint64_t w)
{
	uint64_t a = w ^ (ONES * 0x7f), b = w ^ (ONES * 0xc2);

	return (((w - ONES * 0x20) & ~w) | ((a - ONES) & ~a) |
	    ((b - ONES) & ~b)) & HIGHS;
}

/*
 * Is p (3 bytes at least) a three-byte character that needs no range check
 * beyond its continuation bytes?  Not E0 with its overlongs, ED with its
 * surrogates, nor EF BF BE/BF (U+FFFE, U+FFFF).
 */
static inline bool
plain3(const unsigned char *p)
{
	unsigned c = p[0];

	return c >= 0xe1 && c <= 0xef && c != 0xed && (p[1] & 0xc0) == 0x80 &&
	    (p[2] & 0xc0) == 0x80 && !(c == 0xef && p[1] == 0xbf &&
	    p[2] >= 0xbe);
}

/* The character at offset i, the slow way: its length, or 0 when it is
 * refused (reported). */
static size_t
prescan_char(struct loader *L, size_t i)
{
	const char *s = L->buf;
	size_t len = L->len;
	unsigned cp;
	size_t k = utf8_decode(s + i, len - i, &cp);

	if (k == 0) {
		fatal_at(L, offset_pos(s, len, i), _("invalid UTF-8 "
		    "(byte 0x%02x): a plan file must be UTF-8 text"),
		    (unsigned char)s[i]);
		return 0;
	}
	if (cp == 0) {
		fatal_at(L, offset_pos(s, len, i), _("NUL byte: a plan "
		    "file must be text"));
		return 0;
	}
	if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    cp == 0x7f || (cp >= 0x80 && cp <= 0x9f && cp != 0x85) ||
	    cp == 0xfffe || cp == 0xffff) {
		fatal_at(L, offset_pos(s, len, i), _("control character "
		    "U+%04X is not allowed in a plan file"), cp);
		return 0;
	}
	return k;
}

/*
 * Check the raw bytes, so that the user gets a clear message at the right
 * place: plan files are UTF-8 text, with no NUL and no control characters
 * other than tab and line ends.  libyaml's reader refuses exactly these
 * bytes too, though with a vaguer message and only once it gets there; see
 * config_load_buffer() for when this scan is needed.
 */
static bool
prescan(struct loader *L)
{
	const unsigned char *u = (const unsigned char *)L->buf;
	size_t len = L->len, i = 0;

	while (i < len) {
		/* The usual runs first: printable ASCII a word at a time, then
		 * three-byte characters (CJK), then the odd byte. */
		uint64_t w;
		while (len - i >= 8 && (memcpy(&w, u + i, 8), word_printable(w)))
			i += 8;
		while (len - i >= 3 && plain3(u + i))
			i += 3;
		if (i == len)
			break;
		unsigned c = u[i];
		if ((c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' ||
		    c == '\r') {
			/* Up to the next word boundary, then words again. */
			while (++i < len && (i & 7) != 0 && ((u[i] >= 0x20 &&
			    u[i] < 0x7f) || u[i] == '\n' || u[i] == ' '))
				;
			continue;
		}
		size_t k = prescan_char(L, i);
		if (k == 0)
			return false;
		i += k;
	}
	return true;
}

/* Report libyaml's own error with its position. */
static void
yaml_error(struct loader *L)
{
	yaml_parser_t *y = &L->parser;
	const char *problem = y->problem ? y->problem : _("unknown error");
	struct srcpos pos;

	if (y->error == YAML_READER_ERROR) {
		pos = offset_pos(L->buf, L->len, y->problem_offset);
		fatal_at(L, pos, _("cannot read the file as text: %s"),
		    problem);
		return;
	}
	if (y->error == YAML_MEMORY_ERROR) {
		fatal_at(L, (struct srcpos){ 0, 0 }, _("out of memory"));
		return;
	}
	pos = mark_pos(y->problem_mark);
	/* A tab where indentation is expected is the usual cause of this
	 * message; say so. */
	if (strstr(problem, "cannot start any token") != NULL ||
	    strstr(problem, "tab character") != NULL) {
		const char *line = L->buf;
		const char *end = L->buf + L->len;
		for (int n = 1; n < pos.line && line < end; n++) {
			const char *nl = memchr(line, '\n', (size_t)(end - line));
			line = nl ? nl + 1 : end;
		}
		size_t rest = (size_t)(end - line), i = 0;
		const char *nl = memchr(line, '\n', rest);
		size_t linelen = nl ? (size_t)(nl - line) : rest;
		while (i < linelen && (line[i] == ' ' || line[i] == '\t'))
			if (line[i++] == '\t') {
				fatal_at(L, pos, _("syntax error: a tab in "
				    "indentation; indent with spaces"));
				return;
			}
	}
	if (y->context != NULL)
		fatal_at(L, pos, _("syntax error: %s (%s at line %d, "
		    "column %d)"), problem, y->context,
		    mark_pos(y->context_mark).line,
		    mark_pos(y->context_mark).col);
	else
		fatal_at(L, pos, _("syntax error: %s"), problem);
}

/*
 * Pull the next event.  Keeps the nesting depth, refuses anchors, aliases,
 * tags and oversized scalars (the node is then marked bad: already
 * reported).  Returns false once reading has to stop.
 */
static bool
next(struct loader *L)
{
	const char *anchor = NULL;
	bool tagged = false;

	if (L->have_ev) {
		yaml_event_delete(&L->ev);
		L->have_ev = false;
	}
	if (L->fatal)
		return false;
	if (!yaml_parser_parse(&L->parser, &L->ev)) {
		yaml_error(L);
		return false;
	}
	L->have_ev = true;
	L->ev_bad = false;
	switch (L->ev.type) {
	case YAML_STREAM_END_EVENT:
		L->at_end = true;
		break;
	case YAML_MAPPING_START_EVENT:
	case YAML_SEQUENCE_START_EVENT:
		if (++L->depth > CONFIG_MAX_DEPTH) {
			fatal_at(L, ev_pos(L), _("nesting deeper than %d "
			    "levels"), CONFIG_MAX_DEPTH);
			return false;
		}
		if (L->ev.type == YAML_MAPPING_START_EVENT) {
			anchor = (const char *)L->ev.data.mapping_start.anchor;
			tagged = L->ev.data.mapping_start.tag != NULL;
		} else {
			anchor = (const char *)L->ev.data.sequence_start.anchor;
			tagged = L->ev.data.sequence_start.tag != NULL;
		}
		break;
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		L->depth--;
		break;
	case YAML_SCALAR_EVENT:
		anchor = (const char *)L->ev.data.scalar.anchor;
		tagged = L->ev.data.scalar.tag != NULL;
		if (L->ev.data.scalar.length > CONFIG_MAX_SCALAR) {
			err_at(L, ev_pos(L), _("value longer than the limit of "
			    "%u bytes"), (unsigned)CONFIG_MAX_SCALAR);
			L->ev_bad = true;
		}
		break;
	case YAML_ALIAS_EVENT:
		err_at(L, ev_pos(L), _("aliases are not supported (*%s)"),
		    (const char *)L->ev.data.alias.anchor);
		L->ev_bad = true;
		break;
	default:
		break;
	}
	if (anchor != NULL) {
		err_at(L, ev_pos(L), _("anchors are not supported (&%s)"),
		    anchor);
		L->ev_bad = true;
	}
	if (tagged) {
		err_at(L, ev_pos(L), _("tags are not supported"));
		L->ev_bad = true;
	}
	return !L->fatal;
}

/* Skip the node that starts at the current event, with all it holds. */
static void
skip_node(struct loader *L)
{
	if (L->ev.type != YAML_MAPPING_START_EVENT &&
	    L->ev.type != YAML_SEQUENCE_START_EVENT)
		return;
	int base = L->depth - 1;
	while (L->depth > base)
		if (!next(L))
			return;
}

static bool
is_scalar(const struct loader *L)
{
	return L->ev.type == YAML_SCALAR_EVENT;
}

static const char *
scalar(const struct loader *L)
{
	return (const char *)L->ev.data.scalar.value;
}

/* An empty plain value, ~ or null: the key is there but says nothing. */
static bool
is_null(const struct loader *L)
{
	if (!is_scalar(L) || L->ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = scalar(L);
	switch (*s) {
	case '\0':
		return true;
	case '~':
		return s[1] == '\0';
	case 'n':
	case 'N':
		return strcmp(s, "null") == 0 || strcmp(s, "Null") == 0 ||
		    strcmp(s, "NULL") == 0;
	default:
		return false;
	}
}

/*
 * Text from a plan is shown on terminals: refuse control characters (other
 * than tab and newline), DEL and C1 controls, which could only be written
 * with escapes in a double-quoted string.  Bidirectional overrides are kept
 * and shown escaped by text_safe().
 *
 * libyaml hands out valid UTF-8 only (its reader checks the file, its
 * escapes refuse surrogates), so a byte scan finds these: a C0 control or
 * DEL is its own byte, a C1 control is 0xc2 0x80..0x9f.
 */
static bool
check_text(struct loader *L, struct srcpos pos)
{
	const unsigned char *s = (const unsigned char *)scalar(L);
	size_t len = L->ev.data.scalar.length, i = 0;

	for (;;) {
		uint64_t w;
		while (len - i >= 8 && (memcpy(&w, s + i, 8), !word_controls(w)))
			i += 8;
		if (i == len)
			return true;
		if (len - i < 8 && len >= 8) {
			/* The last word, overlapping what has passed. */
			memcpy(&w, s + len - 8, 8);
			if (!word_controls(w))
				return true;
		}
		/* A byte at a time up to the end of this word. */
		size_t end = len - i >= 8 ? i + 8 : len;
		for (; i < end; i++) {
			unsigned c = s[i];
			if ((c >= 0x20 && c != 0x7f && c != 0xc2) ||
			    c == '\t' || c == '\n')
				continue;
			if (c == 0xc2) {
				if (i + 1 == len || s[i + 1] > 0x9f)
					continue;
				c = s[i + 1];	/* U+0080..U+009F */
			}
			err_at(L, pos, _("control character U+%04X in text "
			    "is not allowed"), c);
			return false;
		}
	}
}

/* Is the current scalar, passed by check_text() (so with no NUL), an id? */
static bool
check_id(struct loader *L, struct srcpos pos)
{
	const char *s = scalar(L);

	if (plan_valid_id(s, L->ev.data.scalar.length))
		return true;
	if (strchr(s, '@') != NULL)
		err_at(L, pos, _("invalid id '%s': '@' is reserved for the "
		    "instances of recurring milestones"), s);
	else
		err_at(L, pos, _("invalid id '%s': use 1 to %d of A-Z a-z "
		    "0-9 . _ -"), s, ID_MAX);
	return false;
}

/*
 * A decimal number as people write them: an optional sign, digits with an
 * optional fraction, an optional exponent.  No hex, inf or nan.  Read in the
 * "C" locale so that a user's LC_NUMERIC cannot change the meaning.
 */
static int
parse_number(struct loader *L, const char *s, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
	    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	const char *p = s;
	uint64_t m = 0;
	int ndigits = 0, nfrac = 0;
	bool neg = *p == '-', exp = false;

	if (*p == '+' || *p == '-')
		p++;
	while (*p >= '0' && *p <= '9') {
		m = m * 10 + (uint64_t)(*p++ - '0');
		ndigits++;
	}
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9') {
			m = m * 10 + (uint64_t)(*p++ - '0');
			ndigits++;
			nfrac++;
		}
	}
	if (ndigits == 0)
		return -1;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
		exp = true;
	}
	if (*p != '\0')
		return -1;
	/* Up to 15 digits and no exponent: the digits as a whole number and
	 * the power of ten are exact doubles, so one division rounds as
	 * strtod() does (Clinger's fast path). */
	if (!exp && ndigits <= 15) {
		double v = (double)m / pow10[nfrac];
		*out = neg ? -v : v;
		return 0;
	}
	locale_t old = (locale_t)0;
	if (L->cloc != (locale_t)0)
		old = uselocale(L->cloc);
	double v = strtod(s, NULL);
	if (L->cloc != (locale_t)0)
		uselocale(old);
	if (!isfinite(v))
		return -2;
	*out = v;
	return 0;
}

/* Add a name to the list being read (f->list, the last of refs). */
static void
push_ref(struct loader *L, struct field *f, char *s, struct srcpos pos)
{
	grow((void **)&L->refs, &L->refcap, L->nrefs, sizeof *L->refs);
	L->refs[L->nrefs].s = s;
	L->refs[L->nrefs++].pos = pos;
	f->list.n++;
}

/*
 * The current scalar's text, copied into the plan's pool: every string the
 * loader keeps is there, used or not, and goes with the plan.  (A scalar
 * with a NUL is refused by check_text before it is copied.)
 */
static char *
copy_scalar(struct loader *L)
{
	return plan_strndup(L->p, scalar(L), L->ev.data.scalar.length);
}

/* Take a field's string (the field no longer holds it). */
static char *
take(struct field *f)
{
	char *s = f->ok ? f->s : NULL;

	if (f->ok)
		f->s = NULL;
	return s;
}

/* Read a scalar that must be there: not a list, mapping or alias.  what
 * is an N_() string, translated only when it is shown. */
static bool
want_scalar(struct loader *L, const struct key_def *k, const char *what)
{
	if (L->ev_bad) {
		skip_node(L);
		return false;
	}
	if (!is_scalar(L)) {
		err_at(L, ev_pos(L), _("'%s' must be %s"), k->key, _(what));
		skip_node(L);
		return false;
	}
	return true;
}

static void
parse_scalar(struct loader *L, const struct key_def *k, struct field *f)
{
	struct srcpos pos = ev_pos(L);
	const char *why;
	int rc;

	switch (k->type) {
	case KT_TEXT:
	case KT_NAME:
		if (!want_scalar(L, k, N_("text")) || !check_text(L, pos))
			return;
		if (k->type == KT_NAME && *scalar(L) == '\0') {
			err_at(L, pos, _("'%s' must not be empty"), k->key);
			return;
		}
		f->s = copy_scalar(L);
		break;
	case KT_ID:
	case KT_REF:
		if (!want_scalar(L, k, N_("an id")) || !check_text(L, pos) ||
		    !check_id(L, pos))
			return;
		f->s = copy_scalar(L);
		break;
	case KT_LEVEL:
		if (!want_scalar(L, k, N_("a number or a level")) ||
		    !check_text(L, pos))
			return;
		f->s = copy_scalar(L);
		break;
	case KT_DATE_START:
	case KT_DATE_END:
		if (!want_scalar(L, k, N_("a date")))
			return;
		if (date_parse(scalar(L), k->type == KT_DATE_START ?
		    ROLE_START : ROLE_END, &f->date, &why) != 0) {
			err_at(L, pos, _("invalid date '%s' for '%s': %s"),
			    scalar(L), k->key, _(why));
			return;
		}
		break;
	case KT_INT:
		if (!want_scalar(L, k, N_("a whole number")))
			return;
		rc = parse_number(L, scalar(L), &f->num);
		if (rc != 0 || f->num != floor(f->num) || f->num < k->min ||
		    f->num > k->max) {
			if (k->min == k->max)
				err_at(L, pos, _("'%s' must be %d"), k->key,
				    k->min);
			else
				err_at(L, pos, _("'%s' must be a whole number "
				    "from %d to %d"), k->key, k->min, k->max);
			return;
		}
		f->ival = (long)f->num;
		break;
	case KT_NUMBER:
		if (!want_scalar(L, k, N_("a number")))
			return;
		rc = parse_number(L, scalar(L), &f->num);
		if (rc == -2) {
			err_at(L, pos, _("'%s' is not a finite number"), k->key);
			return;
		}
		if (rc != 0) {
			err_at(L, pos, _("'%s' must be a number, not '%s'"),
			    k->key, scalar(L));
			return;
		}
		if ((k->flags & KF_POSITIVE) && !(f->num > 0)) {
			err_at(L, pos, _("'%s' must be greater than 0"),
			    k->key);
			return;
		}
		break;
	case KT_CHOICE:
		if (!want_scalar(L, k, N_("one word")))
			return;
		for (size_t i = 0; k->choices[i] != NULL; i++)
			if (strcmp(k->choices[i], scalar(L)) == 0) {
				f->ival = (long)i;
				f->ok = true;
				return;
			}
		{
			struct buf b = BUF_INIT;
			for (size_t i = 0; k->choices[i] != NULL; i++)
				buf_printf(&b, "%s%s", i ? ", " : "",
				    k->choices[i]);
			err_at(L, pos, _("invalid value '%s' for '%s': "
			    "expected one of %s"), scalar(L), k->key,
			    buf_str(&b));
			buf_release(&b);
		}
		return;
	default:
		return;
	}
	f->ok = true;
}

/* A list of ids or texts (support, scale), or pace's pair of numbers. */
static void
parse_seq(struct loader *L, const struct key_def *k, struct field *f)
{
	struct srcpos pos = ev_pos(L);
	/* Translated only when an error shows it. */
	const char *what = k->type == KT_PACE ? N_("a list of two numbers") :
	    k->type == KT_REFLIST ? N_("a list of department ids") :
	    N_("a list of names");
	bool ok = true;
	size_t n = 0;

	f->list.first = L->nrefs;
	f->list.n = 0;
	if (L->ev_bad) {
		skip_node(L);
		return;
	}
	if (L->ev.type != YAML_SEQUENCE_START_EVENT) {
		err_at(L, pos, _("'%s' must be %s"), k->key, _(what));
		skip_node(L);
		return;
	}
	for (;;) {
		if (!next(L))
			return;
		if (L->ev.type == YAML_SEQUENCE_END_EVENT)
			break;
		struct srcpos ipos = ev_pos(L);
		if (L->ev_bad) {
			skip_node(L);
			ok = false;
			continue;
		}
		if (!is_scalar(L)) {
			err_at(L, ipos, _("'%s' must be %s"), k->key, _(what));
			skip_node(L);
			ok = false;
			continue;
		}
		if (!check_text(L, ipos)) {
			ok = false;
			continue;
		}
		if (k->type == KT_PACE) {
			double v;
			if (n >= 2 || parse_number(L, scalar(L), &v) != 0) {
				if (ok)
					err_at(L, n >= 2 ? pos : ipos,
					    _("'%s' must be %s"), k->key,
					    _(what));
				ok = false;
			} else
				f->pair[n] = v;
			n++;
			continue;
		}
		if (k->type == KT_REFLIST && !check_id(L, ipos)) {
			ok = false;
			continue;
		}
		if (k->type == KT_TEXTLIST && *scalar(L) == '\0') {
			err_at(L, ipos, _("an empty name in '%s'"), k->key);
			ok = false;
			continue;
		}
		for (size_t i = f->list.first; i < L->nrefs; i++)
			if (strcmp(L->refs[i].s, scalar(L)) == 0) {
				err_at(L, ipos, _("'%s' appears twice in '%s'"),
				    scalar(L), k->key);
				ok = false;
				break;
			}
		push_ref(L, f, copy_scalar(L), ipos);
	}
	if (k->type == KT_PACE && ok) {
		if (n != 2) {
			err_at(L, pos, _("'%s' must be %s"), k->key, _(what));
			return;
		}
		if (!(f->pair[0] > 0 && f->pair[0] <= f->pair[1] &&
		    f->pair[1] <= 100)) {
			err_at(L, pos, _("'%s' must be [warn, crit] with "
			    "0 < warn <= crit <= 100"), k->key);
			return;
		}
	}
	if (k->type == KT_TEXTLIST && ok && f->list.n == 0) {
		err_at(L, pos, _("'%s' must not be empty"), k->key);
		return;
	}
	f->ok = ok;
}

static void	read_list(struct loader *, const struct schema *);

/* Read the value of key k at the current event into f. */
static void
parse_node(struct loader *L, const struct key_def *k, struct field *f)
{
	f->pos = ev_pos(L);
	if (!L->ev_bad && is_null(L)) {
		/* "key:" with nothing is the same as no key, except for a
		 * required one. */
		if (k->flags & KF_REQUIRED)
			err_at(L, f->pos, _("'%s' needs a value"), k->key);
		f->seen = false;
		return;
	}
	switch (k->type) {
	case KT_LIST:
		if (L->ev_bad) {
			skip_node(L);
			return;
		}
		if (L->ev.type != YAML_SEQUENCE_START_EVENT) {
			err_at(L, f->pos, _("'%s' must be a list"), k->key);
			skip_node(L);
			return;
		}
		size_t first = L->p->nms;
		read_list(L, k->sub);
		if (k->sub == &schema_ms && L->cur_phase < 0) {
			L->plan_ms = first;
			L->nplan_ms = L->p->nms - first;
		}
		f->ok = true;
		break;
	case KT_REFLIST:
	case KT_TEXTLIST:
	case KT_PACE:
		parse_seq(L, k, f);
		break;
	default:
		parse_scalar(L, k, f);
		break;
	}
}

/*
 * Read the mapping that starts at the current event by schema s into fs
 * (s->nkeys fields, zeroed by the caller).  Reports unknown and duplicate
 * keys at the key, and missing required keys at the mapping.
 */
static void
read_mapping(struct loader *L, const struct schema *s, struct field *fs)
{
	struct srcpos mpos = ev_pos(L);

	for (;;) {
		if (!next(L))
			return;
		if (L->ev.type == YAML_MAPPING_END_EVENT)
			break;
		struct srcpos kpos = ev_pos(L);
		int idx = -1;
		if (L->ev_bad)
			skip_node(L);
		else if (!is_scalar(L)) {
			err_at(L, kpos, _("a key must be a plain name"));
			skip_node(L);
		} else {
			/* The key is the event's text, good until next().  Only
			 * a double-quoted scalar can hold a NUL (an escape; the
			 * byte itself is refused), and the key ends there. */
			const char *key = scalar(L);
			size_t klen = L->ev.data.scalar.style ==
			    YAML_DOUBLE_QUOTED_SCALAR_STYLE ? strlen(key) :
			    L->ev.data.scalar.length;
			idx = schema_index_find(&L->keys[s->id], key, klen);
			if (idx < 0 && strncmp(key, "x-", 2) != 0) {
				const char *near = schema_suggest(s, key);
				if (near != NULL)
					err_at(L, kpos, _("unknown key '%s' in "
					    "%s; did you mean '%s'?"), key,
					    _(s->what), near);
				else
					err_at(L, kpos, _("unknown key '%s' in "
					    "%s"), key, _(s->what));
			} else if (idx >= 0 && fs[idx].kpos.line != 0) {
				err_at(L, kpos, _("duplicate key '%s' (first at "
				    "line %d)"), key, fs[idx].kpos.line);
				idx = -1;
			}
		}
		if (!next(L))
			return;
		if (idx < 0) {
			skip_node(L);
			continue;
		}
		fs[idx].kpos = kpos;
		fs[idx].seen = true;
		parse_node(L, &s->keys[idx], &fs[idx]);
		if (L->fatal)
			return;
	}
	for (size_t i = 0; i < s->nkeys; i++)
		if ((s->keys[i].flags & KF_REQUIRED) && fs[i].kpos.line == 0)
			err_at(L, mpos, _("%s needs '%s'"), _(s->what),
			    s->keys[i].key);
}

/* A field by its key's constant in schema.h; is it there and good? */
#define F(key)		(&fs[key])
#define HAS(key)	(fs[key].seen && fs[key].ok)

static struct pdate
no_date(void)
{
	struct pdate d = { DAY_NONE, PREC_DAY };

	return d;
}

static struct pdate
opt_date(struct field *f)
{
	return f->seen && f->ok ? f->date : no_date();
}

static void
item_dept(struct loader *L, struct field *fs, struct srcpos pos)
{
	struct plan *p = L->p;

	if (!HAS(DK_ID) || !HAS(DK_NAME))
		return;
	grow2((void **)&p->depts, (void **)&L->dx, &L->dcap, p->ndepts,
	    sizeof *p->depts, sizeof *L->dx);
	struct department *d = &p->depts[p->ndepts];
	d->id = take(F(DK_ID));
	d->name = take(F(DK_NAME));
	d->short_name = take(F(DK_SHORT));
	d->no_notices = HAS(DK_NOTICES) && F(DK_NOTICES)->ival == 0;
	d->pos = pos;
	L->dx[p->ndepts].id_pos = F(DK_ID)->pos;
	p->ndepts++;
}

/* A phase's place is taken before its mapping is read, for the
 * milestones in it (see read_list). */
static void
new_phase(struct loader *L)
{
	struct plan *p = L->p;

	grow2((void **)&p->phases, (void **)&L->hx, &L->hcap, p->nphases,
	    sizeof *p->phases, sizeof *L->hx);
	memset(&p->phases[p->nphases], 0, sizeof *p->phases);
	memset(&L->hx[p->nphases], 0, sizeof *L->hx);
	p->phases[p->nphases].owner = -1;
	L->cur_phase = (int)p->nphases++;
}

static void
item_phase(struct loader *L, struct field *fs, struct srcpos pos)
{
	struct phase *ph = &L->p->phases[L->cur_phase];
	struct phase_tmp *t = &L->hx[L->cur_phase];

	ph->pos = pos;
	if ((ph->id = take(F(HK_ID))) == NULL)
		L->noid++;
	ph->name = take(F(HK_NAME));
	ph->note = take(F(HK_NOTE));
	ph->start = opt_date(F(HK_START));
	t->start_given = HAS(HK_START);
	ph->end = opt_date(F(HK_END));
	t->owner = take(F(HK_OWNER));
	t->id_pos = F(HK_ID)->pos;
	t->start_pos = F(HK_START)->pos;
	t->end_pos = F(HK_END)->pos;
	t->owner_pos = F(HK_OWNER)->pos;
}

static void
item_ms(struct loader *L, struct field *fs, struct srcpos pos)
{
	struct plan *p = L->p;

	grow2((void **)&p->ms, (void **)&L->mx, &L->mcap, p->nms,
	    sizeof *p->ms, sizeof *L->mx);
	struct milestone *m = &p->ms[p->nms];
	struct ms_tmp *t = &L->mx[p->nms++];

	memset(m, 0, sizeof *m);
	m->pos = pos;
	if ((m->id = take(F(MK_ID))) == NULL)
		L->noid++;
	m->name = take(F(MK_NAME));
	m->note = take(F(MK_NOTE));
	m->phase = L->cur_phase;
	m->start = opt_date(F(MK_START));
	m->due = opt_date(F(MK_DUE));
	m->owner = -1;
	m->weight = HAS(MK_WEIGHT) ? F(MK_WEIGHT)->num : 1.0;
	m->every = HAS(MK_EVERY) ? (enum period)(PERIOD_WEEK +
	    F(MK_EVERY)->ival) : PERIOD_NONE;
	t->owner = take(F(MK_OWNER));
	t->support = HAS(MK_SUPPORT) ? F(MK_SUPPORT)->list :
	    (struct span){ 0, 0 };
	t->id_pos = F(MK_ID)->pos;
	t->start_pos = F(MK_START)->pos;
	t->due_pos = F(MK_DUE)->pos;
	t->every_pos = F(MK_EVERY)->pos;
	t->owner_pos = F(MK_OWNER)->pos;
}

/* A stage waits in L->st for the end of its target's mapping. */
static void
item_stage(struct loader *L, struct field *fs, struct srcpos pos)
{
	(void)pos;
	grow((void **)&L->st, &L->stcap, L->nst, sizeof *L->st);
	struct stage_tmp *st = &L->st[L->nst++];
	st->ok = HAS(SK_DUE) && HAS(SK_TARGET);
	st->due = opt_date(F(SK_DUE));
	st->target = take(F(SK_TARGET));
	st->due_pos = F(SK_DUE)->pos;
	st->target_pos = F(SK_TARGET)->pos;
}

/*
 * A target's value as written: a number, or with a scale one of its levels,
 * stored as the level's index.
 */
static bool
level_value(struct loader *L, const struct target *t, const char *key,
    const char *s, struct srcpos pos, double *out)
{
	if (t->nscale > 0) {
		for (size_t i = 0; i < t->nscale; i++)
			if (strcmp(t->scale[i], s) == 0) {
				*out = (double)i;
				return true;
			}
		err_at(L, pos, _("'%s' for '%s' is not a level of the scale"),
		    s, key);
		return false;
	}
	int rc = parse_number(L, s, out);
	if (rc == -2)
		err_at(L, pos, _("'%s' is not a finite number"), key);
	else if (rc != 0)
		err_at(L, pos, _("'%s' must be a number, not '%s' (levels need "
		    "a 'scale')"), key, s);
	return rc == 0;
}

static void
item_target(struct loader *L, struct field *fs, struct srcpos pos)
{
	struct plan *p = L->p;

	grow2((void **)&p->targets, (void **)&L->tx, &L->tcap, p->ntargets,
	    sizeof *p->targets, sizeof *L->tx);
	struct target *t = &p->targets[p->ntargets];
	struct target_tmp *tt = &L->tx[p->ntargets++];

	memset(t, 0, sizeof *t);
	t->owner = t->phase = -1;
	t->pos = pos;
	if ((t->id = take(F(TK_ID))) == NULL)
		L->noid++;
	t->name = take(F(TK_NAME));
	t->unit = take(F(TK_UNIT));
	t->note = take(F(TK_NOTE));
	t->dir = HAS(TK_DIRECTION) ? (enum direction)F(TK_DIRECTION)->ival :
	    DIR_GE;
	t->due = opt_date(F(TK_DUE));
	t->baseline_date = opt_date(F(TK_BASELINE_DATE));
	/* None given: the plan's, once it is read (finish_targets). */
	t->cadence = HAS(TK_CADENCE) ? (enum period)(PERIOD_WEEK +
	    F(TK_CADENCE)->ival) : PERIOD_NONE;
	if (HAS(TK_SCALE)) {
		struct span v = F(TK_SCALE)->list;
		t->scale = plan_alloc(p, v.n, sizeof *t->scale);
		for (size_t i = 0; i < v.n; i++)
			t->scale[i] = L->refs[v.first + i].s;
		t->nscale = v.n;
	}
	if (HAS(TK_TARGET))
		level_value(L, t, "target", F(TK_TARGET)->s, F(TK_TARGET)->pos,
		    &t->target);
	if (HAS(TK_BASELINE))
		t->has_baseline = level_value(L, t, "baseline",
		    F(TK_BASELINE)->s, F(TK_BASELINE)->pos, &t->baseline);
	tt->owner = take(F(TK_OWNER));
	tt->phase = take(F(TK_PHASE));
	tt->support = HAS(TK_SUPPORT) ? F(TK_SUPPORT)->list :
	    (struct span){ 0, 0 };
	tt->id_pos = F(TK_ID)->pos;
	tt->due_pos = F(TK_DUE)->pos;
	tt->owner_pos = F(TK_OWNER)->pos;
	tt->phase_pos = F(TK_PHASE)->pos;

	/* Stages: levels resolved now that the scale is known. */
	if (L->nst > 0)
		t->stages = plan_alloc(p, L->nst, sizeof *t->stages);
	for (size_t i = 0; i < L->nst; i++) {
		struct stage_tmp *st = &L->st[i];
		if (!st->ok)
			continue;
		struct stage *sg = &t->stages[t->nstages];
		if (!level_value(L, t, "target", st->target, st->target_pos,
		    &sg->target))
			continue;
		if (t->nstages > 0 && st->due.day <=
		    t->stages[t->nstages - 1].due.day)
			err_at(L, st->due_pos, _("stage dues must be "
			    "ascending"));
		else if (t->due.day != DAY_NONE && st->due.day >= t->due.day)
			err_at(L, st->due_pos, _("a stage must be due before "
			    "the target's due date"));
		sg->due = st->due;
		t->nstages++;
	}
}

/* Read a list of mappings by schema s, building an item from each. */
static void
read_list(struct loader *L, const struct schema *s)
{
	for (;;) {
		if (!next(L))
			return;
		if (L->ev.type == YAML_SEQUENCE_END_EVENT)
			return;
		struct srcpos pos = ev_pos(L);
		if (L->ev_bad) {
			skip_node(L);
			continue;
		}
		if (L->ev.type != YAML_MAPPING_START_EVENT) {
			err_at(L, pos, _("each item must be a mapping of keys "
			    "(%s)"), _(s->what));
			skip_node(L);
			continue;
		}
		struct field fs[SCHEMA_MAX_KEYS];
		memset(fs, 0, s->nkeys * sizeof *fs);
		if (s->id == SC_PHASE)
			new_phase(L);
		else if (s->id == SC_TARGET)
			L->nst = 0;
		read_mapping(L, s, fs);
		if (!L->fatal) {
			switch (s->id) {
			case SC_DEPT:
				item_dept(L, fs, pos);
				break;
			case SC_PHASE:
				item_phase(L, fs, pos);
				break;
			case SC_MS:
				item_ms(L, fs, pos);
				break;
			case SC_TARGET:
				item_target(L, fs, pos);
				break;
			case SC_STAGE:
				item_stage(L, fs, pos);
				break;
			default:
				break;
			}
		}
		if (s->id == SC_PHASE)
			L->cur_phase = -1;
		if (L->fatal)
			return;
	}
}

static void
read_plan(struct loader *L)
{
	const struct schema *s = &schema_plan;
	struct field fs[SCHEMA_MAX_KEYS];
	struct plan *p = L->p;

	memset(fs, 0, sizeof fs);
	read_mapping(L, s, fs);
	if (L->fatal)
		return;
	p->title = take(F(PK_PLAN));
	if (HAS(PK_ID))
		p->id = take(F(PK_ID));
	p->document = take(F(PK_DOCUMENT));
	p->issuer = take(F(PK_ISSUER));
	p->contact = take(F(PK_CONTACT));
	p->phone = take(F(PK_CONTACT_PHONE));
	p->issued = opt_date(F(PK_ISSUED));
	p->start = opt_date(F(PK_START));
	p->end = opt_date(F(PK_END));
	L->plan_start_pos = F(PK_START)->pos;
	L->plan_end_pos = F(PK_END)->pos;
	if (HAS(PK_WARN_DAYS))
		p->warn_days = (int)F(PK_WARN_DAYS)->ival;
	if (HAS(PK_CADENCE))
		p->cadence = (enum period)(PERIOD_WEEK + F(PK_CADENCE)->ival);
	if (HAS(PK_PACE)) {
		p->pace_warn = F(PK_PACE)->pair[0];
		p->pace_crit = F(PK_PACE)->pair[1];
	}
}

/* Read the stream: one document whose top level is a mapping. */
static void
read_stream(struct loader *L)
{
	if (!next(L) || !next(L))	/* stream start, document start */
		return;
	if (L->ev.type == YAML_STREAM_END_EVENT) {
		err_at(L, (struct srcpos){ 1, 1 }, _("empty plan: the file "
		    "has no keys"));
		return;
	}
	if (!next(L))
		return;
	struct srcpos pos = ev_pos(L);
	if (is_null(L) && !L->ev_bad) {
		err_at(L, (struct srcpos){ 1, 1 }, _("empty plan: the file "
		    "has no keys"));
	} else if (L->ev.type != YAML_MAPPING_START_EVENT) {
		if (!L->ev_bad)
			err_at(L, pos, _("the top level must be a mapping of "
			    "keys (plan:, phases:, ...)"));
		skip_node(L);
	} else
		read_plan(L);
	if (!next(L) || !next(L))	/* document end, then? */
		return;
	if (L->ev.type == YAML_DOCUMENT_START_EVENT)
		fatal_at(L, ev_pos(L), _("a second document: a plan file "
		    "holds one document"));
}

/* Report the id at the later of two positions, the first's line named. */
static bool
pos_before(struct srcpos a, struct srcpos b)
{
	return a.line < b.line || (a.line == b.line && a.col < b.col);
}

/*
 * Hash the n ids of v (open addressing, slots hold index + 1): each id's
 * slot keeps its first entry in v.  Returns the slots, with *capp set;
 * dup[i] is set for every entry whose id appears more than once.
 */
static size_t *
hash_ids(const struct idpos *v, size_t n, size_t *capp, bool *dup)
{
	size_t cap = 16;

	while (cap < 2 * n)
		cap *= 2;
	size_t *slot = xcalloc(cap, sizeof *slot);
	for (size_t i = 0; i < n; i++) {
		size_t h = hash_str(v[i].id) & (cap - 1);
		while (slot[h] != 0 && strcmp(v[slot[h] - 1].id, v[i].id) != 0)
			h = (h + 1) & (cap - 1);
		if (slot[h] == 0)
			slot[h] = i + 1;
		else
			dup[i] = dup[slot[h] - 1] = true;
	}
	*capp = cap;
	return slot;
}

/* The entry of v with this id, first in v, or -1. */
static ssize_t
find_id(const struct idpos *v, const size_t *slot, size_t cap,
    const char *id)
{
	size_t h = hash_str(id) & (cap - 1);

	while (slot[h] != 0) {
		if (strcmp(v[slot[h] - 1].id, id) == 0)
			return (ssize_t)slot[h] - 1;
		h = (h + 1) & (cap - 1);
	}
	return -1;
}

static int
cmp_idpos(const void *a, const void *b)
{
	const struct idpos *x = a, *y = b;
	int c = strcmp(x->id, y->id);

	if (c != 0)
		return c;
	if (pos_before(x->pos, y->pos))
		return -1;
	return pos_before(y->pos, x->pos);
}

/*
 * Report the ids of v given twice or more.  The ids taken twice are found
 * with a hash; only they are sorted, by id and position, so each is
 * reported at its later places with the line of its first.  Returns the
 * hash (see hash_ids), which the caller frees.
 */
static size_t *
check_unique(struct loader *L, const struct idpos *all, size_t nall,
    size_t *capp)
{
	bool *dup = xcalloc(nall ? nall : 1, sizeof *dup);
	size_t *slot = hash_ids(all, nall, capp, dup);
	size_t n = 0;

	for (size_t i = 0; i < nall; i++)
		n += dup[i];
	struct idpos *v = xcalloc(n ? n : 1, sizeof *v);
	n = 0;
	for (size_t i = 0; i < nall; i++)
		if (dup[i])
			v[n++] = all[i];
	free(dup);
	qsort(v, n, sizeof *v, cmp_idpos);
	for (size_t i = 1; i < n; i++) {
		size_t first = i - 1;
		while (first > 0 && strcmp(v[first - 1].id, v[i].id) == 0)
			first--;
		if (strcmp(v[i - 1].id, v[i].id) == 0)
			err_at(L, v[i].pos, _("duplicate id '%s' (first at "
			    "line %d)"), v[i].id, v[first].pos.line);
	}
	free(v);
	return slot;
}

/*
 * Departments have ids of their own, hashed for references to them (the
 * first of an id given twice).  Phases, milestones and targets share one
 * name space: when every item has an id and none is taken twice, which
 * plan_index() says, the plan's index serves for phase references; else
 * the duplicates are reported and the items' own hash is kept.
 */
static void
check_ids(struct loader *L)
{
	struct plan *p = L->p;
	struct idpos *v;
	size_t k = 0;

	v = xcalloc(p->ndepts ? p->ndepts : 1, sizeof *v);
	for (size_t i = 0; i < p->ndepts; i++) {
		v[k].id = p->depts[i].id;
		v[k].index = (int)i;
		v[k++].pos = L->dx[i].id_pos;
	}
	L->dept_ids = v;
	L->dept_slot = check_unique(L, v, k, &L->dept_cap);
	if (L->noid == 0 && plan_index(p) == 0) {
		L->indexed = true;
		return;
	}

	v = xcalloc(p->nphases + p->nms + p->ntargets + 1, sizeof *v);
	k = 0;
	for (size_t i = 0; i < p->nphases; i++)
		if (p->phases[i].id != NULL) {
			v[k].id = p->phases[i].id;
			v[k].index = (int)i;
			v[k++].pos = L->hx[i].id_pos;
		}
	L->nph_ids = k;
	for (size_t i = 0; i < p->nms; i++)
		if (p->ms[i].id != NULL) {
			v[k].id = p->ms[i].id;
			v[k].index = (int)i;
			v[k++].pos = L->mx[i].id_pos;
		}
	for (size_t i = 0; i < p->ntargets; i++)
		if (p->targets[i].id != NULL) {
			v[k].id = p->targets[i].id;
			v[k].index = (int)i;
			v[k++].pos = L->tx[i].id_pos;
		}
	L->ids = v;
	L->id_slot = check_unique(L, v, k, &L->id_cap);
}

/* The closest department id, for "did you mean". */
static const char *
near_dept(const struct plan *p, const char *id)
{
	size_t best = 3;
	const char *found = NULL;

	for (size_t i = 0; i < p->ndepts; i++) {
		size_t d = schema_distance(id, p->depts[i].id, 2);
		if (d < best) {
			best = d;
			found = p->depts[i].id;
		}
	}
	return found;
}

static int
resolve_dept(struct loader *L, const char *id, struct srcpos pos)
{
	ssize_t i;

	if (id == NULL)
		return -1;
	if ((i = find_id(L->dept_ids, L->dept_slot, L->dept_cap, id)) >= 0)
		return L->dept_ids[i].index;
	const char *near = near_dept(L->p, id);
	if (near != NULL)
		err_at(L, pos, _("unknown department '%s'; did you mean "
		    "'%s'?"), id, near);
	else
		err_at(L, pos, _("unknown department '%s'"), id);
	return -1;
}

/* The departments of a list, or NULL for none. */
static int *
resolve_support(struct loader *L, struct span v)
{
	int *out = NULL;

	if (v.n > 0)
		out = plan_alloc(L->p, v.n, sizeof *out);
	for (size_t i = 0; i < v.n; i++)
		out[i] = resolve_dept(L, L->refs[v.first + i].s,
		    L->refs[v.first + i].pos);
	return out;
}

static void
date_text(struct pdate d, char out[static 11])
{
	pdate_format(&d, out);
}

static void
finish_phases(struct loader *L)
{
	struct plan *p = L->p;

	for (size_t i = 0; i < p->nphases; i++) {
		struct phase *ph = &p->phases[i];
		struct phase_tmp *t = &L->hx[i];
		char a[11], b[11];
		ph->owner = resolve_dept(L, t->owner, t->owner_pos);
		if (!t->start_given) {
			if (i == 0)
				ph->start = p->start;
			else if (ph[-1].end.day != DAY_NONE) {
				ph->start.day = ph[-1].end.day + 1;
				ph->start.prec = PREC_DAY;
			}
		}
		if (ph->start.day == DAY_NONE || ph->end.day == DAY_NONE ||
		    ph->start.day <= ph->end.day)
			continue;
		date_text(ph->start, a);
		date_text(ph->end, b);
		if (t->start_given)
			err_at(L, pos_before(t->start_pos, t->end_pos) ?
			    t->end_pos : t->start_pos, _("phase '%s' starts "
			    "(%s) after it ends (%s)"), ph->id, a, b);
		else
			err_at(L, t->end_pos, _("phase '%s' ends (%s) before "
			    "it starts (%s, %s)"), ph->id, b, a, i == 0 ?
			    _("the plan's start") :
			    _("the day after the previous phase's end"));
	}
}

/*
 * The j-th milestone read is at this index in p->ms: place_ms() moved the
 * plan-level ones behind the rest.
 */
static size_t
ms_as_read(const struct loader *L, size_t j)
{
	size_t a = L->plan_ms, n = L->nplan_ms;

	if (j < a)
		return j;
	if (j < a + n)
		return j + (L->p->nms - a - n);
	return j - n;
}

static void
finish_ms(struct loader *L)
{
	struct plan *p = L->p;
	size_t ninstances = 0;

	/* In the order read, as the messages were always given. */
	for (size_t j = 0; j < p->nms; j++) {
		size_t i = ms_as_read(L, j);
		struct ms_tmp *t = &L->mx[i];
		struct milestone *m = &p->ms[i];
		char a[11], b[11];
		m->owner = resolve_dept(L, t->owner, t->owner_pos);
		m->support = resolve_support(L, t->support);
		m->nsupport = t->support.n;
		if (m->id == NULL || m->due.day == DAY_NONE)
			continue;
		if (m->start.day != DAY_NONE && m->start.day > m->due.day) {
			date_text(m->start, a);
			date_text(m->due, b);
			err_at(L, pos_before(t->start_pos, t->due_pos) ?
			    t->due_pos : t->start_pos, _("milestone '%s' "
			    "starts (%s) after it is due (%s)"), m->id, a, b);
		}
		const struct phase *ph = m->phase >= 0 ?
		    &p->phases[m->phase] : NULL;
		if (m->every != PERIOD_NONE && m->start.day == DAY_NONE &&
		    (ph == NULL || ph->start.day == DAY_NONE) &&
		    p->start.day == DAY_NONE)
			err_at(L, t->every_pos, _("recurring milestone '%s' "
			    "has no start: give it 'start', or give its phase "
			    "or the plan one"), m->id);
		/* Every front end expands every instance: the plan's total
		 * is bounded, and the milestone that passes it is named. */
		if (ninstances <= PLAN_INSTANCES_MAX &&
		    (ninstances += plan_ms_ninstances(p, (int)i)) >
		    PLAN_INSTANCES_MAX)
			err_at(L, m->every != PERIOD_NONE ? t->every_pos :
			    m->pos, _("milestone '%s' takes the plan over its "
			    "limit of %d instances (a recurring milestone has "
			    "one per period)"), m->id, PLAN_INSTANCES_MAX);
		if (ph != NULL && ph->end.day != DAY_NONE &&
		    m->due.day > ph->end.day) {
			date_text(m->due, a);
			date_text(ph->end, b);
			warn_at(L, t->due_pos, _("milestone '%s' is due (%s) "
			    "after its phase '%s' ends (%s)"), m->id, a,
			    ph->id, b);
		}
	}
}

/* The first phase with this id, or -1 (an item of another kind with the
 * id comes after the phases in the index). */
static int
find_phase(const struct loader *L, const char *id)
{
	if (L->indexed) {
		struct item_ref r = plan_find(L->p, id);
		return r.kind == ITEM_PHASE ? r.index : -1;
	}
	ssize_t i = find_id(L->ids, L->id_slot, L->id_cap, id);

	return i >= 0 && (size_t)i < L->nph_ids ? L->ids[i].index : -1;
}

static void
finish_targets(struct loader *L)
{
	struct plan *p = L->p;

	for (size_t i = 0; i < p->ntargets; i++) {
		struct target_tmp *tt = &L->tx[i];
		struct target *t = &p->targets[i];
		char a[11], b[11];
		t->owner = resolve_dept(L, tt->owner, tt->owner_pos);
		t->support = resolve_support(L, tt->support);
		t->nsupport = tt->support.n;
		if (t->cadence == PERIOD_NONE)
			t->cadence = p->cadence != PERIOD_NONE ? p->cadence :
			    PERIOD_QUARTER;
		if (tt->phase != NULL &&
		    (t->phase = find_phase(L, tt->phase)) < 0)
			err_at(L, tt->phase_pos, _("unknown phase '%s'"),
			    tt->phase);
		if (t->id == NULL)
			continue;
		if (tt->owner == NULL)
			warn_at(L, t->pos, _("target '%s' has no owner"),
			    t->id);
		if (t->due.day != DAY_NONE && p->end.day != DAY_NONE &&
		    t->due.day > p->end.day) {
			date_text(t->due, a);
			date_text(p->end, b);
			warn_at(L, tt->due_pos, _("target '%s' is due (%s) "
			    "after the plan ends (%s)"), t->id, a, b);
		}
	}
}

/* Move the n items of size bytes at v[a] behind the rest after them. */
static void
move_last(void *v, size_t a, size_t n, size_t rest, size_t size)
{
	char *c = (char *)v + a * size;
	char *tmp = xreallocarray(NULL, n, size);

	memcpy(tmp, c, n * size);
	memmove(c, c + n * size, rest * size);
	memcpy(c + rest * size, tmp, n * size);
	free(tmp);
}

/*
 * The plan keeps its milestones by phase, the plan-level ones last.  They
 * are read in phase order, the plan-level ones (the plan's "milestones")
 * in one run before or after the phases' (its "phases"): move that run
 * behind if it is not, and note each phase's share.
 */
static void
place_ms(struct loader *L)
{
	struct plan *p = L->p;
	size_t a = L->plan_ms, n = L->nplan_ms, rest = p->nms - a - n;

	if (n > 0 && rest > 0) {
		move_last(p->ms, a, n, rest, sizeof *p->ms);
		move_last(L->mx, a, n, rest, sizeof *L->mx);
	}
	size_t j = 0;
	for (size_t i = 0; i < p->nphases; i++) {
		p->phases[i].ms_first = j;
		while (j < p->nms && p->ms[j].phase == (int)i)
			j++;
		p->phases[i].ms_count = j - p->phases[i].ms_first;
	}
	/* The arrays are there even when empty, as they always were. */
	if (p->phases == NULL)
		p->phases = xcalloc(1, sizeof *p->phases);
	if (p->ms == NULL)
		p->ms = xcalloc(1, sizeof *p->ms);
	if (p->targets == NULL)
		p->targets = xcalloc(1, sizeof *p->targets);
}

static void
finish(struct loader *L, const char *name)
{
	struct plan *p = L->p;

	if (p->start.day != DAY_NONE && p->end.day != DAY_NONE &&
	    p->start.day > p->end.day)
		err_at(L, pos_before(L->plan_start_pos, L->plan_end_pos) ?
		    L->plan_end_pos : L->plan_start_pos,
		    _("the plan starts after it ends"));
	check_ids(L);
	finish_phases(L);
	finish_ms(L);
	finish_targets(L);
	if (p->id == NULL) {
		const char *base = strrchr(name, '/');
		base = base ? base + 1 : name;
		if (strcmp(name, "-") == 0)
			base = "stdin";
		const char *dot = strrchr(base, '.');
		size_t n = dot && dot != base ? (size_t)(dot - base) :
		    strlen(base);
		p->id = plan_strndup(p, base, n);
	}
}

/* Free what the loader has beside the plan. */
static void
loader_release(struct loader *L)
{
	free(L->dx);
	free(L->hx);
	free(L->mx);
	free(L->tx);
	free(L->refs);
	free(L->st);
	free(L->dept_ids);
	free(L->dept_slot);
	free(L->ids);
	free(L->id_slot);
	if (L->have_ev)
		yaml_event_delete(&L->ev);
	yaml_parser_delete(&L->parser);
	if (L->cloc != (locale_t)0)
		freelocale(L->cloc);
}

struct plan *
config_load_buffer(const char *name, const char *data, size_t len,
    struct diags *d)
{
	struct loader L;

	memset(&L, 0, sizeof L);
	L.d = d;
	L.buf = data;
	L.len = len;
	L.cur_phase = -1;
	L.p = plan_new();
	L.p->file = plan_strndup(L.p, name, strlen(name));
	if (len > CONFIG_MAX_FILE) {
		err_at(&L, (struct srcpos){ 0, 0 }, _("file larger than the "
		    "limit of %u MiB"), (unsigned)(CONFIG_MAX_FILE >> 20));
		plan_free(L.p);
		return NULL;
	}
	if (!yaml_parser_initialize(&L.parser))
		fatal("%s", _("cannot initialise the YAML parser"));
	L.cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
	schema_index_init(&L.keys[SC_PLAN], &schema_plan);
	schema_index_init(&L.keys[SC_DEPT], &schema_dept);
	schema_index_init(&L.keys[SC_PHASE], &schema_phase);
	schema_index_init(&L.keys[SC_MS], &schema_ms);
	schema_index_init(&L.keys[SC_TARGET], &schema_target);
	schema_index_init(&L.keys[SC_STAGE], &schema_stage);
	/*
	 * libyaml's reader refuses the bytes prescan() does, as it reaches
	 * them; prescan() says so more clearly, and a bad byte is then the
	 * one problem reported, wherever it is.  So the scan runs only when
	 * it can find something: first when the file starts with what libyaml
	 * would take for a UTF-16 byte-order mark (bytes never found in
	 * UTF-8), else when libyaml stopped before the end of the stream (a
	 * bad byte, a syntax error, too many errors), and then what the parse
	 * found gives way to the scan's message.
	 */
	struct diags found;
	const unsigned char *u = (const unsigned char *)data;
	bool scanned = len > 0 && (u[0] == 0xfe || u[0] == 0xff);
	diags_init(&found, name);
	L.d = &found;
	if (!scanned || prescan(&L)) {
		/* No encoding set: libyaml then skips a byte-order mark. */
		yaml_parser_set_input_string(&L.parser, u, len);
		read_stream(&L);
	}
	if (!L.at_end && !scanned) {
		struct diags bad;
		bool stopped = L.fatal;
		size_t nerrors = L.nerrors;
		diags_init(&bad, name);
		L.d = &bad;
		L.fatal = false;
		L.nerrors = 0;
		if (prescan(&L)) {
			diags_release(&bad);
			L.fatal = stopped;
			L.nerrors = nerrors;
		} else {
			diags_release(&found);
			found = bad;
		}
		L.d = &found;
	}
	place_ms(&L);
	if (!L.fatal)
		finish(&L, name);
	bool indexed = L.indexed;
	loader_release(&L);
	for (size_t i = 0; i < found.n; i++)
		diags_add(d, found.v[i].level, found.v[i].line, found.v[i].col,
		    "%s", found.v[i].msg);
	size_t failed = found.errors;
	diags_release(&found);
	if (failed > 0) {
		plan_free(L.p);
		return NULL;
	}
	if (!indexed)
		plan_index(L.p);
	return L.p;
}

/* Read all of fd, up to the file limit; hint is its size if known (a
 * regular file is then read into one buffer of the right size). */
static int
read_all(int fd, size_t hint, char **out, size_t *outlen, bool *toobig)
{
	size_t cap = hint > 0 ? hint + 1 : 65536, len = 0;
	char *buf = xmalloc(cap);

	*toobig = false;
	for (;;) {
		if (len == cap) {
			if (cap > CONFIG_MAX_FILE) {
				*toobig = true;
				free(buf);
				return 0;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			int e = errno;
			free(buf);
			errno = e;
			return -1;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > CONFIG_MAX_FILE) {
			*toobig = true;
			free(buf);
			return 0;
		}
	}
	*out = buf;
	*outlen = len;
	return 0;
}

const char *
config_version(void)
{
	return yaml_get_version_string();
}

int
config_read(const char *path, char **out, size_t *outlen, struct diags *d)
{
	int fd = 0;
	char *data = NULL;
	size_t len = 0;
	bool toobig;
	struct stat st;

	if (strcmp(path, "-") != 0 &&
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		diags_add(d, DIAG_ERROR, 0, 0, _("cannot read: %s"),
		    strerror(errno));
		return -1;
	}
	bool regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
	if (regular && (unsigned long long)st.st_size > CONFIG_MAX_FILE)
		toobig = true;
	else if (read_all(fd, regular ? (size_t)st.st_size : 0, &data, &len,
	    &toobig) != 0) {
		diags_add(d, DIAG_ERROR, 0, 0, _("cannot read: %s"),
		    strerror(errno));
		if (fd != 0)
			close(fd);
		return -1;
	}
	if (fd != 0)
		close(fd);
	if (toobig) {
		diags_add(d, DIAG_ERROR, 0, 0, _("file larger than the limit "
		    "of %u MiB"), (unsigned)(CONFIG_MAX_FILE >> 20));
		return -1;
	}
	*out = data;
	*outlen = len;
	return 0;
}

struct plan *
config_load(const char *path, struct diags *d)
{
	char *data;
	size_t len;

	if (config_read(path, &data, &len, d) != 0)
		return NULL;
	struct plan *p = config_load_buffer(path, data, len, d);
	free(data);
	return p;
}
