/*
 * startup.c: the start-up floor: a program that loads the same three
 * libraries as planwatch (ncursesw, SQLite, libyaml), calls one function of
 * each so none is dropped by --as-needed, and exits (bench/run.sh).
 */
#include <stdio.h>

#include <curses.h>
#include <sqlite3.h>
#include <yaml.h>

int
main(void)
{
	printf("%s, SQLite %s, libyaml %s\n", curses_version(),
	    sqlite3_libversion(), yaml_get_version_string());
	return 0;
}
