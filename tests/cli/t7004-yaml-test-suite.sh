#!/bin/sh
# t7004: every input of the public YAML test suite fed to
# `planwatch validate`: none crashes, hangs or (in the sanitizer build)
# leaks; each gets exit 0 or 1, and an input the suite marks as an error is
# reported as an error with a line and a column.  Skipped, visibly, when
# the cases can be neither found nor fetched (tests/tools/yaml-test-suite.sh).
. "$PW_TOP/tests/lib.sh"
if ! suite=$(sh "$PW_TOP/tests/tools/yaml-test-suite.sh" 2> "$T/why"); then
	skip "yaml-test-suite" "no copy of the cases: $(cat "$T/why")"
	finish
fi
# A leak or a sanitizer report must not pass for an ordinary exit 1.
export ASAN_OPTIONS=exitcode=98:detect_leaks=1
find "$suite" -name in.yaml | sort > "$T/cases"
n=0 errs=0 bad=0 syntax=0
while read -r f; do
	dir=${f%/in.yaml}
	n=$((n + 1))
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
ok "the suite has cases ($n found in $suite)" [ $n -gt 0 ]
is $bad 0 "$n inputs: no crash, hang or leak; $errs invalid ones reported as errors ($syntax of them as YAML syntax errors)"
finish
