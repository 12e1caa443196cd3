/*
 * cache.c: the session's cache of a review's inputs (cache.h).
 *
 * One file per plan file (its real path and name as given) and, when the
 * facts are cached too, per store and count of recent values: the commands
 * that cron runs ask the same few questions.  Layout: the key (cache_key),
 * the plan file's bytes, then the image's length, a hash of the image (a
 * torn or damaged file is passed over) and the image (image.c).  An entry
 * is used only when its key is this key, byte for byte, and its copy of
 * the plan is the plan file's bytes now, so that an edit, a restore from
 * backup or a clock set back cannot leave a stale plan in use; the store's
 * change token names the state of its records.
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
/* Largest image kept, and so read: a plan's is about twice its file, and
 * the facts of a province's review about 3 MB. */
#define IMAGE_MAX	(3 * (size_t)CONFIG_MAX_FILE + ((size_t)64 << 20))
#define CHUNK		(64 * 1024)

struct cache_fill {
	char		*file;
	struct buf	 key;
	char		*data;		/* the plan file's bytes */
	size_t		 len;
};

/*
 * Everything the review's inputs depend on, beside the plan's bytes that
 * follow it: this build (its loader, its rules' facts query), libyaml's
 * version (a shared library can change under the same program), this
 * machine's byte order, the plan's name (its file and default id) and
 * length, and for the facts the store, its change token, the date and how
 * many recent values.
 */
static void
cache_key(struct buf *b, const struct cache_key *k, size_t plan_len)
{
	const struct build_id *id = cachefile_build_id();
	const uint32_t order = 0x01020304u;

	buf_printf(b, "planwatch cache %d\nbuild ", CACHE_FORMAT);
	for (size_t i = 0; i < id->len; i++)
		buf_printf(b, "%02x", id->id[i]);
	buf_printf(b, "\nlibyaml %s\norder %08x\nplan %zu:%s %zu\n",
	    config_version(), (unsigned)*(const unsigned char *)&order,
	    strlen(k->plan), k->plan, plan_len);
	if (k->store != NULL)
		buf_printf(b, "facts %zu:%s %llu %d %zu\n", strlen(k->store),
		    k->store, (unsigned long long)k->token, (int)k->asof,
		    k->recent);
	else
		buf_puts(b, "no facts\n");
	buf_putc(b, '\0');
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

/*
 * The entry in the cache file, if it has key and a copy of the bytes the
 * plan file pfd (of plen bytes) holds now.  The two are compared a chunk
 * at a time: only the image is read whole.
 */
static int
cache_hit(const char *file, const struct buf *key, int pfd, size_t plen,
    struct plan **p, struct facts **f)
{
	char *a = xmalloc(2 * CHUNK), *b = a + CHUNK, *img = NULL;
	uint64_t ilen, sum;
	size_t left = plen, size;
	int fd, ret = -1;

	if ((fd = cachefile_open(file, key->len + plen + 16 + IMAGE_MAX,
	    &size)) < 0) {
		free(a);
		return -1;
	}
	if (key->len > CHUNK || !cachefile_read_full(fd, a, key->len) ||
	    memcmp(a, key->s, key->len) != 0)
		goto out;
	while (left > 0) {
		size_t n = left < CHUNK ? left : CHUNK;
		if (!cachefile_read_full(fd, a, n) ||
		    !cachefile_read_full(pfd, b, n) || memcmp(a, b, n) != 0)
			goto out;
		left -= n;
	}
	/* The plan file ends there (it may have grown since fstat). */
	if (read(pfd, b, 1) != 0 || !cachefile_read_full(fd, &ilen, 8) ||
	    !cachefile_read_full(fd, &sum, 8) ||
	    ilen != (uint64_t)size - key->len - plen - 16)
		goto out;
	/* Memory short: only a miss. */
	if ((img = malloc(ilen + 1)) != NULL &&
	    cachefile_read_full(fd, img, ilen) &&
	    cachefile_hash(img, ilen) == sum)
		ret = image_read(img, ilen, p, f);
out:
	close(fd);
	free(img);
	free(a);
	return ret;
}

struct plan *
cache_load(const struct cache_key *k, struct facts **facts,
    struct cache_fill **fill, struct diags *d)
{
	char *file = cache_file(k), *data;
	struct plan *p = NULL;
	struct buf key = BUF_INIT;
	size_t len, before = d->n;
	struct stat st;
	int fd;

	*facts = NULL;
	*fill = NULL;
	/* O_NONBLOCK: should the plan have become a FIFO since, no wait. */
	if (file != NULL &&
	    (fd = open(k->plan, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) >= 0) {
		if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
			cache_key(&key, k, (size_t)st.st_size);
			/* Facts, or none, as the key says. */
			if (cache_hit(file, &key, fd, (size_t)st.st_size, &p,
			    facts) == 0 &&
			    (*facts != NULL) != (k->store != NULL)) {
				plan_free(p);
				facts_free(*facts);
				p = NULL;
				*facts = NULL;
			}
		}
		close(fd);
		buf_release(&key);
	}
	if (p != NULL || file == NULL) {
		free(file);
		return p != NULL ? p : config_load(k->plan, d);
	}
	if (config_read(k->plan, &data, &len, d) != 0) {
		free(file);
		return NULL;
	}
	p = config_load_buffer(k->plan, data, len, d);
	/* Only a plan with nothing to say is cached: a hit says nothing
	 * either. */
	if (p == NULL || d->n != before) {
		free(data);
		free(file);
		return p;
	}
	*fill = xcalloc(1, sizeof **fill);
	(*fill)->file = file;
	(*fill)->data = data;
	(*fill)->len = len;
	cache_key(&(*fill)->key, k, len);
	return p;
}

void
cache_fill_put(struct cache_fill *fill, const struct plan *p,
    const struct facts *f)
{
	struct buf img = BUF_INIT;
	uint64_t ilen, sum;

	if (fill == NULL)
		return;
	image_write(&img, p, f);
	if (img.len <= IMAGE_MAX) {	/* else it would never be read */
		ilen = img.len;
		sum = cachefile_hash(img.s, img.len);
		cachefile_replace(fill->file, (const struct cachefile_part[]){
		    { fill->key.s, fill->key.len }, { fill->data, fill->len },
		    { &ilen, 8 }, { &sum, 8 }, { img.s, img.len } }, 5);
	}
	buf_release(&img);
	cache_fill_free(fill);
}

void
cache_fill_free(struct cache_fill *fill)
{
	if (fill == NULL)
		return;
	free(fill->file);
	free(fill->data);
	buf_release(&fill->key);
	free(fill);
}
