#!/bin/sh
# t1002: every bundled example plan and test fixture validates cleanly.
# The only warning allowed is a milestone with no lead (owner): the
# documents leave some tasks to no named department, and the examples say
# so as the documents do.
. "$PW_TOP/tests/lib.sh"
for f in "$PW_TOP"/examples/*.yaml "$PW_TOP"/tests/data/plans/full.yaml; do
	[ -f "$f" ] || continue
	run "$PLANWATCH" validate -f "$f"
	is "$rc" 0 "$(basename "$f") is valid"
	is "$(printf '%s\n' "$err" | grep -v "^$f:[0-9]*:[0-9]*: warning: milestone '[^']*' has no owner")" \
	    "" "$(basename "$f") has no other warnings"
done
finish
