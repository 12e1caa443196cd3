/*
 * image.h: a review's inputs as bytes, and back again, for the session's
 * cache (cache.c): a loaded plan and, when there are any, the facts a
 * review of it read.
 *
 * An image is in this machine's byte order; it is not a file format to
 * exchange.  The plan's part is made from the field tables of
 * model/plan.h, so that it holds every field of a struct plan.  Reading
 * checks every count, index, enumeration, string and date against its
 * bounds, so that bytes that are not an image written by image_write give
 * -1, never a plan or facts the rules could trip over.
 */
#ifndef SESSION_IMAGE_H
#define SESSION_IMAGE_H

#include <stddef.h>

#include "model/facts.h"
#include "model/plan.h"
#include "util/buf.h"

/* Append the image of p and of f (NULL: none) to out. */
void	 image_write(struct buf *out, const struct plan *p,
	    const struct facts *f);
/*
 * The plan (indexed, checked by plan_check) and the facts (NULL when the
 * image holds none) in data[0..len), or -1 when the bytes are not a whole,
 * well-formed image.  The caller frees them.
 */
int	 image_read(const void *data, size_t len, struct plan **p,
	    struct facts **f);

#endif
