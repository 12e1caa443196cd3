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
 * there were no cache, and nothing is reported.  Only files and a directory
 * of the user's own are read, and no one else may write to them.
 */
#define _GNU_SOURCE	/* dl_iterate_phdr */

#include <sys/stat.h>

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

#include "config/config.h"
#include "config/image.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define CACHE_MAGIC	"PWPLAN\r\n"
#define CACHE_FORMAT	1u
/* Largest cache file read: the plan's bytes, and an image of them. */
#define CACHE_MAX	(4 * (size_t)CONFIG_MAX_FILE)

/* What must match, beside the build id, for an image to be this build's. */
static const uint32_t cache_build[] = { CACHE_FORMAT, 0x01020304u };

/* The program's GNU build id (the linker's hash of the whole program). */
struct build_id {
	const unsigned char	*id;
	size_t			 len;
};

static int
find_build_id(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct build_id *b = arg;

	(void)size;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const unsigned char *note = (const unsigned char *)
		    (info->dlpi_addr + ph->p_vaddr);
		size_t at = 0, memsz = ph->p_memsz;
		/* Offsets, not pointers, until each part is known to fit. */
		while (memsz - at >= sizeof(ElfW(Nhdr))) {
			ElfW(Nhdr) h;
			memcpy(&h, note + at, sizeof h);
			size_t name = ((size_t)h.n_namesz + 3) & ~(size_t)3;
			size_t desc = ((size_t)h.n_descsz + 3) & ~(size_t)3;
			size_t left = memsz - at - sizeof h;
			if (name > left || desc > left - name)
				break;
			if (h.n_type == NT_GNU_BUILD_ID && h.n_namesz == 4 &&
			    memcmp(note + at + sizeof h, "GNU", 4) == 0) {
				b->id = note + at + sizeof h + name;
				b->len = h.n_descsz;
				return 1;
			}
			at += sizeof h + name + desc;
		}
	}
	return 1;	/* the first object is the program: look no further */
}

/* Without a build id there is nothing to tell builds apart: no cache. */
static const struct build_id *
build_id(void)
{
	static struct build_id b;
	static bool looked;

	if (!looked) {
		dl_iterate_phdr(find_build_id, &b);
		looked = true;
	}
	return b.len > 0 ? &b : NULL;
}

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

/*
 * The cache directory: PLANWATCH_CACHE, else $XDG_CACHE_HOME/planwatch,
 * else ~/.cache/planwatch.  *parent is the folder a default one is made in,
 * and *make_parent whether that may be made too ($XDG_CACHE_HOME, or
 * ~/.cache in a home of the user's own).
 */
static char *
cache_dir(char **parent, bool *make_parent)
{
	const char *v = getenv("PLANWATCH_CACHE");
	struct stat st;

	*parent = NULL;
	*make_parent = false;
	if (v != NULL)
		return *v == '/' ? xstrdup(v) : NULL;
	if ((v = getenv("XDG_CACHE_HOME")) != NULL && *v == '/') {
		*parent = xstrdup(v);
		*make_parent = true;
		return xasprintf("%s/planwatch", v);
	}
	if ((v = getenv("HOME")) != NULL && *v == '/') {
		*parent = xasprintf("%s/.cache", v);
		*make_parent = stat(v, &st) == 0 && st.st_uid == geteuid();
		return xasprintf("%s/.cache/planwatch", v);
	}
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

/* Is st ours, and writable by no one else? */
static bool
private(const struct stat *st)
{
	return st->st_uid == geteuid() && (st->st_mode & 022) == 0;
}

/* Read exactly n bytes; false on an error or the end of the file first. */
static bool
read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		got += (size_t)r;
	}
	return true;
}

static bool
write_full(int fd, const void *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, (const char *)buf + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		done += (size_t)w;
	}
	return true;
}

/* The header, the name as given and the plan's length: what the plan's
 * bytes follow. */
static void
put_head(struct buf *b, const char *name, size_t len)
{
	const struct build_id *id = build_id();
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
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct buf head = BUF_INIT;
	struct stat st;
	char *a = NULL, *b, *img = NULL;
	uint64_t ilen, sum;
	size_t left = plen;
	struct plan *p = NULL;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !private(&st) ||
	    (unsigned long long)st.st_size > CACHE_MAX)
		goto out;
	put_head(&head, name, plen);
	a = xmalloc(2 * CHUNK);
	b = a + CHUNK;
	if (head.len > CHUNK || !read_full(fd, a, head.len) ||
	    memcmp(a, head.s, head.len) != 0)
		goto out;
	while (left > 0) {
		size_t n = left < CHUNK ? left : CHUNK;
		if (!read_full(fd, a, n) || !read_full(pfd, b, n) ||
		    memcmp(a, b, n) != 0)
			goto out;
		left -= n;
	}
	/* The plan file ends there (it may have grown since fstat). */
	if (read(pfd, b, 1) != 0 || !read_full(fd, &ilen, 8) ||
	    !read_full(fd, &sum, 8) ||
	    (uint64_t)st.st_size < (uint64_t)head.len + plen + 16 ||
	    ilen != (uint64_t)st.st_size - head.len - plen - 16)
		goto out;
	img = xmalloc(ilen + 1);
	if (read_full(fd, img, ilen) &&
	    hash_bytes((const unsigned char *)img, ilen) == sum)
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
	char *tmp;
	int fd;

	put_head(&head, name, len);
	plan_image_write(p, &img);
	ilen = img.len;
	sum = hash_bytes((const unsigned char *)img.s, img.len);
	tmp = xasprintf("%s.XXXXXX", file);
	if ((fd = mkstemp(tmp)) < 0)
		goto out;
	bool ok = write_full(fd, head.s, head.len) &&
	    write_full(fd, data, len) && write_full(fd, &ilen, 8) &&
	    write_full(fd, &sum, 8) && write_full(fd, img.s, img.len);
	if (close(fd) != 0 || !ok || rename(tmp, file) != 0)
		(void)unlink(tmp);
out:
	free(tmp);
	buf_release(&head);
	buf_release(&img);
}

/*
 * The cache directory, made if it is not there (a default one only in a
 * folder of the user's own, never in someone else's home), if it is a
 * directory of the user's that no one else can write to; else NULL.
 */
static char *
usable_cache_dir(void)
{
	bool make_parent;
	char *parent, *dir = cache_dir(&parent, &make_parent);
	struct stat st;

	if (dir != NULL && lstat(dir, &st) != 0 && errno == ENOENT) {
		if (parent != NULL && make_parent)
			(void)mkdir(parent, 0700);
		if (parent == NULL || (lstat(parent, &st) == 0 &&
		    S_ISDIR(st.st_mode) && st.st_uid == geteuid()))
			(void)mkdir(dir, 0700);
	}
	free(parent);
	if (dir != NULL && (lstat(dir, &st) != 0 || !S_ISDIR(st.st_mode) ||
	    !private(&st))) {
		free(dir);
		dir = NULL;
	}
	return dir;
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

	if (build_id() == NULL || !is_regular(path, &st) ||
	    (dir = usable_cache_dir()) == NULL)
		return NULL;
	file = cache_file(dir, path);
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
