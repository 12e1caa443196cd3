/*
 * ansi.h: ANSI colour for a status tone, on a terminal that wants it.
 *
 * Colour only ever doubles a status's symbol and word (model/status.h);
 * the caller decides whether to colour (cli_use_color: a terminal, NO_COLOR
 * unset, --color).
 */
#ifndef REPORT_ANSI_H
#define REPORT_ANSI_H

#include <stdbool.h>

#include "model/status.h"

struct buf;

#define ANSI_RESET	"\033[0m"

/* The SGR sequence that starts text of this tone; "" for neutral. */
const char	*ansi_tone(enum tone);
/* Append s (already made safe) to b, in tone's colour when color. */
void		 ansi_put(struct buf *, enum tone, bool color, const char *s);

#endif
