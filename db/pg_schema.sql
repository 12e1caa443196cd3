-- pg_schema.sql: the PostgreSQL store's schema, its roles and its
-- row-level security (planwatch-database(5), POSTGRESQL).
--
-- The file is a list of migrations, each beginning with a line
-- "-- planwatch:migration N"; migration N takes a database from schema
-- version N - 1 to N.  tools/sqlcstr.sh makes them the C array
-- pg_migrations[] (db/pg_schema.h), so that the binary needs no file at run
-- time.  A migration is run whole in one transaction (the backend's, or
-- psql -1 -f); it holds no BEGIN or COMMIT and ends by setting
-- planwatch.schema_version to N.  Never edit a migration that has been
-- released: add the next one.
--
-- Who runs them: migration 1 makes the roles (cluster-wide, once) and the
-- schema, so it needs a role that may create roles and schemas in the
-- database (a superuser, or the database's owner with CREATEROLE); it makes
-- that role a member of planwatch_owner.  A later migration needs only
-- membership of planwatch_owner.  Each sets its role to planwatch_owner
-- first, so that the owner of everything is planwatch_owner, never a
-- login, and neither the office nor a department owns a table (an owner
-- could switch its row-level security off).
--
-- Identity: rights follow current_user (the role a statement runs as, as
-- PostgreSQL's privileges do), through membership: a department's role may
-- be a group whose members are its clerks' logins.  The recorder of a row
-- is session_user (the login), stamped by the server.
--
-- Text that names things is COLLATE "C", so that it sorts by bytes, as in
-- SQLite, whatever the database's locale.

-- planwatch:migration 1

-- The group roles, NOLOGIN, made when missing (roles belong to the
-- cluster; a second planwatch database in it shares them), and the
-- memberships, given when missing: the role running this one becomes a
-- member of planwatch_owner; planwatch_owner may grant planwatch_dept and
-- planwatch_reader, for grant_dept() and grant_read(), through which the
-- office gives a login its rights without being a member of either.
DO $roles$
DECLARE
	r text;
BEGIN
	FOREACH r IN ARRAY ARRAY['planwatch_owner', 'planwatch_office',
	    'planwatch_dept', 'planwatch_reader'] LOOP
		IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles
		    WHERE rolname = r) THEN
			EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
		END IF;
	END LOOP;
	IF NOT pg_catalog.pg_has_role(session_user, 'planwatch_owner',
	    'MEMBER') THEN
		GRANT planwatch_owner TO SESSION_USER;
	END IF;
	FOREACH r IN ARRAY ARRAY['planwatch_dept', 'planwatch_reader'] LOOP
		IF NOT pg_catalog.pg_has_role('planwatch_owner', r,
		    'MEMBER WITH ADMIN OPTION') THEN
			EXECUTE pg_catalog.format('GRANT %I TO planwatch_owner '
			    'WITH ADMIN OPTION', r);
		END IF;
	END LOOP;
END
$roles$;

CREATE SCHEMA planwatch AUTHORIZATION planwatch_owner;
SET LOCAL ROLE planwatch_owner;
SET LOCAL search_path = pg_catalog, planwatch;

-- One row: the schema's version.  A planwatch refuses a database whose
-- version is above the last migration it has; it runs the ones missing.
CREATE TABLE planwatch.schema_version (
	one int PRIMARY KEY CHECK (one = 1),
	version int NOT NULL
);

-- A plan published by the office (planwatch db publish), by its id.
CREATE TABLE planwatch.plans (
	id text COLLATE "C" PRIMARY KEY CHECK (length(id) > 0),
	title text NOT NULL,
	published timestamptz NOT NULL DEFAULT now(),
	published_by text NOT NULL DEFAULT session_user
);

CREATE TABLE planwatch.departments (
	plan text COLLATE "C" NOT NULL
	    REFERENCES planwatch.plans (id) ON DELETE CASCADE,
	id text COLLATE "C" NOT NULL CHECK (length(id) > 0),
	name text NOT NULL,
	PRIMARY KEY (plan, id)
);

-- The plan's phases, milestones and targets with their lead (owner) and
-- supporting departments.  A recurring milestone's instances (M@PERIOD)
-- are not published: they are answered for as their milestone is.
CREATE TABLE planwatch.items (
	plan text COLLATE "C" NOT NULL
	    REFERENCES planwatch.plans (id) ON DELETE CASCADE,
	id text COLLATE "C" NOT NULL
	    CHECK (length(id) > 0 AND strpos(id, '@') = 0),
	kind text NOT NULL
	    CHECK (kind IN ('phase', 'milestone', 'target')),
	lead text COLLATE "C",
	supports text[] COLLATE "C" NOT NULL DEFAULT '{}',
	PRIMARY KEY (plan, id)
);

-- Which role answers for which department of a plan (planwatch db grant
-- ROLE --dept ID, which also grants the role planwatch_dept).  A role's
-- members act for the department too.
CREATE TABLE planwatch.dept_roles (
	plan text COLLATE "C" NOT NULL
	    REFERENCES planwatch.plans (id) ON DELETE CASCADE,
	role text COLLATE "C" NOT NULL,
	dept text COLLATE "C" NOT NULL,
	PRIMARY KEY (plan, role, dept)
);
CREATE INDEX dept_roles_dept ON planwatch.dept_roles (plan, dept);

-- Plans a role may read besides those it answers for.
CREATE TABLE planwatch.plan_readers (
	plan text COLLATE "C" NOT NULL
	    REFERENCES planwatch.plans (id) ON DELETE CASCADE,
	role text COLLATE "C" NOT NULL,
	PRIMARY KEY (plan, role)
);

-- Every record ever made, as in the SQLite store's events, with its plan.
-- Rows are only ever added: nobody may update or delete one.  The one
-- change is superseded_by, set by the server (events_order()) when a later
-- row of the same plan, item, date and sort is added.  seq is the order
-- of recording within a plan: writes to a plan are serialised, and seq is
-- drawn under that lock, so a plan's highest seq names its state.
CREATE SEQUENCE planwatch.events_seq AS bigint;
CREATE TABLE planwatch.events (
	seq bigint PRIMARY KEY,
	plan text COLLATE "C" NOT NULL REFERENCES planwatch.plans (id),
	kind text COLLATE "C" NOT NULL CHECK (kind IN ('value', 'progress',
	    'done', 'reopen', 'void')),
	item text COLLATE "C" NOT NULL CHECK (length(item) > 0),
	asof date NOT NULL,
	value double precision,
	level text,
	note text,
	source text,
	recorded_by text NOT NULL,
	recorded timestamptz NOT NULL,
	superseded_by bigint REFERENCES planwatch.events (seq)
	    DEFERRABLE INITIALLY DEFERRED
);
ALTER SEQUENCE planwatch.events_seq OWNED BY planwatch.events.seq;
CREATE INDEX events_item_asof ON planwatch.events (plan, item, asof);
-- The current rows by item and date: a review's seek for an item's
-- latest as of a date, and events_order()'s for the rows a new one
-- supersedes, exact to the item and date (with kind before them, that
-- look-up walked every current row of the plan, the kind being no index
-- condition there).
CREATE INDEX events_current ON planwatch.events (plan, item, asof, kind,
    seq) INCLUDE (value, level) WHERE superseded_by IS NULL;
CREATE INDEX events_plan_seq ON planwatch.events (plan, seq);

-- Whether role r acts as role m (a role of dept_roles or plan_readers):
-- it is m, or a member of m with its rights.  r must be one the
-- session's login may become, so that nobody learns another role's
-- rights through the functions below; an m that no longer exists is
-- nobody.
CREATE FUNCTION planwatch.acts_as(r name, m text)
RETURNS boolean
LANGUAGE sql STABLE
AS $$
	-- One expression, no sub-query, so that it is inlined where it is
	-- used (a call per row cost 0.7 ms); to_regrole is NULL for a role
	-- that no longer exists, where pg_has_role would fail.
	SELECT pg_catalog.pg_has_role(session_user, r, 'MEMBER')
	    AND coalesce(pg_catalog.pg_has_role(r,
		pg_catalog.to_regrole(pg_catalog.quote_ident(m)), 'USAGE'),
		false)
$$;

-- The departments of plan p that role r acts for.
CREATE FUNCTION planwatch.departments_of(p text, r name)
RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
AS $$
	SELECT DISTINCT dept FROM planwatch.dept_roles
	WHERE plan = p AND planwatch.acts_as(r, role)
	ORDER BY 1
$$;

-- The plans role r may read: those it answers for a department of, and
-- those plan_readers lists for it.  The office and planwatch_reader read
-- every plan through their own policies.
CREATE FUNCTION planwatch.readable_plans(r name)
RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
AS $$
	SELECT plan FROM planwatch.dept_roles WHERE planwatch.acts_as(r, role)
	UNION SELECT plan FROM planwatch.plan_readers
	WHERE planwatch.acts_as(r, role)
$$;

-- Whether role r may record item it (a target, a milestone or M@PERIOD)
-- of plan p: one of its departments leads or supports it.
CREATE FUNCTION planwatch.may_record(p text, it text, r name)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
SET enable_seqscan = off
AS $$
	SELECT EXISTS (SELECT FROM planwatch.items i
	    JOIN planwatch.dept_roles dr ON dr.plan = i.plan
		AND (dr.dept = i.lead OR dr.dept = ANY (i.supports))
	    WHERE i.plan = p AND i.id = split_part(it, '@', 1)
		AND planwatch.acts_as(r, dr.role))
$$;

-- planwatch db grant ROLE --dept ID: role (a login, or a group of logins)
-- answers for department dept of plan p, may record its items and read
-- the plan.  Taking a role's rights back is deleting its dept_roles row.
CREATE FUNCTION planwatch.grant_dept(p text, r name, dept text)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM planwatch.departments
	    WHERE plan = p AND id = dept) THEN
		RAISE EXCEPTION USING ERRCODE = 'undefined_object',
		    MESSAGE = format('plan %L has no department %L (publish '
		        'the plan first)', p, dept);
	END IF;
	IF NOT pg_has_role(r, 'planwatch_dept', 'MEMBER') THEN
		EXECUTE format('GRANT planwatch_dept TO %I', r);
	END IF;
	INSERT INTO planwatch.dept_roles VALUES (p, r, dept)
	    ON CONFLICT DO NOTHING;
END
$$;

-- Let role read plan p (a department of another plan, a county's
-- viewer), or every plan when p is NULL (planwatch_reader: the office's
-- cron check, a printout on a standby).
CREATE FUNCTION planwatch.grant_read(p text, r name)
RETURNS void
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
AS $$
BEGIN
	IF p IS NULL THEN
		IF NOT pg_has_role(r, 'planwatch_reader', 'MEMBER') THEN
			EXECUTE format('GRANT planwatch_reader TO %I', r);
		END IF;
		RETURN;
	END IF;
	IF NOT pg_has_role(r, 'planwatch_dept', 'MEMBER') THEN
		EXECUTE format('GRANT planwatch_dept TO %I', r);
	END IF;
	INSERT INTO planwatch.plan_readers VALUES (p, r)
	    ON CONFLICT DO NOTHING;
END
$$;

-- Before every row added, whoever adds it: stamp the recorder and the
-- time, and refuse a department's row for an item it does not answer for
-- with a message naming both (SQLSTATE 42501, constraint
-- events_department).  SECURITY INVOKER, so that current_user is the
-- writer's role; the policies check the same again.
CREATE FUNCTION planwatch.events_check()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, planwatch
AS $$
DECLARE
	depts text;
BEGIN
	-- Only planwatch_owner (planwatch db copy) keeps a history's own.
	IF current_user <> 'planwatch_owner' OR NEW.recorded_by IS NULL
	    OR NEW.recorded IS NULL THEN
		NEW.recorded_by := session_user;
		NEW.recorded := date_trunc('second', now());
	END IF;
	IF current_user = 'planwatch_owner' OR pg_has_role(current_user,
	    'planwatch_office', 'USAGE') OR planwatch.may_record(NEW.plan,
	    NEW.item, current_user) THEN
		RETURN NEW;
	END IF;
	SELECT string_agg(format('%L', d), ', ') INTO depts
	FROM planwatch.departments_of(NEW.plan, current_user) AS d;
	IF depts IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
		    CONSTRAINT = 'events_department',
		    MESSAGE = format('role %L answers for no department of '
		        'plan %L: cannot record %L', current_user, NEW.plan,
		        NEW.item),
		    HINT = 'the office maps a role to a department with '
		        'planwatch db grant ROLE --dept ID';
	END IF;
	RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
	    CONSTRAINT = 'events_department',
	    MESSAGE = format('department %s neither leads nor supports %L of '
	        'plan %L', depts, NEW.item, NEW.plan),
	    DETAIL = format('role %L acts for department %s', current_user,
	        depts);
END
$$;

-- Then, as the owner: serialise the plan's writers, draw seq under that
-- lock, mark the current rows the new one supersedes (of the same plan,
-- item and date, and of its sort: a value, a progress, or a completion,
-- where done and reopen replace each other; a void supersedes every
-- current row of its item and date, issue 16.11), and tell the listeners
-- (LISTEN planwatch; the payload is the plan's id, sent once per plan and
-- transaction, at commit).  A trigger function cannot be called by
-- itself, so no client can mark a row superseded.  Its look-up is planned
-- once and kept for every row after: planned while the table was small
-- (a new database, an import's first rows, statistics not yet gathered),
-- it would walk the whole table at every row, so an import of N rows took
-- time in N squared (100,000 rows: 12 minutes).  enable_seqscan = off, here
-- and in may_record(), keeps them on their indexes.
CREATE FUNCTION planwatch.events_order()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
SET enable_seqscan = off
AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(1347896386, hashtext(NEW.plan));
	NEW.seq := nextval('planwatch.events_seq');
	NEW.superseded_by := NULL;
	UPDATE planwatch.events SET superseded_by = NEW.seq
	WHERE plan = NEW.plan AND item = NEW.item AND asof = NEW.asof
	    AND superseded_by IS NULL AND kind = ANY (CASE NEW.kind
		WHEN 'value' THEN ARRAY['value']
		WHEN 'progress' THEN ARRAY['progress']
		WHEN 'done' THEN ARRAY['done', 'reopen']
		WHEN 'reopen' THEN ARRAY['done', 'reopen']
		ELSE ARRAY['value', 'progress', 'done', 'reopen', 'void']
	    END);
	PERFORM pg_notify('planwatch', NEW.plan);
	RETURN NEW;
END
$$;
-- BEFORE ROW triggers fire in the order of their names.
CREATE TRIGGER events_1_check BEFORE INSERT ON planwatch.events
    FOR EACH ROW EXECUTE FUNCTION planwatch.events_check();
CREATE TRIGGER events_2_order BEFORE INSERT ON planwatch.events
    FOR EACH ROW EXECUTE FUNCTION planwatch.events_order();

-- The one change a row may see is its superseded_by, once, to a later
-- row; DELETE and TRUNCATE are refused here too, for a role that was
-- given those rights by mistake.
CREATE FUNCTION planwatch.events_refuse_change()
RETURNS trigger
LANGUAGE plpgsql
SET search_path = pg_catalog, planwatch
AS $$
BEGIN
	IF TG_OP = 'UPDATE' AND OLD.superseded_by IS NULL
	    AND NEW.superseded_by > OLD.seq
	    AND (NEW.seq, NEW.plan, NEW.kind, NEW.item, NEW.asof, NEW.value,
		NEW.level, NEW.note, NEW.source, NEW.recorded_by,
		NEW.recorded) IS NOT DISTINCT FROM (OLD.seq, OLD.plan,
		OLD.kind, OLD.item, OLD.asof, OLD.value, OLD.level, OLD.note,
		OLD.source, OLD.recorded_by, OLD.recorded) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION USING ERRCODE = 'insufficient_privilege',
	    MESSAGE = format('records are never changed or deleted (%s): '
	        'a correction or a void is a new record', TG_OP);
END
$$;
CREATE TRIGGER events_refuse_update BEFORE UPDATE ON planwatch.events
    FOR EACH ROW EXECUTE FUNCTION planwatch.events_refuse_change();
CREATE TRIGGER events_refuse_delete BEFORE DELETE ON planwatch.events
    FOR EACH ROW EXECUTE FUNCTION planwatch.events_refuse_change();
CREATE TRIGGER events_refuse_truncate BEFORE TRUNCATE ON planwatch.events
    FOR EACH STATEMENT EXECUTE FUNCTION planwatch.events_refuse_change();

-- Privileges: nothing for PUBLIC; the owner keeps of events only what
-- events_order() needs.
REVOKE ALL ON SCHEMA planwatch FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA planwatch FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA planwatch FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON planwatch.events FROM planwatch_owner;
GRANT UPDATE (superseded_by) ON planwatch.events TO planwatch_owner;
GRANT USAGE ON SCHEMA planwatch
    TO planwatch_office, planwatch_dept, planwatch_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA planwatch
    TO planwatch_office, planwatch_dept, planwatch_reader;
GRANT INSERT, UPDATE, DELETE ON planwatch.plans, planwatch.departments,
    planwatch.items, planwatch.dept_roles, planwatch.plan_readers
    TO planwatch_office;
GRANT INSERT ON planwatch.events TO planwatch_office, planwatch_dept;
GRANT USAGE ON SEQUENCE planwatch.events_seq
    TO planwatch_office, planwatch_dept;
GRANT EXECUTE ON FUNCTION planwatch.departments_of(text, name),
    planwatch.readable_plans(name), planwatch.may_record(text, text, name)
    TO planwatch_office, planwatch_dept, planwatch_reader;
GRANT EXECUTE ON FUNCTION planwatch.grant_dept(text, name, text),
    planwatch.grant_read(text, name) TO planwatch_office;

-- Row-level security.  events: forced, so that even its owner passes the
-- policies; no UPDATE policy but the owner's (for events_order()), no DELETE
-- policy at all.  The other tables: the office writes them, a department
-- reads the rows of the plans it may read.
ALTER TABLE planwatch.events ENABLE ROW LEVEL SECURITY;
ALTER TABLE planwatch.events FORCE ROW LEVEL SECURITY;
CREATE POLICY events_read_all ON planwatch.events FOR SELECT
    TO planwatch_owner, planwatch_office, planwatch_reader USING (true);
CREATE POLICY events_read_dept ON planwatch.events FOR SELECT
    TO planwatch_dept
    USING (plan IN (SELECT planwatch.readable_plans(current_user)));
CREATE POLICY events_insert_all ON planwatch.events FOR INSERT
    TO planwatch_owner, planwatch_office WITH CHECK (true);
CREATE POLICY events_insert_dept ON planwatch.events FOR INSERT
    TO planwatch_dept
    WITH CHECK (planwatch.may_record(plan, item, current_user));
CREATE POLICY events_supersede ON planwatch.events FOR UPDATE
    TO planwatch_owner USING (superseded_by IS NULL) WITH CHECK (true);

-- The same two policies on each (plans has its id where the others have
-- plan): TABLE_all and TABLE_read_dept.
DO $policies$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY['plans', 'departments', 'items',
	    'dept_roles', 'plan_readers'] LOOP
		EXECUTE format('ALTER TABLE planwatch.%I '
		    'ENABLE ROW LEVEL SECURITY', t);
		EXECUTE format('CREATE POLICY %I ON planwatch.%I '
		    'TO planwatch_office, planwatch_reader '
		    'USING (true) WITH CHECK (true)', t || '_all', t);
		EXECUTE format('CREATE POLICY %I ON planwatch.%I FOR SELECT '
		    'TO planwatch_dept USING (%I IN '
		    '(SELECT planwatch.readable_plans(current_user)))',
		    t || '_read_dept', t,
		    CASE t WHEN 'plans' THEN 'id' ELSE 'plan' END);
	END LOOP;
END
$policies$;

INSERT INTO planwatch.schema_version VALUES (1, 1);

-- planwatch:migration 2

-- planwatch db copy (planwatch-db(1)): a history copied from another
-- store as it was recorded, with its recorders, its times and what each
-- row superseded.  Only the office may, through copy_record(), and only
-- into a plan that held no record when the copy's transaction began;
-- every other row is stamped and ordered by the server as before.
SET LOCAL ROLE planwatch_owner;
SET LOCAL search_path = pg_catalog, planwatch;

-- A row added as anyone but planwatch_owner (that is, but by
-- copy_record()) comes with no superseded_by, so that nobody else can ask
-- events_order() to supersede nothing (superseded_by -1).  SECURITY
-- INVOKER, so that current_user is the writer's role; first of the
-- BEFORE INSERT triggers by its name.
CREATE FUNCTION planwatch.events_copy_only()
RETURNS trigger
LANGUAGE plpgsql VOLATILE
SET search_path = pg_catalog, planwatch
AS $$
BEGIN
	IF current_user <> 'planwatch_owner' THEN
		NEW.superseded_by := NULL;
	END IF;
	RETURN NEW;
END
$$;
CREATE TRIGGER events_0_copy BEFORE INSERT ON planwatch.events
    FOR EACH ROW EXECUTE FUNCTION planwatch.events_copy_only();
REVOKE ALL ON FUNCTION planwatch.events_copy_only() FROM PUBLIC;

-- As in migration 1, but a copied row (superseded_by -1, which only
-- copy_record() can send) supersedes the rows copy_record() names, not
-- those the rule finds.
CREATE OR REPLACE FUNCTION planwatch.events_order()
RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
SET enable_seqscan = off
AS $$
BEGIN
	PERFORM pg_advisory_xact_lock(1347896386, hashtext(NEW.plan));
	NEW.seq := nextval('planwatch.events_seq');
	IF NEW.superseded_by IS DISTINCT FROM -1 THEN
		UPDATE planwatch.events SET superseded_by = NEW.seq
		WHERE plan = NEW.plan AND item = NEW.item AND asof = NEW.asof
		    AND superseded_by IS NULL AND kind = ANY (CASE NEW.kind
			WHEN 'value' THEN ARRAY['value']
			WHEN 'progress' THEN ARRAY['progress']
			WHEN 'done' THEN ARRAY['done', 'reopen']
			WHEN 'reopen' THEN ARRAY['done', 'reopen']
			ELSE ARRAY['value', 'progress', 'done', 'reopen',
			    'void']
		    END);
	END IF;
	NEW.superseded_by := NULL;
	PERFORM pg_notify('planwatch', NEW.plan);
	RETURN NEW;
END
$$;

-- planwatch db copy: add one row of a copied history as it was recorded,
-- by whom and when, superseding exactly the rows of this copy named by
-- their seq here (those it superseded in the store copied from), and
-- return the row's seq.  Only while every record plan p holds was added
-- by this very transaction, that is, p held none when the copy began
-- (SQLSTATE 55000 otherwise): the office cannot slip a row with another
-- recorder or time into a history that has begun.  SECURITY DEFINER, so
-- that the row is added as planwatch_owner, whose rows keep what they
-- say (events_check()); EXECUTE for planwatch_office alone.
CREATE FUNCTION planwatch.copy_record(p text, k text, it text, d date,
    v double precision, lv text, n text, src text, by text,
    at timestamptz, supersedes bigint[])
RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER
SET search_path = pg_catalog, planwatch
AS $$
DECLARE
	s bigint;
	linked bigint;
BEGIN
	PERFORM pg_advisory_xact_lock(1347896386, hashtext(p));
	-- A plan's rows are added in the order of seq, one writer at a
	-- time: its oldest row is this transaction's only if all are.
	IF EXISTS (SELECT FROM (SELECT xmin FROM planwatch.events
	    WHERE plan = p ORDER BY seq LIMIT 1) AS oldest
	    WHERE NOT oldest.xmin = xid(pg_current_xact_id())) THEN
		RAISE EXCEPTION USING
		    ERRCODE = 'object_not_in_prerequisite_state',
		    MESSAGE = format('plan %L holds records already: a copy '
		        'goes only into a plan that has none', p);
	END IF;
	IF by IS NULL OR at IS NULL THEN
		RAISE EXCEPTION USING ERRCODE = 'null_value_not_allowed',
		    MESSAGE = 'a copied record names who recorded it and when';
	END IF;
	INSERT INTO planwatch.events (plan, kind, item, asof, value, level,
	    note, source, recorded_by, recorded, superseded_by)
	VALUES (p, k, it, d, v, lv, n, src, by, at, -1)
	RETURNING seq INTO s;
	UPDATE planwatch.events SET superseded_by = s
	WHERE plan = p AND seq = ANY (supersedes) AND seq < s
	    AND superseded_by IS NULL;
	GET DIAGNOSTICS linked = ROW_COUNT;
	IF linked <> (SELECT count(DISTINCT x) FROM unnest(supersedes) x) THEN
		RAISE EXCEPTION USING ERRCODE = 'invalid_parameter_value',
		    MESSAGE = format('a copied record of %L supersedes a row '
		        'that this copy has not added, or that another '
		        'supersedes', it);
	END IF;
	RETURN s;
END
$$;
REVOKE ALL ON FUNCTION planwatch.copy_record(text, text, text, date,
    double precision, text, text, text, text, timestamptz, bigint[])
    FROM PUBLIC;
GRANT EXECUTE ON FUNCTION planwatch.copy_record(text, text, text, date,
    double precision, text, text, text, text, timestamptz, bigint[])
    TO planwatch_office;

UPDATE planwatch.schema_version SET version = 2;

-- planwatch:migration 3

-- The latest progress, done and reopen of every item, a review's first
-- read (postgres.c's load_latest_progress): the current rows of those
-- kinds alone, in the order it reads them, instead of a walk of every
-- current row of the plan (at province scale 29,000 of 550,000 rows, read
-- in 160 ms and sorted).
SET LOCAL ROLE planwatch_owner;
SET LOCAL search_path = pg_catalog, planwatch;

CREATE INDEX events_progress ON planwatch.events (plan, kind, item, asof,
    seq) INCLUDE (value) WHERE superseded_by IS NULL AND kind < 'value';

UPDATE planwatch.schema_version SET version = 3;
