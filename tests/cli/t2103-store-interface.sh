#!/bin/sh
# t2103: the store is chosen by the location's scheme.  A PostgreSQL URI
# (postgresql:// or postgres://, from -d or $PLANWATCH_DB) is not taken for
# the path of an SQLite file: it goes to the PostgreSQL store, which here
# finds no server (a Unix socket in a directory that is not there: no
# network) and says so once, exit 1, never showing the URI's password and
# never creating a file; any other location is still an SQLite file.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1
cat > plan.yaml <<'YAML'
format: 1
plan: 存储
start: 2024-01-01
end: 2024-12-31
departments:
  - {id: d, name: D}
targets:
  - {id: T, name: t, direction: ">=", target: 5, due: 2024-12-31, owner: d}
YAML
pw() { run "$PLANWATCH" -f plan.yaml --today 2024-06-15 "$@"; }
uri="postgresql://office:s3cret@/plans?host=$T/nowhere&sslmode=disable&password=s3cret"

pw status -d "$uri"
is "$rc" 1 "status on a PostgreSQL URI: exit 1"
has "$err" "planwatch: postgresql://office@/plans?host=$T/nowhere&sslmode=disable: " \
    "naming the store without its password"
has "$err" "$T/nowhere/.s.PGSQL.5432" "and where no server was"
is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "on one line"
hasnt "$out$err" "s3cret" "the password is never shown"

pw record T 3 --date 2024-06-01 -d "$uri"
is "$rc" 1 "record on a PostgreSQL URI: exit 1"
hasnt "$err" "s3cret" "record does not show the password either"

PLANWATCH_DB="postgres:///plans?host=$T/nowhere" pw check
is "$rc" 3 "check through \$PLANWATCH_DB: UNKNOWN"
has "$out$err" "postgres:///plans?host=$T/nowhere: " "check names the store"

PLANWATCH_DB="postgres:///plans?host=$T/nowhere" pw log
is "$rc" 1 "log through \$PLANWATCH_DB: exit 1"
is "$(ls)" "plan.yaml" "nothing was created for a URI"

# A path is an SQLite file, with or without a colon in it.
pw record T 3 --date 2024-06-01 -d 'a:b.db'
is "$rc" 0 "a path with a colon is an SQLite file"
ok "the file was made" test -s 'a:b.db'
pw status -d 'a:b.db'
has "$out" "1 on track" "and reads back"
finish
