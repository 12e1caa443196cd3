/*
 * factcache.c: the facts cache (factcache.h).
 *
 * At province scale a review as of a date reads some 65,000 rows: every
 * milestone instance's latest progress and completion, and a year of
 * values for the targets still to be projected.  SQLite spends about
 * 1,600 instructions a row on that, more than the rest of a check with the
 * plan cached; cron asks the same question every few minutes of a database
 * that changes when someone records.  Every planwatch write sets the
 * database's generation to a new random number in the same transaction
 * (store.c), so the generation names one state of the records; the
 * highest record number beside it notices rows added by other programs
 * (planwatch-database(5) says to write only through planwatch).
 *
 * Layout: the key's length and the key, then the image's length, a hash of
 * it (a torn or damaged file is passed over) and the image.  The image:
 * the number of lists, then for each its item, since, skipped and facts,
 * in the order the store made them; each fact its kind, date, value, seq
 * and level.  Numbers are in this machine's byte order, which the key
 * names.
 */
#include <math.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db/factcache.h"
#include "util/cachefile.h"
#include "util/xalloc.h"

#define FACTS_MAGIC	"PWFACT\r\n"
#define FACTS_FORMAT	1u
/* Largest image kept, and so cache file read: at province scale an image
 * is about 3 MB. */
#define FACTS_MAX	((size_t)64 << 20)
/* The fewest bytes a list and a fact take in an image: bounds for the
 * counts read, before anything is allocated for them. */
#define LIST_MIN	(4 + 1 + 4 + 8 + 8)
#define FACT_MIN	(1 + 4 + 8 + 8 + 4)

static const uint32_t facts_build[] = { FACTS_FORMAT, 0x01020304u };

char *
factcache_file(const char *path, size_t recent)
{
	char *dir, *file, suffix[40];

	if (cachefile_build_id() == NULL || (dir = cachefile_dir()) == NULL)
		return NULL;
	snprintf(suffix, sizeof suffix, ".r%zu.facts", recent);
	file = cachefile_name(dir, path, suffix);
	free(dir);
	return file;
}

static void
put_u32(struct buf *b, uint32_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_u64(struct buf *b, uint64_t v)
{
	buf_add(b, (const char *)&v, sizeof v);
}

static void
put_str(struct buf *b, const char *s)
{
	size_t n = strlen(s);

	put_u32(b, (uint32_t)n);
	buf_add(b, s, n);
}

void
factcache_key(struct buf *key, const char *path, long long generation,
    long long maxseq, const struct facts_query *q)
{
	const struct build_id *id = cachefile_build_id();
	char *real = realpath(path, NULL);

	buf_add(key, FACTS_MAGIC, 8);
	buf_add(key, (const char *)facts_build, sizeof facts_build);
	put_u32(key, id != NULL ? (uint32_t)id->len : 0);
	if (id != NULL)
		buf_add(key, (const char *)id->id, id->len);
	/* SQLite is a shared library: it can change under the same
	 * program. */
	put_str(key, sqlite3_sourceid());
	put_str(key, real != NULL ? real : path);
	free(real);
	put_u64(key, (uint64_t)generation);
	put_u64(key, (uint64_t)maxseq);
	put_u32(key, (uint32_t)q->asof);
	put_u32(key, (uint32_t)q->since);
	put_u64(key, q->recent);
	put_u64(key, q->nwants);
	for (size_t i = 0; i < q->nwants; i++) {
		const struct value_want *w = &q->wants[i];
		put_str(key, w->item);
		put_u64(key, w->nat);
		for (size_t k = 0; k < w->nat; k++)
			put_u32(key, (uint32_t)w->at[k]);
		put_u64(key, w->levels != NULL ? w->nlevels + 1 : 0);
		for (size_t k = 0; w->levels != NULL && k < w->nlevels; k++)
			put_str(key, w->levels[k]);
		put_u32(key, (uint32_t)w->year);
		/* Read only for YEAR_UNLESS_MET: another target, of a target
		 * past its due date, is the same question. */
		if (w->year == YEAR_UNLESS_MET) {
			put_u32(key, (uint32_t)w->year_dir);
			buf_add(key, (const char *)&w->year_target,
			    sizeof w->year_target);
		}
	}
}

void
facts_image_write(const struct facts *f, struct buf *out)
{
	size_t n;
	const struct fact_list *const *l = facts_items(f, &n);

	put_u64(out, n);
	for (size_t i = 0; i < n; i++) {
		put_str(out, l[i]->item);
		put_u32(out, (uint32_t)l[i]->since);
		put_u64(out, l[i]->skipped);
		put_u64(out, l[i]->n);
		for (size_t k = 0; k < l[i]->n; k++) {
			const struct fact *x = &l[i]->v[k];
			char kind = (char)x->kind;
			buf_add(out, &kind, 1);
			put_u32(out, (uint32_t)x->date);
			buf_add(out, (const char *)&x->value, sizeof x->value);
			put_u64(out, (uint64_t)x->seq);
			/* 0: no level; else its length + 1. */
			if (x->level == NULL)
				put_u32(out, 0);
			else {
				size_t len = strlen(x->level);
				put_u32(out, (uint32_t)len + 1);
				buf_add(out, x->level, len);
			}
		}
	}
}

/* A reader of an image: every take checks that the bytes are there. */
struct reader {
	const char	*p;
	size_t		 left;
};

static bool
take(struct reader *r, void *out, size_t n)
{
	if (r->left < n)
		return false;
	memcpy(out, r->p, n);
	r->p += n;
	r->left -= n;
	return true;
}

/* A string of len bytes with no NUL in it, copied NUL-terminated into
 * *scratch (grown as needed). */
static bool
take_str(struct reader *r, size_t len, struct buf *scratch)
{
	if (r->left < len || memchr(r->p, '\0', len) != NULL)
		return false;
	buf_reset(scratch);
	buf_add(scratch, r->p, len);
	r->p += len;
	r->left -= len;
	return true;
}

/* The days the store can return (parse_day in store.c). */
static bool
day_ok(pw_day d)
{
	static pw_day min = DAY_NONE, max;

	if (min == DAY_NONE) {
		min = date_from_ymd(DATE_YEAR_MIN, 1, 1);
		max = date_from_ymd(DATE_YEAR_MAX, 12, 31);
	}
	return d >= min && d <= max;
}

static bool
read_fact(struct reader *r, struct fact *x, struct buf *level)
{
	unsigned char kind;
	uint32_t date, llen;
	uint64_t seq;

	if (!take(r, &kind, 1) || kind > FACT_REOPEN || !take(r, &date, 4) ||
	    !take(r, &x->value, sizeof x->value) || isnan(x->value) ||
	    !take(r, &seq, 8) || !take(r, &llen, 4))
		return false;
	x->kind = (enum fact_kind)kind;
	x->date = (pw_day)date;
	x->seq = (long long)seq;
	if (!day_ok(x->date))
		return false;
	x->level = NULL;
	if (llen > 0) {
		if (!take_str(r, llen - 1, level))
			return false;
		x->level = buf_str(level);
	}
	return true;
}

struct facts *
facts_image_read(const char *img, size_t len)
{
	struct reader r = { img, len };
	struct buf item = BUF_INIT, level = BUF_INIT;
	struct facts *f = facts_new();
	uint64_t n;

	if (!take(&r, &n, 8) || n > r.left / LIST_MIN)
		goto bad;
	for (uint64_t i = 0; i < n; i++) {
		uint32_t ilen, since;
		uint64_t skipped, nf;
		struct fact_list *l;
		struct fact x;

		if (!take(&r, &ilen, 4) || ilen == 0 ||
		    !take_str(&r, ilen, &item) ||
		    facts_get(f, buf_str(&item)) != NULL ||
		    !take(&r, &since, 4) || !take(&r, &skipped, 8) ||
		    !take(&r, &nf, 8) || nf > r.left / FACT_MIN ||
		    ((pw_day)since != DAY_NONE && !day_ok((pw_day)since) &&
		    !day_ok((pw_day)since - 1)))
			goto bad;
		l = facts_list(f, buf_str(&item));
		l->since = (pw_day)since;
		l->skipped = (size_t)skipped;
		facts_reserve(l, (size_t)nf);
		for (uint64_t k = 0; k < nf; k++) {
			if (!read_fact(&r, &x, &level))
				goto bad;
			facts_push(f, l, &x);
		}
	}
	if (r.left != 0)
		goto bad;
	buf_release(&item);
	buf_release(&level);
	return f;
bad:
	buf_release(&item);
	buf_release(&level);
	facts_free(f);
	return NULL;
}

struct facts *
factcache_get(const char *file, const struct buf *key)
{
	size_t size;
	uint64_t klen, ilen, sum;
	char *data = NULL;
	struct facts *f = NULL;
	int fd = cachefile_open(file, 8 + key->len + 16 + FACTS_MAX, &size);

	if (fd < 0)
		return NULL;
	/* The key first, in a buffer of its size: only a file that holds
	 * it is read further. */
	if (size < 24 || !cachefile_read_full(fd, &klen, 8) ||
	    klen != key->len || klen > size - 24)
		goto out;
	data = xmalloc(klen + 1);
	if (!cachefile_read_full(fd, data, klen) ||
	    memcmp(data, key->s, klen) != 0 ||
	    !cachefile_read_full(fd, &ilen, 8) ||
	    !cachefile_read_full(fd, &sum, 8) || ilen != size - 24 - klen)
		goto out;
	free(data);
	/* Memory short: only a miss. */
	if ((data = malloc(ilen + 1)) != NULL &&
	    cachefile_read_full(fd, data, ilen) &&
	    cachefile_hash(data, ilen) == sum)
		f = facts_image_read(data, ilen);
out:
	close(fd);
	free(data);
	return f;
}

void
factcache_put(const char *file, const struct buf *key, const struct facts *f)
{
	struct buf img = BUF_INIT;
	uint64_t klen = key->len, ilen, sum;

	facts_image_write(f, &img);
	if (img.len > FACTS_MAX) {	/* it would never be read */
		buf_release(&img);
		return;
	}
	ilen = img.len;
	sum = cachefile_hash(img.s, img.len);
	cachefile_replace(file, (const struct cachefile_part[]){
	    { &klen, 8 }, { key->s, key->len }, { &ilen, 8 }, { &sum, 8 },
	    { img.s, img.len } }, 5);
	buf_release(&img);
}
