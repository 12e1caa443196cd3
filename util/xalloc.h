/*
 * xalloc.h: allocation that cannot fail, and fatal errors.
 *
 * Running out of memory is the one error planwatch does not try to recover
 * from: the x-allocators call fatal(), which restores the terminal (through
 * the hook a front end registers) and exits with status 70 (EX_SOFTWARE is
 * reserved for bugs; 70 keeps monitoring's 0..3 free).  Everything else is
 * returned to the caller and reported once at the edge.
 */
#ifndef UTIL_XALLOC_H
#define UTIL_XALLOC_H

#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
/* Grow an array of nmemb elements of size bytes, checking overflow. */
void	*xreallocarray(void *, size_t nmemb, size_t size);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
/* printf into a fresh string the caller frees. */
char	*xasprintf(const char *, ...) __attribute__((format(printf, 1, 2)));

/* Print "planwatch: MESSAGE" and exit; runs the fatal hook first. */
void	 fatal(const char *, ...) __attribute__((format(printf, 1, 2), noreturn));
/* A front end that owns the terminal (curses) registers its cleanup here. */
void	 fatal_set_hook(void (*)(void));

/* Exit status fatal() uses. */
#define EXIT_FATAL 70

#endif
