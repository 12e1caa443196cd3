#!/bin/sh
# t7004: every input of the public YAML test suite fed to
# `planwatch validate`: none crashes, hangs or (in the sanitizer build)
# leaks; each gets exit 0 or 1, and an input the suite marks as an error is
# reported as an error with a line and a column.
#
# The cases (https://github.com/yaml/yaml-test-suite, its "data" branch:
# one directory per case, some with numbered sub-cases, each with in.yaml
# and an "error" file when the input is not valid YAML) are kept in
# shared/ beside the checkout; a test run never fetches them, and without
# them this test fails rather than pass unseen.
. "$PW_TOP/tests/lib.sh"
suite=$PW_TOP/../shared/yaml-test-suite
find -H "$suite" -name in.yaml 2> /dev/null | sort > "$T/cases"
n=$(wc -l < "$T/cases")
if [ "$n" -eq 0 ]; then
	_report 0 "the YAML test suite's cases are in $suite" \
	    "no in.yaml under $suite: copy the \"data\" branch of https://github.com/yaml/yaml-test-suite there"
	finish
fi
# A leak or a sanitizer report must not pass for an ordinary exit 1.
export ASAN_OPTIONS=exitcode=98:detect_leaks=1
errs=0 bad=0 syntax=0
while read -r f; do
	dir=${f%/in.yaml}
	timeout 10 "$PLANWATCH" validate -f "$f" < /dev/null > "$T/out" 2> "$T/err"
	rc=$?
	case $rc in
	0|1) ;;
	124) _report 0 "$dir: validate finishes in time" "timed out"; bad=$((bad + 1)); continue ;;
	*) _report 0 "$dir: validate exits 0 or 1" "exit $rc
$(head -20 "$T/err")"; bad=$((bad + 1)); continue ;;
	esac
	if grep -q Sanitizer "$T/err"; then
		_report 0 "$dir: no sanitizer report" "$(head -20 "$T/err")"
		bad=$((bad + 1))
		continue
	fi
	[ -f "$dir/error" ] || continue
	errs=$((errs + 1))
	if [ $rc -ne 1 ] || ! grep -Eq ':[0-9]+:[0-9]+: error: ' "$T/err"; then
		_report 0 "$dir: an invalid input is an error at a line and column" \
		    "exit $rc
$(head -5 "$T/err")"
		bad=$((bad + 1))
	elif grep -q ': error: syntax error' "$T/err"; then
		syntax=$((syntax + 1))
	fi
done < "$T/cases"
ok "the suite has cases with errors ($n inputs, $errs invalid, in $suite)" \
    [ "$errs" -gt 0 ]
is $bad 0 "$n inputs: no crash, hang or leak; $errs invalid ones reported as errors ($syntax of them as YAML syntax errors)"
finish
