#!/bin/sh
# t1004: the session's cache of a review's facts: facts read from the cache
# give exactly what the database gives; a record, an import, a restored
# backup that then took other records, a row another program added below
# the highest seq, a damaged cache file or an older database never show in
# the output.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t100-cache.inc"
# How many cache files hold facts (a facts' key: "facts TOKEN ").
nfacts() {
	grep -alE 'facts [0-9]+ ' "$C"/*.review 2>/dev/null | grep -c .
}
# same DESC ARGS...: the command's output and status, cached, are the
# database's.
same() {
	_d=$1
	shift
	nocache "$@" > "$T/want" 2>&1; _want=$?
	pw "$@" > "$T/got" 2>&1; _got=$?
	ok "$_d: the same output from the cache" cmp -s "$T/want" "$T/got"
	is "$_got" "$_want" "$_d: the same exit status from the cache"
}

run pw import "$T/values.csv"
is "$rc" 0 "import succeeds"
is "$(nfacts)" 0 "no facts cached by import"

# Each front end twice: the first run reads the database and fills the
# cache, the second reads the cache.
for args in "status" "check" "report --format text" "report --format html" \
    "notice" "ics"; do
	# shellcheck disable=SC2086
	same "$args, first" $args
	# shellcheck disable=SC2086
	same "$args, again" $args
done
is "$(nfacts)" 2 "one cache file per kind of question (status, report)"
ok "facts cache files are private" \
    sh -c "! find '$C' -name '*.review' -perm /077 | grep -q ."

# Another date is another question: the file is replaced, not added to.
same "another date" --today 2025-12-31 status
same "back to the first date" status
is "$(nfacts)" 2 "still one file per kind of question"

# A record changes what the rules see, at once.
pw check > "$T/before"
run pw record T01-groups 12 --date 2026-10-30 --by 测试
is "$rc" 0 "record succeeds"
same "after a record" check
ok "the record shows" sh -c "! cmp -s '$T/before' '$T/got'"
has "$(cat "$T/got")" "'T01-groups'=12" "the value recorded is the one shown"
same "after a record, status" status

# An import too.
printf 'id,date,value\nT01-groups,2026-10-29,99\n' > "$T/more.csv"
run pw import "$T/more.csv"
is "$rc" 0 "a second import succeeds"
same "after an import" check
has "$(cat "$T/got")" "'T01-groups'=12" "the latest by date still shown"

# A backup restored, then written to with as many records as were made
# since it was taken: the same number of rows, other values.
run pw backup "$T/copy.db"
is "$rc" 0 "backup succeeds"
run pw record T01-groups 1 --date 2026-10-31
pw status > /dev/null
cp "$T/copy.db" "$T/plan.db"
rm -f "$T/plan.db-wal" "$T/plan.db-shm"
run pw record T01-groups 2 --date 2026-10-31
same "a restored backup, written to again" check
has "$(cat "$T/got")" "'T01-groups'=2;" "the value recorded after the restore is shown"
same "a restored backup, written to again, status" status

# A row another program adds below the highest seq, in a gap, is seen
# (the insert trigger of schema 6 sets the change token).
sqlite3 "$T/plan.db" "DELETE FROM events WHERE seq = 1 OR
    (item = 'T01-groups' AND asof = '2026-10-31')"
pw check > /dev/null
sqlite3 "$T/plan.db" "INSERT INTO events (seq, kind, item, asof, value,
    recorded_by, recorded) VALUES (1, 'value', 'T01-groups', '2026-10-31',
    77, 'x', '2026-10-31T00:00:00Z')"
same "a row added below the highest seq" check
has "$(cat "$T/got")" "'T01-groups'=77;" "the row added is the one shown"

# A damaged cache file is passed over, silently, and replaced.
nocache status > "$T/want"
for how in truncate flip garbage empty; do
	pw status > /dev/null
	f=$(ls "$C"/*.r0.review)
	damage "$how" "$f"
	run pw status
	is "$err" "" "cache file $how: nothing said"
	ok "cache file $how: the same output as the database gives" \
	    cmp -s "$T/want" "$T/.out"
	run pw status
	ok "cache file $how: replaced by a good one" \
	    cmp -s "$T/want" "$T/.out"
done

# A cache file grown far past any image is passed over unread.
pw status > /dev/null
truncate -s 1000M "$(ls "$C"/*.r0.review)"
run pw status
is "$err" "" "a 1000 MB cache file: nothing said"
ok "a 1000 MB cache file: the same output as the database gives" \
    cmp -s "$T/want" "$T/.out"

# A database of the schema before the generation (a reader never
# migrates): read as it is, nothing cached.
rm -f "$C"/*.review
sqlite3 "$T/plan.db" "DROP TRIGGER events_updated; DROP TRIGGER events_deleted;
    DROP TABLE generation; PRAGMA user_version = 3"
same "schema 3" status
same "schema 3, again" status
is "$(nfacts)" 0 "schema 3: no facts cached"
run pw record T01-groups 3 --date 2026-10-31
is "$(sqlite3 "$T/plan.db" 'PRAGMA user_version')" 6 \
    "a record moves it to schema 6"
same "schema 6 again" status
is "$(nfacts)" 1 "schema 6: cached again"

# PLANWATCH_CACHE= turns it off.
rm -f "$C"/*.review
nocache status > /dev/null
is "$(nfacts)" 0 "PLANWATCH_CACHE=: nothing cached"
finish
