#!/bin/sh
# t2004-void.sh: planwatch void ID DATE cancels what is in force for an id
# as of a date, by a row the history keeps (issue 16.11): the rules see
# the date as if nothing had been recorded on it, a value superseded
# before stays superseded, and a void of nothing is refused.
. "$PW_TOP/tests/lib.sh"
cp "$PW_TOP/tests/data/store/plan.yaml" "$T/plan.yaml"
cd "$T" || exit 1
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }
csv() { printf '%s\n' "$out" | tr -d '\r'; }

pw record T-beds 5.0 --date 2024-05-31
pw record T-beds 5.5 --date 2024-06-10
pw record T-beds 5.7 --date 2024-06-10
is "$rc" 0 "a correction of the same date"

# The wrong date: void it.
pw void T-beds 2024-06-10 --note "录错日期"
is "$rc" 0 "void exits 0"
is "$out" "voided 'T-beds' as of 2024-06-10 (value 5.7)" \
    "void says what it cancelled"
pw export
has "$out" "T-beds,2024-05-31,5," "the earlier date's value is in force"
hasnt "$out" "2024-06-10" "nothing is in force as of the voided date"
hasnt "$out" "5.5" "the value superseded before does not come back"
pw log T-beds --format csv
is "$(csv | grep -c ',void,T-beds,2024-06-10,,录错日期,,0$')" 1 \
    "the void is kept in the log, with its note"
is "$(csv | grep -c ',value,T-beds,2024-06-10,')" 2 \
    "the voided values stay in the history"
is "$(csv | grep ',value,T-beds,2024-06-10,' | grep -c ',1$')" 2 \
    "both superseded"
pw log T-beds
has "$out" "voided" "log's text says voided"
pw log T-beds --format json
has "$out" '"kind": "void"' "log's JSON names the kind"

# The status as of the date: only the May value.
pw status --all
hasnt "$out" "5.7" "the rules do not see the voided value"

# A void of nothing: exit 1, a clear message, nothing written.
n=$("$PLANWATCH" -f plan.yaml log --format csv | wc -l)
pw void T-beds 2024-06-10
is "$rc" 1 "a second void of the same date fails"
is "$err" "planwatch: nothing is recorded for 'T-beds' as of 2024-06-10: nothing to void" \
    "and says why"
pw void T-nope 2024-06-10
is "$rc" 1 "a void of an id with no records fails"
pw void T-beds 2024-02-30
is "$rc" 2 "an invalid date is a usage error"
pw void T-beds
is "$rc" 2 "the date is required"
is "$("$PLANWATCH" -f plan.yaml log --format csv | wc -l)" "$n" \
    "a refused void writes nothing"

# Recorded again after a void: in force again, and voidable again.
pw record T-beds 6 --date 2024-06-10
pw export
has "$out" "T-beds,2024-06-10,6," "a record after a void is in force"

# A milestone's progress and done of one date: both are cancelled.
pw progress M-plan 40 --date 2024-06-01
pw done M-plan --date 2024-06-01
pw void M-plan 2024-06-01
is "$out" "voided 'M-plan' as of 2024-06-01 (progress 40%, done)" \
    "a void cancels every record of the id and date"
pw export
hasnt "$out" "M-plan" "nothing of M-plan is in force"
pw reopen M-plan
is "$rc" 1 "a voided done is not done"

# An instance is its own id: the milestone's void does not touch it.
pw done M-report@2024-03 --date 2024-04-02
pw void M-report 2024-04-02
is "$rc" 1 "the milestone's id is not its instance's"
pw void M-report@2024-03 2024-04-02
is "$rc" 0 "the instance's record is voided by its own id"

# A store of schema 4, whose kind CHECK knows no void, is moved forward
# by the first write: every row kept with its seq, and a void taken.
is "$(sqlite3 plan.db 'PRAGMA user_version')" 6 "schema 6"
sqlite3 plan.db "SELECT seq, kind, item, asof, value, superseded_by
    FROM events ORDER BY seq" >before
sqlite3 plan.db "DELETE FROM events WHERE kind = 'void';
    UPDATE events SET superseded_by = NULL WHERE superseded_by NOT IN
    (SELECT seq FROM events);
    CREATE TABLE e4 AS SELECT * FROM events; DROP TABLE events;
    CREATE TABLE events (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL
    CHECK (kind = 'value' OR kind = 'progress' OR kind = 'done' OR
    kind = 'reopen'), item TEXT NOT NULL, asof TEXT NOT NULL, value REAL,
    level TEXT, note TEXT, source TEXT, recorded_by TEXT NOT NULL,
    recorded TEXT NOT NULL, superseded_by INTEGER REFERENCES events(seq));
    INSERT INTO events SELECT * FROM e4; DROP TABLE e4;
    CREATE INDEX events_item_asof ON events(item, asof);
    CREATE INDEX events_current ON events(kind, item, asof, seq, value,
    level, superseded_by) WHERE superseded_by IS NULL;
    CREATE INDEX events_levels ON events(kind, item, level, asof,
    superseded_by) WHERE superseded_by IS NULL AND kind = 'value';
    CREATE TRIGGER events_updated AFTER UPDATE ON events BEGIN
    UPDATE generation SET value = random(); END;
    CREATE TRIGGER events_deleted AFTER DELETE ON events BEGIN
    UPDATE generation SET value = random(); END;
    PRAGMA user_version = 4"
if sqlite3 plan.db "INSERT INTO events (kind, item, asof, recorded_by,
    recorded) VALUES ('void', 'T-beds', '2024-05-31', 'x', 'y')" \
    2>/dev/null; then r=taken; else r=refused; fi
is "$r" refused "schema 4 refuses a void row"
sqlite3 plan.db "SELECT seq, kind, item, asof, value, superseded_by
    FROM events ORDER BY seq" >old4
pw status
is "$(sqlite3 plan.db 'PRAGMA user_version')" 4 "a reader leaves schema 4"
pw void T-beds 2024-05-31
is "$rc" 0 "a void on a schema 4 store"
is "$(sqlite3 plan.db 'PRAGMA user_version')" 6 "which moved it to schema 6"
sqlite3 plan.db "SELECT seq, kind, item, asof, value, superseded_by
    FROM events WHERE seq <= (SELECT max(seq) FROM events) - 1
    ORDER BY seq" | sed 's/|[0-9]*$/|/' >after
sed 's/|[0-9]*$/|/' old4 >want
ok "every row kept, with its seq" cmp -s want after
is "$(sqlite3 plan.db "SELECT count(*) FROM sqlite_master WHERE name IN
    ('events_item_asof', 'events_current', 'events_levels',
    'events_updated', 'events_deleted')")" 5 "indexes and triggers made again"
is "$(sqlite3 plan.db 'PRAGMA integrity_check; PRAGMA foreign_key_check')" ok \
    "the store is sound"
pw help void
has "$out" "ID DATE" "help names the arguments"
finish
