#!/bin/sh
# t1003: the session's cache of a plan: a plan read from the cache gives
# exactly what the parsed file gives; an edit, a damaged or foreign cache
# file, or a cache that cannot be written never shows in the output; plans
# with warnings, standard input and PLANWATCH_CACHE= are not cached.  A
# command that needs the plan only keeps it in a .plan file; a review
# keeps it with its facts in a .review file (t1004).
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t100-cache.inc"
# The cache file status reads, made anew.
status_file() {
	rm -f "$C"/*.review
	pw status > /dev/null
	ls "$C"/*.review
}

run pw import "$T/values.csv"
is "$rc" 0 "import (the plan's first load) succeeds"
is "$(ls "$C" | grep -c '\.plan$')" 1 "one cache file, made by the first load"
ok "the cache directory is private" \
    test "$(stat -c %a "$C")" = 700

# The same output from the cache as from the file, for every front end.
for args in "status" "check" "report --format json" "report --format text" \
    "notice" "ics" "export"; do
	# shellcheck disable=SC2086
	nocache $args > "$T/want" 2>&1; want_rc=$?
	# shellcheck disable=SC2086
	pw $args > "$T/got" 2>&1; got_rc=$?
	ok "$args: the same output from the cache" cmp -s "$T/want" "$T/got"
	is "$got_rc" "$want_rc" "$args: the same exit status from the cache"
done
is "$(ls "$C" | grep -c '\.plan$')" 1 "still one cache file"

# An edit of the same length, with the old modification time, is seen.
# (That a cache file is read at all: test_cache.c, test_cache_key.)
touch -r "$T/plan.yaml" "$T/mtime"
sed 's/三亚市/三丫市/' "$T/plan.yaml" > "$T/edit" && cat "$T/edit" > "$T/plan.yaml"
touch -r "$T/mtime" "$T/plan.yaml"
run pw status
has "$out" "三丫市" "an edit is seen though size and time are the same"
nocache status > "$T/want"
ok "edited: the same output as the file gives" cmp -s "$T/want" "$T/.out"

# A damaged cache file is passed over, silently, and replaced.
for how in truncate flip garbage empty; do
	f=$(status_file)
	damage "$how" "$f"
	run pw status
	is "$rc" 0 "cache file $how: status succeeds"
	is "$err" "" "cache file $how: nothing said"
	ok "cache file $how: the same output as the file gives" \
	    cmp -s "$T/want" "$T/.out"
	run pw status
	ok "cache file $how: replaced, then read" cmp -s "$T/want" "$T/.out"
done

# Temporary files that killed runs left beside the cache file go once an
# hour old, when that file is written again; a fresh one (a write in
# progress) and other names stay.
f=$(status_file)
# Without a cache file the names below would be made where the test runs.
is "$(printf '%s\n' "$f" | grep -c .)" 1 "one cache file to damage"
[ -f "$f" ] || f="$T/missing.plan"
for t in "$f.Ab12Z9" "$f.cd34YX" "$f.toolong1" "$C/other.plan.Ab12Z9"; do
	echo partial > "$t"
	touch -d '2 hours ago' "$t"
done
echo partial > "$f.Fresh1"
damage truncate "$f"	# so that it is written again
run pw status
is "$rc" 0 "stale temporary files: status succeeds"
ok "the stale temporary files of the cache file are removed" \
    sh -c "! ls '$f.Ab12Z9' '$f.cd34YX' 2>/dev/null | grep -q ."
ok "a fresh one stays" test -f "$f.Fresh1"
ok "a name mkstemp does not make stays" test -f "$f.toolong1"
ok "another cache file's stays" test -f "$C/other.plan.Ab12Z9"
rm -f "$f.Fresh1" "$f.toolong1" "$C/other.plan.Ab12Z9"

# The plan gone: an error, not the cached plan.
mv "$T/plan.yaml" "$T/moved.yaml"
run pw status
is "$rc" 1 "a missing plan is an error though it is cached"
has "$err" "cannot read" "and says so"
mv "$T/moved.yaml" "$T/plan.yaml"

# Another name for the same file: its own entry (the plan's id comes
# from the name).
ln -s plan.yaml "$T/other.yaml"
PLANWATCH_CACHE= "$PLANWATCH" -f "$T/other.yaml" -d "$T/plan.db" \
    --today 2026-10-31 report --format json > "$T/want"
"$PLANWATCH" -f "$T/other.yaml" -d "$T/plan.db" --today 2026-10-31 \
    report --format json > /dev/null
run "$PLANWATCH" -f "$T/other.yaml" -d "$T/plan.db" --today 2026-10-31 \
    report --format json
ok "a second name: the same output as the file gives" \
    cmp -s "$T/want" "$T/.out"
is "$(ls "$C" | grep -c '\.plan$')" 2 "a cache file per name"

# A cache file names the build that wrote it (the program's GNU build id):
# another build, whose loader may differ, passes it over.
if command -v readelf > /dev/null 2>&1; then
	id=$(readelf -n "$PLANWATCH" | sed -n 's/.*Build ID: *//p' | head -1)
	ok "the cache file holds the program's build id ($id)" \
	    grep -aq "^build $id\$" "$(ls "$C"/*.plan | head -1)"
else
	skip "build id in the cache file" "no readelf"
fi

# Not cached: a plan with warnings, standard input, PLANWATCH_CACHE= or a
# relative PLANWATCH_CACHE.
nfiles() { ls "$1" 2>/dev/null | grep -cE '\.(plan|review)$'; }
rm -rf "$C"
cp "$PW_TOP/tests/data/plans/warnings.yaml" "$T/warn.yaml"
run "$PLANWATCH" -f "$T/warn.yaml" -d "$T/warn.db" status
is "$rc" 0 "a plan with warnings loads"
is "$(nfiles "$C")" 0 "and is not cached"
"$PLANWATCH" -f - -d "$T/plan.db" status < "$T/plan.yaml" > /dev/null
is "$(nfiles "$C")" 0 "standard input is not cached"
nocache status > /dev/null
is "$(nfiles "$C")" 0 "PLANWATCH_CACHE= turns the cache off"
(cd "$T" && env PLANWATCH_CACHE=rel "$PLANWATCH" -f plan.yaml -d plan.db \
    status > /dev/null)
ok "a relative PLANWATCH_CACHE is not used" test ! -e "$T/rel"
mkdir "$T/home"
run env -u PLANWATCH_CACHE HOME="$T/home" XDG_CACHE_HOME= \
    "$PLANWATCH" -f "$T/plan.yaml" -d "$T/plan.db" status
is "$(nfiles "$T/home/.cache/planwatch")" 1 \
    "by default the cache is in ~/.cache/planwatch"
ok "~/.cache is made private" \
    test "$(stat -c %a "$T/home/.cache")" = 700
run env -u PLANWATCH_CACHE HOME="$T/home" XDG_CACHE_HOME="$T/xdg" \
    "$PLANWATCH" -f "$T/plan.yaml" -d "$T/plan.db" status
is "$(nfiles "$T/xdg/planwatch")" 1 "or in \$XDG_CACHE_HOME/planwatch"

# Only a directory and files of the user's own, that no one else can write
# to, are read: never a FIFO (no waiting), a link, or a planted file.
nocache status > "$T/want"
D=$T/shared
mkdir -m 777 "$D"
run env PLANWATCH_CACHE="$D" "$PLANWATCH" -f "$T/plan.yaml" \
    -d "$T/plan.db" --today 2026-10-31 status
is "$rc" 0 "a cache directory others can write to: status succeeds"
is "$(nfiles "$D")" 0 "and it is not used"
ok "the same output as the file gives" cmp -s "$T/want" "$T/.out"
rm -rf "$C" && mkdir -m 700 "$C"
f=$(status_file)
rm "$f" && mkfifo "$f"
run timeout 10 "$PLANWATCH" -f "$T/plan.yaml" -d "$T/plan.db" \
    --today 2026-10-31 status
is "$rc" 0 "a FIFO in place of a cache file: no wait"
ok "and the same output as the file gives" cmp -s "$T/want" "$T/.out"
rm -f "$f"
pw status > /dev/null
mv "$f" "$T/real.plan" && ln -s "$T/real.plan" "$f"
run pw status
is "$rc" 0 "a link in place of a cache file: status succeeds"
ok "and the same output as the file gives" cmp -s "$T/want" "$T/.out"
rm -f "$f"
pw status > /dev/null
chmod 666 "$f"
run pw status
ok "a cache file others can write to is passed over" \
    cmp -s "$T/want" "$T/.out"
ok "and replaced by a private one" test "$(stat -c %a "$f")" = 600

# A plan named by a FIFO is read once, as without a cache (looking at it
# must not open it), and not cached.
mkfifo "$T/fifo.yaml"
cat "$T/plan.yaml" > "$T/fifo.yaml" &
run timeout 10 "$PLANWATCH" -f "$T/fifo.yaml" -d "$T/plan.db" \
    --today 2026-10-31 report --format json
wait
is "$rc" 0 "a plan from a FIFO loads"
has "$out" '"title"' "and is reported"

# A cache that cannot be written changes nothing and says nothing.
: > "$T/notadir"
nocache status > "$T/want"
run env PLANWATCH_CACHE="$T/notadir" "$PLANWATCH" -f "$T/plan.yaml" \
    -d "$T/plan.db" --today 2026-10-31 status
is "$rc" 0 "an unusable cache directory: status succeeds"
is "$err" "" "and nothing is said"
ok "the same output as the file gives" cmp -s "$T/want" "$T/.out"
finish
