/*
 * image.h: a review's inputs as bytes, and back again, for the session's
 * cache (cache.c): a loaded plan, and the facts a review of it read.
 *
 * An image is in this machine's byte order; it is not a file format to
 * exchange.  The plan's is made from the field tables of model/plan.h, so
 * that it holds every field of a struct plan.  Reading checks every count,
 * index, enumeration, string and date against its bounds, so that bytes
 * that are not an image written here give NULL, never a plan or facts the
 * rules could trip over.
 */
#ifndef SESSION_IMAGE_H
#define SESSION_IMAGE_H

#include <stddef.h>

#include "model/facts.h"
#include "model/plan.h"
#include "util/buf.h"

/* Append the image of p, or of f, to out. */
void		 image_put_plan(struct buf *out, const struct plan *p);
void		 image_put_facts(struct buf *out, const struct facts *f);
/* The plan (indexed, and checked by plan_check), or the facts, in
 * data[0..len), or NULL when the bytes are not a whole, well-formed image;
 * the caller frees it. */
struct plan	*image_get_plan(const void *data, size_t len);
struct facts	*image_get_facts(const void *data, size_t len);

#endif
