/*
 * yamlparse.c: the floor for reading a plan: one pass through libyaml's
 * event parser, building nothing (bench/run.sh).
 *
 * yamlparse FILE reads FILE whole, as planwatch's loader does, pulls every
 * event and prints how many there were.  Any loader that builds a plan must
 * do at least this much work.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

int
main(int argc, char **argv)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	FILE *fp;
	char *data;
	long len;
	size_t nevents = 0;
	int done = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: yamlparse FILE\n");
		return 2;
	}
	if ((fp = fopen(argv[1], "rb")) == NULL ||
	    fseek(fp, 0, SEEK_END) != 0 || (len = ftell(fp)) < 0 ||
	    fseek(fp, 0, SEEK_SET) != 0) {
		fprintf(stderr, "yamlparse: %s: %s\n", argv[1],
		    strerror(errno));
		return 1;
	}
	if ((data = malloc((size_t)len + 1)) == NULL ||
	    fread(data, 1, (size_t)len, fp) != (size_t)len) {
		fprintf(stderr, "yamlparse: %s: read error\n", argv[1]);
		return 1;
	}
	fclose(fp);

	yaml_parser_initialize(&parser);
	yaml_parser_set_input_string(&parser, (const unsigned char *)data,
	    (size_t)len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			fprintf(stderr, "yamlparse: %s:%zu:%zu: %s\n", argv[1],
			    parser.problem_mark.line + 1,
			    parser.problem_mark.column + 1,
			    parser.problem ? parser.problem : "error");
			return 1;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		yaml_event_delete(&ev);
		nevents++;
	}
	yaml_parser_delete(&parser);
	free(data);
	printf("%zu events\n", nevents);
	return 0;
}
