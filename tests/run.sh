#!/bin/sh
# run.sh: run every test layer against each build directory given, and end
# with one line "N passed, N failed".
#
#   tests/run.sh build build-asan
#
# Unit tests are cmocka binaries ($B/tests/test_*) run with TAP output;
# command-line and curses tests are shell scripts (tests/cli/tNNNN-*.sh,
# tests/tui/tNNNN-*.sh; the other files there are helpers they source)
# that print "ok - ..." and "not ok - ..." lines (see tests/lib.sh).  A
# script that exits non-zero without a "not ok" line counts as one
# failure.  Set TESTS=pattern to run only matching scripts.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() {	# name, status, output file
	p=$(grep -c '^ok ' "$3")
	f=$(grep -c '^not ok ' "$3")
	if [ "$2" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		echo "not ok - $1 exited with status $2" >> "$3"
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -gt 0 ]; then
		echo "FAIL $1 ($p passed, $f failed)"
		grep -E '^not ok |^#' "$3" | head -40 | sed 's/^/    /'
		sed -n '/^--- output/,$p' "$3" | head -40 | sed 's/^/    /'
	else
		echo "ok   $1 ($p passed)"
		# A skipped part says so where it is seen.
		grep '^# SKIP' "$3" | sed 's/^/    /'
	fi
}

for build in "$@"; do
	case $build in
	*-fuzz)
		echo "== $build"
		for f in "$top/$build"/fuzz/fuzz_*; do
			[ -x "$f" ] || continue
			name=$(basename "$f")
			case $name in *${TESTS:-}*) ;; *) continue ;; esac
			sh "$top/fuzz/run.sh" "$build" "${FUZZ_TIME:-10}" "$name" \
			    > "$log" 2>&1
			tally "$build/$name" $? "$log"
		done
		continue ;;
	*asan*) san=1 ;;
	*) san=0 ;;
	esac
	bin="$top/$build/planwatch"
	echo "== $build"
	for t in "$top/$build"/tests/test_*; do
		[ -x "$t" ] || continue
		case $(basename "$t") in *${TESTS:-}*) ;; *) continue ;; esac
		CMOCKA_MESSAGE_OUTPUT=TAP "$t" > "$log" 2>&1
		tally "$build/$(basename "$t")" $? "$log"
	done
	for t in "$top"/tests/cli/t[0-9]*.sh "$top"/tests/tui/t[0-9]*.sh; do
		[ -f "$t" ] || continue
		case $(basename "$t") in *${TESTS:-}*) ;; *) continue ;; esac
		PLANWATCH="$bin" PW_SAN=$san PW_TOP="$top" PW_BUILD="$top/$build" \
		    sh "$t" > "$log" 2>&1
		tally "$build/$(basename "$t" .sh)" $? "$log"
	done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
