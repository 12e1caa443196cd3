/* svg.h: inline SVG charts for the HTML report (svg.c). */
#ifndef REPORT_SVG_H
#define REPORT_SVG_H

#include <stddef.h>

#include "model/status.h"

struct buf;
struct report;
struct rsink;

/* The colour a tone is drawn in. */
const char	*svg_tone_colour(enum tone);
/* Gantt chart of the phases and milestones, with the as-of line, after
 * the fill patterns it uses and a legend of the milestone states. */
void		 svg_gantt(struct rsink *, const struct report *);
/* A line chart of target ti (index into rv->targets). */
void		 svg_target(struct buf *, const struct review *, size_t ti);

#endif
