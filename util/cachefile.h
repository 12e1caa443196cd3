/*
 * cachefile.h: the files of planwatch's cache (session/cache.c): where
 * they live, whose they may be, how they are read and replaced.
 *
 * The directory is $PLANWATCH_CACHE (absolute; empty or relative: no
 * cache), else $XDG_CACHE_HOME/planwatch, else ~/.cache/planwatch.  Only a
 * directory and files of the user's own that no one else can write to are
 * used; files are opened without following links and never wait on a FIFO;
 * a file is replaced whole by a rename.  Every failure is only a miss: the
 * callers then do the work the cache would have saved, and say nothing.
 */
#ifndef UTIL_CACHEFILE_H
#define UTIL_CACHEFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The program's GNU build id (the linker's hash of the whole program):
 * a cache written by any other build is passed over. */
struct build_id {
	const unsigned char	*id;
	size_t			 len;
};

/* NULL when the program has none: then there is no cache. */
const struct build_id *cachefile_build_id(void);

/* A hash of n bytes, to notice a damaged file (not for security). */
uint64_t	 cachefile_hash(const void *, size_t n);

/* The cache directory (made if need be), or NULL when there is none to
 * use; the caller frees it. */
char		*cachefile_dir(void);

/* The cache file in dir for the file at path, named as given, with the
 * suffix (".plan", ...); NULL when path has no real path. */
char		*cachefile_name(const char *dir, const char *path,
		    const char *suffix);

/* Open a cache file for reading: a regular file of the user's, that no one
 * else can write to, of at most max bytes (*size set); -1 otherwise. */
int		 cachefile_open(const char *file, size_t max, size_t *size);

/* Read or write exactly n bytes; false on an error or an early end. */
bool		 cachefile_read_full(int fd, void *, size_t n);
bool		 cachefile_write_full(int fd, const void *, size_t n);

/* Replace file with the n parts given, atomically (a temporary file,
 * renamed); on failure the old file stays and nothing is said. */
struct cachefile_part {
	const void	*p;
	size_t		 len;
};
void		 cachefile_replace(const char *file,
		    const struct cachefile_part *, size_t n);

#endif
