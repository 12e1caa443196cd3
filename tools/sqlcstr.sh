#!/bin/sh
# sqlcstr.sh: the PostgreSQL schema (db/pg_schema.sql) as C, for the
# library: the array pg_migrations[] of db/pg_schema.h, one string per
# migration ("-- planwatch:migration N" to the next such line), so that
# planwatch needs no file at run time.  The strings are written as bytes:
# ISO C promises string literals of 4095 bytes only, and a byte needs no
# escaping.  The migrations must be numbered 1, 2, ... in order, and as
# many as PG_SCHEMA_VERSION says (checked when compiled).
#
#   sh tools/sqlcstr.sh db/pg_schema.sql > build/db/pg_schema_sql.c
set -eu
LC_ALL=C awk '
BEGIN {
	for (i = 1; i < 256; i++)
		ord[sprintf("%c", i)] = i
	n = 0
	bad = 0
	print "/* Made from " ARGV[1] " by tools/sqlcstr.sh: do not edit. */"
	print "#include \"db/pg_schema.h\""
}
function end_migration() {
	if (n > 0)
		printf "\n\t0\n};\n"
}
/^-- planwatch:migration [0-9]+$/ {
	if ($3 != n + 1) {
		printf("%s:%d: migration %s after %d\n", FILENAME, FNR, $3,
		    n) > "/dev/stderr"
		bad = 1
		exit 1
	}
	end_migration()
	n++
	printf "\nstatic const char migration_%d[] = {", n
	col = 0
}
n > 0 {
	line = $0 "\n"
	for (i = 1; i <= length(line); i++) {
		if (col++ % 16 == 0)
			printf "\n\t"
		printf "%d,", ord[substr(line, i, 1)]
	}
}
END {
	if (bad)
		exit 1
	if (n == 0) {
		print FILENAME ": no migration" > "/dev/stderr"
		exit 1
	}
	end_migration()
	printf "\nconst char *const pg_migrations[] = {"
	for (i = 1; i <= n; i++)
		printf "\n\tmigration_%d,", i
	printf "\n};\n_Static_assert(sizeof pg_migrations / sizeof pg_migrations[0] =="
	printf "\n    PG_SCHEMA_VERSION, \"PG_SCHEMA_VERSION is not the number of migrations\");\n"
}' "$1"
