/*
 * textwidth.c: print the display width of the widest line on standard
 * input, then each line wider than the argument (if given) with its
 * number.  Built by the width tests against util/text.c, so widths are
 * counted the way planwatch counts them (wcwidth under C.UTF-8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"

int
main(int argc, char **argv)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	long lineno = 0, limit = argc > 1 ? atol(argv[1]) : -1;
	int max = 0, over = 0;

	while ((n = getline(&line, &cap, stdin)) != -1) {
		int w;

		lineno++;
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		w = text_width(line);
		if (w > max)
			max = w;
		if (limit >= 0 && w > limit) {
			fprintf(stderr, "%ld: %d: %s\n", lineno, w, line);
			over++;
		}
	}
	free(line);
	printf("%d\n", max);
	return over > 0;
}
