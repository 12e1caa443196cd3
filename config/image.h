/*
 * image.h: a loaded plan as bytes, and back again (for the plan cache,
 * cache.c).
 *
 * An image holds every field of a struct plan as the loader left it, in
 * this machine's byte order; it is not a file format to exchange.  Reading
 * one checks every count, index, enumeration and string against its bounds,
 * so that bytes that are not an image written by plan_image_write give
 * NULL, never a plan the rules could trip over.
 */
#ifndef CONFIG_IMAGE_H
#define CONFIG_IMAGE_H

#include <stddef.h>

#include "model/plan.h"
#include "util/buf.h"

/* Append the image of p to out. */
void		 plan_image_write(const struct plan *p, struct buf *out);
/* The plan in data[0..len), indexed, or NULL when the bytes are not a
 * whole, well-formed image.  The caller frees it with plan_free(). */
struct plan	*plan_image_read(const void *data, size_t len);

#endif
