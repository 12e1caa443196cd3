/*
 * cache.c: the plan cache, so that a plan is parsed once per change, not
 * once per run.
 *
 * Parsing is most of what status, check and the review cost on a large
 * plan, and cron runs check every few minutes against a plan that changes
 * weekly.  A cache file holds a copy of the plan's bytes beside the image
 * of the plan they loaded into (image.c); it is used only when the plan
 * file's bytes are those very bytes, so an edit, a restore from backup or a
 * clock set back cannot leave a stale plan in use.  One file per plan
 * (per real path and name as given), replaced whole by a rename.
 *
 * Layout: a header (magic, format, byte order, this program's build id and
 * libyaml's version, so that a file written by any other build, whose
 * loader may differ, is passed over), the name as given, the plan's bytes,
 * then the image and a hash of the image (a torn or damaged file is passed
 * over too).  Anything unexpected is a miss: the plan is parsed as if
 * there were no cache, and nothing is reported.  Where the files live and
 * whose they may be: util/cachefile.c.
 */
#include <sys/stat.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "config/config.h"
#include "config/image.h"
#include "util/buf.h"
#include "util/cachefile.h"
#include "util/xalloc.h"

#define CACHE_MAGIC	"PWPLAN\r\n"
#define CACHE_FORMAT	1u
/* Largest cache file read: the plan's bytes, and an image of them. */
#define CACHE_MAX	(4 * (size_t)CONFIG_MAX_FILE)

/* What must match, beside the build id, for an image to be this build's. */
static const uint32_t cache_build[] = { CACHE_FORMAT, 0x01020304u };

/* The header, the name as given and the plan's length: what the plan's
 * bytes follow. */
static void
put_head(struct buf *b, const char *name, size_t len)
{
	const struct build_id *id = cachefile_build_id();
	uint64_t n = len;
	uint32_t nlen = (uint32_t)strlen(name);
	uint32_t idlen = (uint32_t)id->len;

	buf_add(b, CACHE_MAGIC, 8);
	buf_add(b, (const char *)cache_build, sizeof cache_build);
	/* libyaml is a shared library: it can change under the same
	 * program. */
	const char *yv = yaml_get_version_string();
	uint32_t yvlen = (uint32_t)strlen(yv);

	buf_add(b, (const char *)&idlen, sizeof idlen);
	buf_add(b, (const char *)id->id, id->len);
	buf_add(b, (const char *)&yvlen, sizeof yvlen);
	buf_add(b, yv, yvlen);
	buf_add(b, (const char *)&nlen, sizeof nlen);
	buf_add(b, name, nlen);
	buf_add(b, (const char *)&n, sizeof n);
}

#define CHUNK	(64 * 1024)

/*
 * The plan in the cache file, if it was made by this build from a plan
 * named so and holding the very bytes the plan file pfd (of plen bytes)
 * holds now.  The two files are compared a chunk at a time: only the image
 * is read whole.
 */
static struct plan *
cache_hit(const char *file, const char *name, int pfd, size_t plen)
{
	struct buf head = BUF_INIT;
	char *a = NULL, *b, *img = NULL;
	uint64_t ilen, sum;
	size_t left = plen, size;
	struct plan *p = NULL;
	int fd = cachefile_open(file, CACHE_MAX, &size);

	if (fd < 0)
		return NULL;
	put_head(&head, name, plen);
	a = xmalloc(2 * CHUNK);
	b = a + CHUNK;
	if (head.len > CHUNK || !cachefile_read_full(fd, a, head.len) ||
	    memcmp(a, head.s, head.len) != 0)
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
	    (uint64_t)size < (uint64_t)head.len + plen + 16 ||
	    ilen != (uint64_t)size - head.len - plen - 16)
		goto out;
	img = xmalloc(ilen + 1);
	if (cachefile_read_full(fd, img, ilen) &&
	    cachefile_hash(img, ilen) == sum)
		p = plan_image_read(img, ilen);
out:
	close(fd);
	free(img);
	free(a);
	buf_release(&head);
	return p;
}

/* Write the cache file for p, made from the plan bytes data, atomically;
 * failures only mean no cache. */
static void
cache_store(const char *file, const struct plan *p, const char *name,
    const char *data, size_t len)
{
	struct buf head = BUF_INIT, img = BUF_INIT;
	uint64_t ilen, sum;

	put_head(&head, name, len);
	plan_image_write(p, &img);
	ilen = img.len;
	sum = cachefile_hash(img.s, img.len);
	cachefile_replace(file, (const struct cachefile_part[]){
	    { head.s, head.len }, { data, len }, { &ilen, 8 }, { &sum, 8 },
	    { img.s, img.len } }, 5);
	buf_release(&head);
	buf_release(&img);
}

/* Is path a regular file (stat, not open: opening a FIFO to look would
 * release a writer waiting on it)? */
static bool
is_regular(const char *path, struct stat *st)
{
	return stat(path, st) == 0 && S_ISREG(st->st_mode) &&
	    (unsigned long long)st->st_size <= CONFIG_MAX_FILE;
}

/* The cache file for the plan file at path, or NULL when there is none to
 * use (no build id, not a regular file, no usable directory). */
static char *
cache_path(const char *path)
{
	struct stat st;
	char *dir, *file;

	if (cachefile_build_id() == NULL || !is_regular(path, &st) ||
	    (dir = cachefile_dir()) == NULL)
		return NULL;
	file = cachefile_name(dir, path, ".plan");
	free(dir);
	return file;
}

/* The plan in the cache file for path, if it holds path as it is now. */
static struct plan *
cache_get_at(const char *file, const char *path)
{
	struct plan *p = NULL;
	struct stat st;
	int fd;

	/* O_NONBLOCK: should it have become a FIFO since, no wait. */
	if ((fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode))
		p = cache_hit(file, path, fd, (size_t)st.st_size);
	close(fd);
	return p;
}

struct plan *
config_cache_get(const char *path)
{
	char *file = cache_path(path);
	struct plan *p = file != NULL ? cache_get_at(file, path) : NULL;

	free(file);
	return p;
}

void
config_cache_put(const char *path, const struct plan *p, const char *data,
    size_t len)
{
	char *file = cache_path(path);

	if (file != NULL)
		cache_store(file, p, path, data, len);
	free(file);
}

struct plan *
config_load_cached(const char *path, struct diags *d)
{
	size_t len, before = d->n;
	struct plan *p = NULL;
	char *data, *file;

	if (strcmp(path, "-") == 0)
		return config_load(path, d);
	/* The cache file's path once, for the look and for the write. */
	if ((file = cache_path(path)) != NULL &&
	    (p = cache_get_at(file, path)) != NULL) {
		free(file);
		return p;
	}
	if (config_read(path, &data, &len, d) == 0) {
		p = config_load_buffer(path, data, len, d);
		/* Only a plan with nothing to say is cached: a hit says
		 * nothing either. */
		if (p != NULL && d->n == before && file != NULL)
			cache_store(file, p, path, data, len);
		free(data);
	}
	free(file);
	return p;
}
