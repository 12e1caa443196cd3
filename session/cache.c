/*
 * cache.c: the session's cache of a review's inputs (cache.h).
 *
 * One file per plan file (its real path and name as given) and, when the
 * facts are kept too, per store and count of recent values: the commands
 * that cron runs ask the same few questions.  The file holds the plan's
 * part: its key, a copy of the plan file's bytes, and the plan's image;
 * then, for the facts, their key and image.  Each image is preceded by its
 * length and a hash (a torn or damaged file is passed over).  A part is
 * used only when its key is the one cache_key() makes now, byte for byte,
 * and the plan's copy is the plan file's bytes now, so that an edit, a
 * restore from backup or a clock set back cannot leave a stale plan in
 * use; the store's change token names the state of its records.  After a
 * record, only the facts' part misses: the plan's is kept as it was.
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
#define FILE_MAX	((size_t)CONFIG_MAX_FILE + 2 * IMAGE_MAX + 65536)
#define CHUNK		(64 * 1024)

struct cache_fill {
	char		*file;
	struct buf	 plan_key, facts_key;
	bool		 facts;		/* the key asks for facts */
	char		*data;		/* the plan file's bytes, parsed */
	int		 fd;		/* or the cache file whose plan's */
	size_t		 plan_end;	/* part, to this offset, is kept */
};

/*
 * Everything a review's inputs depend on, in one place.  The plan's part:
 * this build (its loader and its rules' facts query), libyaml's version (a
 * shared library can change under the same program), this machine's byte
 * order, the plan's name (its file and default id) and length; its bytes
 * follow the key in the file.  The facts' part: the store, its change
 * token, the date and how many recent values (review_query_init's query
 * is made of the plan and these).
 */
static void
cache_key(const struct cache_key *k, size_t plan_len, struct buf *plan,
    struct buf *facts)
{
	const struct build_id *id = cachefile_build_id();
	const uint32_t order = 0x01020304u;

	buf_printf(plan, "planwatch cache %d\nbuild ", CACHE_FORMAT);
	for (size_t i = 0; i < id->len; i++)
		buf_printf(plan, "%02x", id->id[i]);
	buf_printf(plan, "\nlibyaml %s\norder %u\nplan %zu:%s %zu\n",
	    config_version(), *(const unsigned char *)&order,
	    strlen(k->plan), k->plan, plan_len);
	if (k->store != NULL)
		buf_printf(facts, "facts %zu:%s %llu %d %zu\n",
		    strlen(k->store), k->store, (unsigned long long)k->token,
		    (int)k->asof, k->recent);
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

/* Are the next n bytes of fd those of cmp (NULL: of the file pfd)? */
static bool
same_bytes(int fd, const char *cmp, int pfd, size_t n, char *buf)
{
	while (n > 0) {
		size_t c = n < CHUNK ? n : CHUNK;
		if (!cachefile_read_full(fd, buf, c) || (cmp != NULL ?
		    memcmp(buf, cmp, c) != 0 : !cachefile_read_full(pfd,
		    buf + CHUNK, c) || memcmp(buf, buf + CHUNK, c) != 0))
			return false;
		if (cmp != NULL)
			cmp += c;
		n -= c;
	}
	return true;
}

/* The next image in fd, whole, or NULL; *left is what the file holds
 * from here, and is decreased by what was read. */
static char *
read_image(int fd, size_t *left, size_t *len)
{
	uint64_t n, sum;
	char *img;

	if (*left < 16 || !cachefile_read_full(fd, &n, 8) ||
	    !cachefile_read_full(fd, &sum, 8) || n > *left - 16 ||
	    n > IMAGE_MAX)
		return NULL;
	*left -= 16 + n;
	/* Memory short: only a miss. */
	if ((img = malloc(n + 1)) == NULL)
		return NULL;
	if (!cachefile_read_full(fd, img, n) || cachefile_hash(img, n) != sum) {
		free(img);
		return NULL;
	}
	*len = n;
	return img;
}

/*
 * Read the cache file's entry for the plan file pfd of plen bytes: the
 * plan when its part holds fill's plan key and the plan's bytes, and then
 * the facts when its part holds the facts key.  fill->plan_end is set to
 * where the plan's part ends.
 */
static struct plan *
cache_read(int fd, size_t size, struct cache_fill *fill, int pfd, size_t plen,
    struct facts **facts)
{
	char *buf = xmalloc(2 * CHUNK), *img;
	struct plan *p = NULL;
	size_t left = size, len, klen;
	uint64_t stored;

	if (left < fill->plan_key.len + plen ||
	    !same_bytes(fd, fill->plan_key.s, -1, fill->plan_key.len, buf) ||
	    !same_bytes(fd, NULL, pfd, plen, buf) ||
	    /* The plan file ends there (it may have grown since fstat). */
	    read(pfd, buf, 1) != 0)
		goto out;
	left -= fill->plan_key.len + plen;
	if ((img = read_image(fd, &left, &len)) != NULL)
		p = image_get_plan(img, len);
	free(img);
	/* Nothing follows the plan's part of a plan alone. */
	if (p != NULL && !fill->facts && left != 0) {
		plan_free(p);
		p = NULL;
	}
	if (p == NULL || !fill->facts)
		goto out;
	fill->plan_end = size - left;
	klen = fill->facts_key.len;
	if (left < 8 + klen || !cachefile_read_full(fd, &stored, 8) ||
	    stored != klen || !same_bytes(fd, fill->facts_key.s, -1, klen, buf))
		goto out;
	left -= 8 + klen;
	/* Nothing follows the facts either. */
	if ((img = read_image(fd, &left, &len)) != NULL && left == 0)
		*facts = image_get_facts(img, len);
	free(img);
out:
	free(buf);
	return p;
}

struct plan *
cache_load(const struct cache_key *k, struct facts **facts,
    struct cache_fill **fillp, struct diags *d)
{
	struct cache_fill *fill;
	struct plan *p = NULL;
	size_t len, size, before = d->n;
	struct stat st;
	char *file;
	int pfd;

	*facts = NULL;
	*fillp = NULL;
	if ((file = cache_file(k)) == NULL)
		return config_load(k->plan, d);
	fill = xcalloc(1, sizeof *fill);
	fill->file = file;
	fill->facts = k->store != NULL;
	fill->fd = -1;
	/* O_NONBLOCK: should the plan have become a FIFO since, no wait. */
	if ((pfd = open(k->plan, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) >= 0) {
		if (fstat(pfd, &st) == 0 && S_ISREG(st.st_mode) &&
		    (fill->fd = cachefile_open(file, FILE_MAX, &size)) >= 0) {
			cache_key(k, (size_t)st.st_size, &fill->plan_key,
			    &fill->facts_key);
			p = cache_read(fill->fd, size, fill, pfd,
			    (size_t)st.st_size, facts);
		}
		close(pfd);
	}
	if (p != NULL && (*facts != NULL || !fill->facts)) {
		cache_fill_free(fill);
		return p;
	}
	if (p != NULL) {		/* the facts' part to write anew */
		*fillp = fill;
		return p;
	}
	buf_reset(&fill->plan_key);
	buf_reset(&fill->facts_key);
	if (config_read(k->plan, &fill->data, &len, d) == 0 &&
	    (p = config_load_buffer(k->plan, fill->data, len, d)) != NULL &&
	    d->n == before) {
		/* Only a plan with nothing to say is kept: a hit says
		 * nothing either. */
		cache_key(k, len, &fill->plan_key, &fill->facts_key);
		fill->plan_end = len;
		*fillp = fill;
		return p;
	}
	cache_fill_free(fill);
	return p;
}

void
cache_fill_put(struct cache_fill *fill, const struct plan *p,
    const struct facts *f)
{
	struct buf pimg = BUF_INIT, fimg = BUF_INIT;
	struct cachefile_part part[9];
	uint64_t n[5];
	size_t np = 0;
	char *kept = NULL;

	if (fill == NULL)
		return;
	if (fill->data != NULL) {
		image_put_plan(&pimg, p);
		n[0] = pimg.len;
		n[1] = cachefile_hash(pimg.s, pimg.len);
		part[np++] = (struct cachefile_part){ fill->plan_key.s,
		    fill->plan_key.len };
		part[np++] = (struct cachefile_part){ fill->data,
		    fill->plan_end };
		part[np++] = (struct cachefile_part){ n, 16 };
		part[np++] = (struct cachefile_part){ pimg.s, pimg.len };
	} else {
		/* The plan's part as it was read. */
		kept = xmalloc(fill->plan_end + 1);
		if (lseek(fill->fd, 0, SEEK_SET) != 0 ||
		    !cachefile_read_full(fill->fd, kept, fill->plan_end))
			goto out;
		part[np++] = (struct cachefile_part){ kept, fill->plan_end };
	}
	if (fill->facts && f != NULL) {
		image_put_facts(&fimg, f);
		n[2] = fill->facts_key.len;
		n[3] = fimg.len;
		n[4] = cachefile_hash(fimg.s, fimg.len);
		part[np++] = (struct cachefile_part){ &n[2], 8 };
		part[np++] = (struct cachefile_part){ fill->facts_key.s,
		    fill->facts_key.len };
		part[np++] = (struct cachefile_part){ &n[3], 16 };
		part[np++] = (struct cachefile_part){ fimg.s, fimg.len };
	}
	/* An image too large would never be read. */
	if (pimg.len <= IMAGE_MAX && fimg.len <= IMAGE_MAX)
		cachefile_replace(fill->file, part, np);
out:
	free(kept);
	buf_release(&pimg);
	buf_release(&fimg);
	cache_fill_free(fill);
}

void
cache_fill_free(struct cache_fill *fill)
{
	if (fill == NULL)
		return;
	if (fill->fd >= 0)
		close(fill->fd);
	free(fill->file);
	free(fill->data);
	buf_release(&fill->plan_key);
	buf_release(&fill->facts_key);
	free(fill);
}
