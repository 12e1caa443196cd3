/*
 * cache.c: the session's cache of a review's inputs (cache.h).
 *
 * One file per plan file (its real path and name as given) and, when the
 * facts are kept too, per store and count of recent values: the commands
 * that cron runs ask the same few questions.  The file holds the plan's
 * part (its length first): its key, a copy of the plan file's bytes, and
 * the plan's image; then, with a store, the facts' part: its key and the
 * facts' image.  Each image is preceded by its length and a hash (a torn
 * or damaged file is passed over).  A part is used only when its key is
 * the one cache_key() makes now, byte for byte, and the plan's copy is the
 * plan file's bytes now, so that an edit, a restore from backup or a clock
 * set back cannot leave a stale plan in use; the store's change token
 * names the state of its records.  Either part may miss alone: after a
 * record the plan's is kept, after an edit of the plan that leaves the
 * review's query as it was the facts' is.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "session/cache.h"
#include "session/image.h"
#include "util/buf.h"
#include "util/cachefile.h"
#include "util/xalloc.h"

#define CACHE_FORMAT	1
/* Largest image kept, and so read: a plan's is about its file's size, and
 * the facts of a province's review about 3 MB. */
#define IMAGE_MAX	(2 * (size_t)CONFIG_MAX_FILE)
/* Largest cache file opened: the plan's bytes, two images, and keys. */
#define FILE_MAX	((size_t)CONFIG_MAX_FILE + 3 * IMAGE_MAX)
#define CHUNK		(64 * 1024)

struct cache_entry {
	char		*file;
	char		*store;		/* the key's */
	uint64_t	 token;
	int		 fd;		/* the cache file read, or -1 */
	size_t		 size;		/* its size */
	uint64_t	 plan_len;	/* its plan's part's; 0: none */
	struct buf	 plan_key, facts_key;
	bool		 plan_hit, facts_hit;
	char		*data;		/* the plan file's bytes, parsed */
	size_t		 len;
};

/* Append n bytes, or a string with its length, to a key. */
#define KEY(b, v)	buf_add(b, (const char *)&(v), sizeof(v))
#define KEY_STR(b, s)	do {						\
	size_t n_ = strlen(s);						\
	KEY(b, n_);							\
	buf_add(b, s, n_);						\
} while (0)

/*
 * Everything a review's inputs depend on, in one place.  The plan's part:
 * this build (its loader and its rules), libyaml's version (a shared
 * library can change under the same program), this machine's byte order,
 * the plan's name (its file and default id) and length; its bytes follow
 * the key in the file.  The facts' part, of the query q: the store, its
 * change token, and the whole query (review_query_init: the date, recent
 * and what the plan's items want).
 */
static void
cache_key(const struct cache_entry *e, const char *name, size_t plan_len,
    struct buf *plan, const struct facts_query *q, struct buf *facts)
{
	const struct build_id *id = cachefile_build_id();
	const uint32_t order = 0x01020304u;

	if (plan != NULL) {
		buf_printf(plan, "planwatch cache %d\nbuild ", CACHE_FORMAT);
		for (size_t i = 0; i < id->len; i++)
			buf_printf(plan, "%02x", id->id[i]);
		buf_printf(plan, "\nlibyaml %s\norder %u\nplan %zu\n",
		    config_version(), *(const unsigned char *)&order,
		    plan_len);
		/* The file's name hashes the name too, but a hash can
		 * collide. */
		KEY_STR(plan, name);
	}
	if (facts == NULL)
		return;
	buf_printf(facts, "facts %llu ", (unsigned long long)e->token);
	KEY_STR(facts, e->store);
	KEY(facts, q->asof);
	KEY(facts, q->since);
	KEY(facts, q->recent);
	KEY(facts, q->nwants);
	for (size_t i = 0; i < q->nwants; i++) {
		const struct value_want *w = &q->wants[i];
		size_t nlevels = w->levels != NULL ? w->nlevels + 1 : 0;
		KEY_STR(facts, w->item);
		KEY(facts, w->nat);
		if (w->nat > 0)
			buf_add(facts, (const char *)w->at,
			    w->nat * sizeof *w->at);
		KEY(facts, nlevels);
		for (size_t k = 0; k + 1 < nlevels; k++)
			KEY_STR(facts, w->levels[k]);
		KEY(facts, w->year);
		/* Read only for YEAR_UNLESS_MET: another target, of a target
		 * past its due date, is the same question. */
		if (w->year == YEAR_UNLESS_MET) {
			KEY(facts, w->year_dir);
			KEY(facts, w->year_target);
		}
	}
}

/*
 * The cache file for k, or NULL when there is none to use: no build id,
 * no usable directory, or a plan that is not a regular file (stat, not
 * open: opening a FIFO to look would release a writer waiting on it).
 */
static char *
cache_file(const struct cache_key *k)
{
	struct stat st;
	char *dir, *file, suffix[64];

	if (strcmp(k->plan, "-") == 0 || cachefile_build_id() == NULL ||
	    stat(k->plan, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > CONFIG_MAX_FILE ||
	    (dir = cachefile_dir()) == NULL)
		return NULL;
	if (k->store == NULL)
		snprintf(suffix, sizeof suffix, ".plan");
	else
		snprintf(suffix, sizeof suffix, ".%016llx.r%zu.review",
		    (unsigned long long)cachefile_hash(k->store,
		    strlen(k->store)), k->recent);
	file = cachefile_name(dir, k->plan, suffix);
	free(dir);
	return file;
}

/* Are the next n bytes of fd those of cmp, or (cmp NULL) of the file pfd?
 * buf holds 2 * CHUNK bytes. */
static bool
same_bytes(int fd, const char *cmp, int pfd, size_t n, char *buf)
{
	while (n > 0) {
		size_t c = n < CHUNK ? n : CHUNK;
		if (!cachefile_read_full(fd, buf, c))
			return false;
		if (cmp == NULL ? !cachefile_read_full(pfd, buf + CHUNK, c) ||
		    memcmp(buf, buf + CHUNK, c) != 0 : memcmp(buf, cmp, c) != 0)
			return false;
		if (cmp != NULL)
			cmp += c;
		n -= c;
	}
	return true;
}

/* The next image in fd, which must end exactly left bytes on: its bytes
 * (the caller frees them) and length, or NULL. */
static char *
read_image(int fd, size_t left, size_t *len)
{
	uint64_t n, sum;
	char *img;

	if (left < 16 || !cachefile_read_full(fd, &n, 8) ||
	    !cachefile_read_full(fd, &sum, 8) || n != left - 16 ||
	    n > IMAGE_MAX || (img = malloc(n + 1)) == NULL)
		return NULL;	/* memory short: only a miss */
	if (!cachefile_read_full(fd, img, n) || cachefile_hash(img, n) != sum) {
		free(img);
		return NULL;
	}
	*len = n;
	return img;
}

/* The plan in e's file, if its plan's part has e's key and a copy of the
 * plen bytes the plan file pfd holds now. */
static struct plan *
read_plan(struct cache_entry *e, int pfd, size_t plen)
{
	char *buf = xmalloc(2 * CHUNK), *img = NULL;
	struct plan *p = NULL;
	uint64_t part;
	size_t len;

	/* Nothing follows a plan alone. */
	if (e->size < 8 || !cachefile_read_full(e->fd, &part, 8) ||
	    part > e->size - 8 || (e->store == NULL && part != e->size - 8))
		goto out;
	e->plan_len = part;
	if (part < e->plan_key.len + plen ||
	    !same_bytes(e->fd, e->plan_key.s, -1, e->plan_key.len, buf) ||
	    !same_bytes(e->fd, NULL, pfd, plen, buf) ||
	    /* The plan file ends there (it may have grown since fstat). */
	    read(pfd, buf, 1) != 0)
		goto out;
	if ((img = read_image(e->fd, part - e->plan_key.len - plen,
	    &len)) != NULL)
		p = image_get_plan(img, len);
out:
	free(img);
	free(buf);
	return p;
}

struct plan *
cache_plan(const struct cache_key *k, struct cache_entry **ep,
    struct diags *d)
{
	struct cache_entry *e;
	struct plan *p = NULL;
	size_t before = d->n;
	struct stat st;
	char *file;
	int pfd;

	if ((*ep = NULL, file = cache_file(k)) == NULL)
		return config_load(k->plan, d);
	e = xcalloc(1, sizeof *e);
	e->fd = -1;
	e->file = file;
	e->store = k->store != NULL ? xstrdup(k->store) : NULL;
	/* O_NONBLOCK: should the plan have become a FIFO since, no wait. */
	if ((pfd = open(k->plan, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) >= 0) {
		if (fstat(pfd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (e->fd = cachefile_open(file, FILE_MAX, &e->size)) >= 0) {
			cache_key(e, k->plan, (size_t)st.st_size,
			    &e->plan_key, NULL, NULL);
			p = read_plan(e, pfd, (size_t)st.st_size);
		}
		close(pfd);
	}
	if ((e->plan_hit = p != NULL)) {
		*ep = e;
		return p;
	}
	buf_reset(&e->plan_key);
	/* Only a plan with nothing to say is kept: a hit says nothing
	 * either. */
	if (config_read(k->plan, &e->data, &e->len, d) == 0 &&
	    (p = config_load_buffer(k->plan, e->data, e->len, d)) != NULL &&
	    d->n == before) {
		cache_key(e, k->plan, e->len, &e->plan_key, NULL, NULL);
		*ep = e;
	} else
		cache_entry_free(e);
	return p;
}

struct facts *
cache_facts(struct cache_entry *e, uint64_t token,
    const struct facts_query *q)
{
	char *buf, *img;
	struct facts *f = NULL;
	uint64_t klen;
	size_t left, len;

	if (e == NULL || e->store == NULL)
		return NULL;
	e->token = token;
	buf_reset(&e->facts_key);
	cache_key(e, NULL, 0, NULL, q, &e->facts_key);
	if (e->fd < 0 || e->plan_len == 0 ||
	    lseek(e->fd, (off_t)(8 + e->plan_len), SEEK_SET) < 0)
		return NULL;
	left = e->size - 8 - e->plan_len;
	buf = xmalloc(2 * CHUNK);
	if (left >= 8 + e->facts_key.len &&
	    cachefile_read_full(e->fd, &klen, 8) && klen == e->facts_key.len &&
	    same_bytes(e->fd, e->facts_key.s, -1, klen, buf) &&
	    (img = read_image(e->fd, left - 8 - klen, &len)) != NULL) {
		f = image_get_facts(img, len);
		free(img);
	}
	free(buf);
	e->facts_hit = f != NULL;
	return f;
}

void
cache_facts_drop(struct cache_entry *e)
{
	if (e != NULL)
		buf_reset(&e->facts_key);
}

/* n bytes of fd from offset at, or NULL. */
static char *
read_range(int fd, size_t at, size_t n)
{
	char *p = xmalloc(n + 1);

	if (lseek(fd, (off_t)at, SEEK_SET) == (off_t)at &&
	    cachefile_read_full(fd, p, n))
		return p;
	free(p);
	return NULL;
}

void
cache_put(struct cache_entry *e, const struct plan *p,
    const struct facts *f)
{
	struct buf pimg = BUF_INIT, fimg = BUF_INIT;
	struct cachefile_part part[10];
	uint64_t n[6];
	size_t np = 1, flen = 0;
	char *plan_kept = NULL, *facts_kept = NULL;
	bool facts = f != NULL && e != NULL && e->store != NULL &&
	    e->facts_key.len > 0;

	if (e == NULL || (e->plan_hit && (e->facts_hit || !facts)))
		goto out;
	/* A part that was a hit is copied as it was read. */
	if (e->plan_hit) {
		n[0] = e->plan_len;
		if ((plan_kept = read_range(e->fd, 8, e->plan_len)) == NULL)
			goto out;
		part[np++] = (struct cachefile_part){ plan_kept, e->plan_len };
	} else {
		image_put_plan(&pimg, p);
		n[1] = pimg.len;
		n[2] = cachefile_hash(pimg.s, pimg.len);
		n[0] = e->plan_key.len + e->len + 16 + pimg.len;
		part[np++] = (struct cachefile_part){ e->plan_key.s,
		    e->plan_key.len };
		part[np++] = (struct cachefile_part){ e->data, e->len };
		part[np++] = (struct cachefile_part){ &n[1], 16 };
		part[np++] = (struct cachefile_part){ pimg.s, pimg.len };
	}
	part[0] = (struct cachefile_part){ &n[0], 8 };
	if (facts && e->facts_hit) {
		flen = e->size - 8 - e->plan_len;
		if ((facts_kept = read_range(e->fd, 8 + e->plan_len,
		    flen)) == NULL)
			goto out;
		part[np++] = (struct cachefile_part){ facts_kept, flen };
	} else if (facts) {
		image_put_facts(&fimg, f);
		n[3] = e->facts_key.len;
		n[4] = fimg.len;
		n[5] = cachefile_hash(fimg.s, fimg.len);
		part[np++] = (struct cachefile_part){ &n[3], 8 };
		part[np++] = (struct cachefile_part){ e->facts_key.s,
		    e->facts_key.len };
		part[np++] = (struct cachefile_part){ &n[4], 16 };
		part[np++] = (struct cachefile_part){ fimg.s, fimg.len };
	}
	/* An image too large would never be read. */
	if (pimg.len <= IMAGE_MAX && fimg.len <= IMAGE_MAX)
		cachefile_replace(e->file, part, np);
out:
	free(plan_kept);
	free(facts_kept);
	buf_release(&pimg);
	buf_release(&fimg);
	cache_entry_free(e);
}

void
cache_entry_free(struct cache_entry *e)
{
	if (e == NULL)
		return;
	if (e->fd >= 0)
		close(e->fd);
	free(e->file);
	free(e->store);
	free(e->data);
	buf_release(&e->plan_key);
	buf_release(&e->facts_key);
	free(e);
}
