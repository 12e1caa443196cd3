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
 * Layout: a header (magic, format, this build's struct sizes, byte order
 * and version, so that another build's files are passed over), the name as
 * given, the plan's bytes, then the image and a hash of the image (a torn
 * or damaged file is passed over too).  Anything unexpected is a miss: the
 * plan is parsed as if there were no cache, and nothing is reported.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config/config.h"
#include "config/image.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define CACHE_MAGIC	"PWPLAN\r\n"
#define CACHE_FORMAT	1u
/* Largest cache file read: the plan's bytes, and an image of them. */
#define CACHE_MAX	(4 * (size_t)CONFIG_MAX_FILE)

#ifndef PLANWATCH_VERSION
#define PLANWATCH_VERSION "dev"
#endif

/* What must match for an image to be this build's. */
static const uint32_t cache_build[] = {
	CACHE_FORMAT, 0x01020304u,	/* byte order */
	sizeof(struct plan), sizeof(struct department), sizeof(struct phase),
	sizeof(struct milestone), sizeof(struct target), sizeof(struct stage),
	sizeof(struct pdate), sizeof(double), sizeof(int),
};

/* A hash of n bytes, eight at a time: to notice a damaged image. */
static uint64_t
hash_bytes(const unsigned char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0x100000001b3ull;
		h ^= h >> 29;
	}
	while (n-- > 0)
		h = (h ^ *s++) * 0x100000001b3ull;
	return h ^ (h >> 32);
}

char *
config_cache_dir(void)
{
	const char *v = getenv("PLANWATCH_CACHE");

	if (v != NULL)
		return *v != '\0' ? xstrdup(v) : NULL;
	if ((v = getenv("XDG_CACHE_HOME")) != NULL && *v == '/')
		return xasprintf("%s/planwatch", v);
	if ((v = getenv("HOME")) != NULL && *v == '/')
		return xasprintf("%s/.cache/planwatch", v);
	return NULL;
}

/* The cache file for path, named as given, in dir; NULL when path has no
 * real path (then there is nothing to key it by). */
static char *
cache_file(const char *dir, const char *path)
{
	char *real = realpath(path, NULL);
	uint64_t h = 14695981039346656037ull;
	char *file;

	if (real == NULL)
		return NULL;
	for (const char *s = real;; s++) {
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
		if (*s == '\0')
			break;
	}
	for (const char *s = path; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	free(real);
	file = xasprintf("%s/%016llx.plan", dir, (unsigned long long)h);
	return file;
}

/* All of file, if it is a regular file of at most CACHE_MAX bytes. */
static char *
slurp(const char *file, size_t *len)
{
	int fd = open(file, O_RDONLY | O_CLOEXEC);
	struct stat st;
	char *data = NULL;
	size_t got = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) ||
	    (unsigned long long)st.st_size > CACHE_MAX)
		goto out;
	data = xmalloc((size_t)st.st_size + 1);
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, data + got, (size_t)st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	if (got != (size_t)st.st_size) {
		free(data);
		data = NULL;
	}
out:
	close(fd);
	*len = got;
	return data;
}

/* The header, the name as given and the plan's length: what the plan's
 * bytes follow. */
static void
put_head(struct buf *b, const char *name, size_t len)
{
	uint64_t n = len;
	uint32_t nlen = (uint32_t)strlen(name);
	uint32_t vlen = (uint32_t)strlen(PLANWATCH_VERSION);

	buf_add(b, CACHE_MAGIC, 8);
	buf_add(b, (const char *)cache_build, sizeof cache_build);
	buf_add(b, (const char *)&vlen, sizeof vlen);
	buf_add(b, PLANWATCH_VERSION, vlen);
	buf_add(b, (const char *)&nlen, sizeof nlen);
	buf_add(b, name, nlen);
	buf_add(b, (const char *)&n, sizeof n);
}

/* The plan in a cache file's bytes, if they were made from this name and
 * plan by this build. */
static struct plan *
cache_plan(const char *c, size_t clen, const char *name, const char *plan,
    size_t len)
{
	struct buf head = BUF_INIT;
	const unsigned char *img;
	uint64_t ilen, sum;
	size_t at;
	struct plan *p = NULL;

	put_head(&head, name, len);
	at = head.len + len;
	if (clen < at + 16 || memcmp(c, head.s, head.len) != 0 ||
	    memcmp(c + head.len, plan, len) != 0)
		goto out;
	memcpy(&ilen, c + at, sizeof ilen);
	memcpy(&sum, c + at + 8, sizeof sum);
	img = (const unsigned char *)c + at + 16;
	if (ilen != clen - at - 16 || hash_bytes(img, ilen) != sum)
		goto out;
	p = plan_image_read(img, ilen);
out:
	buf_release(&head);
	return p;
}

/* Write the cache file for p atomically; failures only mean no cache. */
static void
cache_store(const char *dir, const char *file, const struct plan *p,
    const char *name, const char *plan, size_t len)
{
	struct buf b = BUF_INIT;
	uint64_t ilen, sum;
	size_t at, done = 0;
	char *tmp;
	int fd;

	put_head(&b, name, len);
	buf_add(&b, plan, len);
	at = b.len;
	buf_add(&b, (const char *)&(uint64_t){ 0 }, 8);
	buf_add(&b, (const char *)&(uint64_t){ 0 }, 8);
	plan_image_write(p, &b);
	ilen = b.len - at - 16;
	sum = hash_bytes((const unsigned char *)b.s + at + 16, ilen);
	memcpy(b.s + at, &ilen, 8);
	memcpy(b.s + at + 8, &sum, 8);

	/* The cache directory and its parent (~/.cache) may not exist. */
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');
	if (slash != NULL && slash != parent) {
		*slash = '\0';
		(void)mkdir(parent, 0700);
	}
	free(parent);
	(void)mkdir(dir, 0700);
	tmp = xasprintf("%s.XXXXXX", file);
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	while (done < b.len) {
		ssize_t n = write(fd, b.s + done, b.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	if (close(fd) != 0 || done != b.len || rename(tmp, file) != 0)
		(void)unlink(tmp);
out:
	free(tmp);
	buf_release(&b);
}

struct plan *
config_load_cached(const char *path, struct diags *d)
{
	char *dir, *file = NULL, *data, *c = NULL;
	size_t len, clen = 0, before = d->n;
	struct plan *p = NULL;

	if (strcmp(path, "-") == 0 || (dir = config_cache_dir()) == NULL)
		return config_load(path, d);
	if (config_read(path, &data, &len, d) != 0) {
		free(dir);
		return NULL;
	}
	if ((file = cache_file(dir, path)) != NULL &&
	    (c = slurp(file, &clen)) != NULL)
		p = cache_plan(c, clen, path, data, len);
	free(c);
	if (p == NULL) {
		p = config_load_buffer(path, data, len, d);
		/* Only a plan with nothing to say is cached: a hit says
		 * nothing either. */
		if (p != NULL && d->n == before && file != NULL)
			cache_store(dir, file, p, path, data, len);
	}
	free(file);
	free(dir);
	free(data);
	return p;
}
