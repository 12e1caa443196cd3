#!/bin/sh
# t3005: a usage error anywhere on a command line that holds the command
# check is UNKNOWN (exit 3, "PLANWATCH UNKNOWN - ..." on standard output),
# before the word check as after it: a monitoring system reads exit 2 as
# CRITICAL and shows only standard output.  The README's Nagios line with
# an empty $ARG1$ (split by the monitoring system: "-f check --timeout 20")
# is one of them.  Other commands keep exit 2 and their message on stderr.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"

# unknown DESC NEEDLE CMD...: exit 3, one UNKNOWN line naming NEEDLE.
unknown() {
	d=$1
	n=$2
	shift 2
	run "$@"
	is "$rc" 3 "$d: exit 3"
	case $out in
	"PLANWATCH UNKNOWN - "*"$n"*) _report 1 "$d: UNKNOWN on stdout" "" ;;
	*) _report 0 "$d: UNKNOWN on stdout" "$out" ;;
	esac
	is "$(printf '%s\n' "$out" | wc -l)" 1 "$d: one line"
	hasnt "$out" "|" "$d: no perfdata separator"
}

P=$F/t3-plan.yaml
unknown "unknown option before check" "'--bogus'" \
    "$PLANWATCH" -f "$P" -d "$DB" --bogus check
unknown "unknown option after check" "'--bogus'" \
    "$PLANWATCH" -f "$P" -d "$DB" check --bogus
unknown "bad --today before check" "2025-13-45" \
    "$PLANWATCH" -f "$P" -d "$DB" --today 2025-13-45 check
unknown "bad --today after check" "2025-13-45" \
    "$PLANWATCH" -f "$P" -d "$DB" check --today 2025-13-45
unknown "bad --color before check" "'xx'" \
    "$PLANWATCH" -f "$P" -d "$DB" --color xx check
unknown "missing value after check" "'-d'" "$PLANWATCH" -f "$P" check -d
unknown "unknown short option before check" "'-Z'" \
    "$PLANWATCH" -Z -f "$P" check
unknown "an abbreviation the parser takes" "2025-13-45" \
    "$PLANWATCH" --tod 2025-13-45 check
# The README's Nagios line, $ARG1$ empty: the monitoring system drops the
# empty word, so check is taken as the plan and --timeout is misplaced.
unknown "Nagios line with an empty \$ARG1\$" "'--timeout'" \
    "$PLANWATCH" -f check --timeout 20
# Quoted empty $ARG1$.
unknown "empty plan name" "" "$PLANWATCH" -f '' check --timeout 20
run "$PLANWATCH" -f "$P" -d "$DB" --bogus check
is "$err" "" "before check: nothing on stderr"
run "$PLANWATCH" -f "$P" -d "$DB" check --bogus
is "$err" "" "after check: nothing on stderr"

# --format json after the word: the error is JSON too.
run "$PLANWATCH" -f "$P" -d "$DB" check --format json --bogus
is "$rc" 3 "json: exit 3"
is "$(printf '%s' "$out" | jq -r '.state + " " + (.exit | tostring)')" \
    "UNKNOWN 3" "json: an UNKNOWN object"

# A good line still works, and "check" as another command's argument does
# not make its usage errors UNKNOWN.
run "$PLANWATCH" -f "$P" -d "$DB" --today 2025-03-01 check
is "$rc" 0 "options before check: OK"
run "$PLANWATCH" -f "$P" -d "$DB" --bogus status check
is "$rc" 2 "status: a usage error exits 2"
is "$out" "" "status: nothing on stdout"
has "$err" "planwatch: unknown option '--bogus'" "status: says why on stderr"
run "$PLANWATCH" -f "$P" -d "$DB" --today 2025-13-45 status
is "$rc" 2 "status: a bad --today exits 2"
has "$err" "invalid date '2025-13-45'" "status: names the date"
run "$PLANWATCH" --file
is "$rc" 2 "a missing value exits 2"
has "$err" "planwatch: option '--file' needs a value" "says which option"
finish
