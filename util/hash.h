/*
 * hash.h: FNV-1a, the string hash of planwatch's open-addressing tables
 * (the plan's ids and its loader's, facts by item, a recording batch's
 * latest dates).  Not for damage or security: see cachefile_hash.
 */
#ifndef UTIL_HASH_H
#define UTIL_HASH_H

#include <stddef.h>
#include <stdint.h>

/* The hash of the n bytes of s. */
static inline uint32_t
hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The hash of the string s. */
static inline uint32_t
hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	while (*s != '\0')
		h = (h ^ (unsigned char)*s++) * 16777619u;
	return h;
}

#endif
