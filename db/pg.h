/*
 * pg.h: what the office does to a PostgreSQL store besides recording
 * (planwatch-db(1)): make or move its schema forward, publish a plan's
 * departments and items, map a role to a department.  The store itself is
 * a backend like any other (db/postgres.c, store.h); these are the
 * commands that only a server store has.  All SQL stays in db/.
 *
 * Each connects to where (a postgresql:// or postgres:// URI), does its
 * work in one transaction, and disconnects.  They return STORE_OK or the
 * kind of failure with *err set to a message naming the store (shown
 * without its password).
 */
#ifndef DB_PG_H
#define DB_PG_H

#include "db/store.h"
#include "model/plan.h"

/* Is where a PostgreSQL location? */
bool		 pg_location(const char *where);
/* Run the migrations missing (pg_migrations[]); *from and *to are the
 * schema versions before and after.  A newer schema is refused. */
enum store_error pg_db_init(const char *where, int *from, int *to,
		    char **err);
/* Publish p: its id and title, its departments, and its phases,
 * milestones and targets with their lead and supporting departments,
 * replacing what was published of it before. */
enum store_error pg_db_publish(const char *where, const struct plan *p,
		    char **err);
/* Role answers for department dept of the published plan plan. */
enum store_error pg_db_grant(const char *where, const char *plan,
		    const char *role, const char *dept, char **err);

#endif
