/*
 * pg_schema.h: the PostgreSQL store's schema, db/pg_schema.sql, built into
 * the library (tools/sqlcstr.sh) so that planwatch db init needs no file
 * at run time.  planwatch-database(5), POSTGRESQL, says what it holds.
 *
 * pg_migrations[i] takes a database from schema version i to i + 1; it
 * sets planwatch.schema_version to i + 1 itself.  Run each in a
 * transaction of its own (it has no BEGIN or COMMIT), in order, from the
 * version in planwatch.schema_version (0 when the schema planwatch does
 * not exist), holding pg_advisory_xact_lock(1347896386) (the bigint form;
 * writers of records take the two-integer one) so that two planwatch
 * commands never migrate at once.  Migration 1 needs a role that may
 * create roles and schemas; the later ones, a member of planwatch_owner.
 * A database whose version is above PG_SCHEMA_VERSION was made by a newer
 * planwatch: refuse it, and change nothing.
 */
#ifndef DB_PG_SCHEMA_H
#define DB_PG_SCHEMA_H

#define PG_SCHEMA_VERSION	3

extern const char *const pg_migrations[PG_SCHEMA_VERSION];

#endif
