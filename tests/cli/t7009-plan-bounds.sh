#!/bin/sh
# t7009: a small plan cannot make planwatch expand without bound.  The
# plan's milestone instances are limited (planwatch-plan(5), LIMITS): the
# loader refuses a plan over the limit at the milestone that passes it, so
# validate says where and no command ever expands such a plan.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1

# Address space capped with ulimit -v except under ASan (its shadow memory
# needs a huge address space): the refusal must not allocate gigabytes.
# The timeout only stops a hang; no time is asserted.
bounded() {
	if [ "${PW_SAN:-0}" = 1 ]; then
		timeout 120 "$@"
	else
		(ulimit -v 300000; timeout 120 "$@")
	fi
}

# run_bounded CMD...: as run, bounded.
run_bounded() {
	bounded "$@" < /dev/null > "$T/.out" 2> "$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# 1,000 weekly milestones over the whole range of dates: 84 KB of plan,
# 57 million instances (57,396 each).  The fourth passes the limit of
# 200,000: its 'every' value is at line 7, column 31.
awk 'BEGIN {
	print "format: 1"; print "plan: Hostile"; print "milestones:"
	for (i = 0; i < 1000; i++)
		printf "  - {id: m%d, name: M%d, every: week, start: 1900-01-01, " \
		    "due: 2999-12-31}\n", i, i
}' > hostile.yaml
run_bounded "$PLANWATCH" -f hostile.yaml validate
is "$rc" 1 "validate refuses a plan of 57 million instances"
has "$err" "hostile.yaml:7:31: error: milestone 'm3' takes the plan over its \
limit of 200000 instances (a recurring milestone has one per period)" \
    "the error names the milestone that passes the limit, at its 'every'"
is "$(printf '%s\n' "$err" | grep -c ': error: ')" 1 "and is said once"

# The loader refuses it for every command, not only validate.
for cmd in status report "report --format html" notice ics check \
    "record m0@1900-W01 done"; do
	# shellcheck disable=SC2086
	run_bounded "$PLANWATCH" -f hostile.yaml -d p.db --today 2025-06-30 $cmd
	case $cmd in check) want=3 ;; *) want=1 ;; esac
	is "$rc" "$want" "$cmd: refused with its exit status, not killed"
	has "$err$out" "takes the plan over its limit of 200000 instances" \
	    "$cmd: says why"
done

# The review, on a terminal (script(1) gives it one): refused before it
# starts.
bounded script -qec "'$PLANWATCH' -f hostile.yaml -d p.db review" \
    /dev/null < /dev/null > review.out 2>&1
is "$?" 1 "review: refused"
has "$(cat review.out)" "takes the plan over its limit" "review: says why"

# Exactly at the limit is valid: 15 monthly milestones from 1900-01 to
# 2999-12 (13,200 each) and 2,000 that do not recur.  One more is too many:
# the error is at that milestone.
awk 'BEGIN {
	print "format: 1"; print "plan: Full"; print "milestones:"
	for (i = 0; i < 15; i++)
		printf "  - {id: r%d, name: R, every: month, start: 1900-01, " \
		    "due: 2999-12}\n", i
	for (i = 0; i < 2000; i++)
		printf "  - {id: o%d, name: O, due: 2025-06-30}\n", i
}' > full.yaml
run_bounded "$PLANWATCH" -f full.yaml validate -v
is "$rc" 0 "200,000 instances are within the limit"
has "$out" "(instances: 200000)" "counted as the front ends expand them"
{ cat full.yaml; echo "  - {id: over, name: O, due: 2025-06-30}"; } \
    > over.yaml
run_bounded "$PLANWATCH" -f over.yaml validate
is "$rc" 1 "200,001 instances are refused"
has "$err" "over.yaml:2019:5: error: milestone 'over' takes the plan over" \
    "a milestone that does not recur counts one, reported at it"

# The province-scale shape (a tenth of 10,000 milestones monthly for six
# years) is far within it.
awk 'BEGIN {
	print "format: 1"; print "plan: Province"; print "milestones:"
	for (i = 0; i < 10000; i++)
		if (i % 10 == 0)
			printf "  - {id: m%d, name: M, every: month, " \
			    "start: 2021-01, due: 2026-12}\n", i
		else
			printf "  - {id: m%d, name: M, due: 2026-12}\n", i
}' > province.yaml
run_bounded "$PLANWATCH" -f province.yaml validate -v
is "$rc" 0 "a province-scale plan validates"
has "$out" "(instances: 81000)" "with its 81,000 instances"

finish
