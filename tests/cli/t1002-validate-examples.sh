#!/bin/sh
# t1002: every bundled example plan and test fixture validates cleanly.
. "$PW_TOP/tests/lib.sh"
for f in "$PW_TOP"/examples/*.yaml "$PW_TOP"/tests/data/plans/full.yaml; do
	[ -f "$f" ] || continue
	run "$PLANWATCH" validate -f "$f"
	is "$rc" 0 "$(basename "$f") is valid"
	is "$err" "" "$(basename "$f") has no warnings"
done
finish
