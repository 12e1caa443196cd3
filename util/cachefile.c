/*
 * cachefile.c: the files of planwatch's cache (cachefile.h).
 */
#define _GNU_SOURCE	/* dl_iterate_phdr */

#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "util/cachefile.h"
#include "util/xalloc.h"

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
const struct build_id *
cachefile_build_id(void)
{
	static struct build_id b;
	static bool looked;

	if (!looked) {
		dl_iterate_phdr(find_build_id, &b);
		looked = true;
	}
	return b.len > 0 ? &b : NULL;
}

/* Eight bytes at a time: a cache file can be megabytes. */
uint64_t
cachefile_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
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

/* Is st ours, and writable by no one else? */
static bool
private(const struct stat *st)
{
	return st->st_uid == geteuid() && (st->st_mode & 022) == 0;
}

/*
 * The cache directory, made if it is not there (a default one only in a
 * folder of the user's own, never in someone else's home), if it is a
 * directory of the user's that no one else can write to; else NULL.
 */
char *
cachefile_dir(void)
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

/* Keyed by the real path and the name as given: one file each. */
char *
cachefile_name(const char *dir, const char *path, const char *suffix)
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
	file = xasprintf("%s/%016llx%s", dir, (unsigned long long)h, suffix);
	return file;
}

int
cachefile_open(const char *file, size_t max, size_t *size)
{
	/* O_NONBLOCK: should it be a FIFO, no wait. */
	int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
	struct stat st;

	if (fd < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || !private(&st) ||
	    (unsigned long long)st.st_size > max) {
		close(fd);
		return -1;
	}
	*size = (size_t)st.st_size;
	return fd;
}

bool
cachefile_read_full(int fd, void *buf, size_t n)
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

bool
cachefile_write_full(int fd, const void *buf, size_t n)
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

/* How old a temporary file must be before it counts as left by a run that
 * was killed while writing it: far longer than any write takes. */
#define STALE_TEMP_SECONDS	3600

/* Is name base + "." + the six characters mkstemp() puts for XXXXXX? */
static bool
is_temp_of(const char *name, const char *base, size_t blen)
{
	if (strncmp(name, base, blen) != 0 || name[blen] != '.' ||
	    strlen(name + blen + 1) != 6)
		return false;
	for (const char *c = name + blen + 1; *c != '\0'; c++)
		if (!isalnum((unsigned char)*c))
			return false;
	return true;
}

/*
 * Remove the temporary files of file that runs killed while writing it
 * left (a monitoring system kills a check that runs too long): regular
 * files of the user's, an hour old or more.  A write in progress has a
 * fresh one.  Best effort: nothing is said.
 */
static void
remove_stale_temps(const char *file)
{
	const char *slash = strrchr(file, '/');
	char *dir;
	DIR *d;
	struct dirent *e;
	time_t now = time(NULL);

	if (slash == NULL)
		return;
	dir = xstrndup(file, (size_t)(slash - file));
	if ((d = opendir(dir)) != NULL) {
		const char *base = slash + 1;
		size_t blen = strlen(base);
		struct stat st;

		while ((e = readdir(d)) != NULL) {
			if (!is_temp_of(e->d_name, base, blen) ||
			    fstatat(dirfd(d), e->d_name, &st,
			    AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
			    st.st_uid != geteuid() ||
			    st.st_mtime > now - STALE_TEMP_SECONDS)
				continue;
			(void)unlinkat(dirfd(d), e->d_name, 0);
		}
		closedir(d);
	}
	free(dir);
}

void
cachefile_replace(const char *file, const struct cachefile_part *part,
    size_t n)
{
	char *tmp = xasprintf("%s.XXXXXX", file);
	bool ok = true;
	int fd;

	remove_stale_temps(file);
	if ((fd = mkstemp(tmp)) >= 0) {
		for (size_t i = 0; ok && i < n; i++)
			ok = cachefile_write_full(fd, part[i].p, part[i].len);
		if (close(fd) != 0 || !ok || rename(tmp, file) != 0)
			(void)unlink(tmp);
	}
	free(tmp);
}
