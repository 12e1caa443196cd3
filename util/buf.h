/*
 * buf.h: a growable byte string, always NUL-terminated (git's strbuf).
 *
 * A struct buf is owned by whoever declares it; buf_release() frees the
 * storage and leaves an empty buffer, buf_detach() hands the string to the
 * caller.  BUF_INIT is a valid empty buffer.
 */
#ifndef UTIL_BUF_H
#define UTIL_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*s;	/* NUL-terminated, or NULL while cap == 0 */
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_grow(struct buf *, size_t extra);
void	 buf_add(struct buf *, const char *, size_t);
void	 buf_puts(struct buf *, const char *);
void	 buf_putc(struct buf *, int);
void	 buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list);
/* Cut the buffer to its first len bytes (len at most its length). */
void	 buf_truncate(struct buf *, size_t len);
/* Empty the buffer but keep its storage. */
void	 buf_reset(struct buf *);
void	 buf_release(struct buf *);
/* Return the string (never NULL) and leave the buffer empty. */
char	*buf_detach(struct buf *);
/* The string, "" when nothing was added yet. */
const char *buf_str(const struct buf *);

#endif
