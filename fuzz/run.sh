#!/bin/sh
# run.sh BUILD SECONDS [HARNESS]: replay every saved crash (fuzz/regress/NAME)
# and then fuzz each harness for SECONDS from its seed corpus
# (fuzz/corpus/NAME).  Prints "ok - ..." / "not ok - ..." lines.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
build=$1
secs=${2:-60}
only=${3:-}
status=0
for bin in "$top/$build"/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	[ -n "$only" ] && [ "$name" != "$only" ] && continue
	corpus="$top/fuzz/corpus/${name#fuzz_}"
	regress="$top/fuzz/regress/${name#fuzz_}"
	work=$(mktemp -d)
	if [ -d "$regress" ] && [ -n "$(ls "$regress")" ]; then
		if "$bin" "$regress"/* > "$work/log" 2>&1; then
			echo "ok - $name replays $(ls "$regress" | wc -l) saved crashes"
		else
			echo "not ok - $name crashes on a saved input"
			tail -20 "$work/log" | sed 's/^/# /'
			status=1
		fi
	fi
	mkdir -p "$work/corpus"
	[ -d "$corpus" ] && cp "$corpus"/* "$work/corpus/" 2>/dev/null
	if "$bin" -max_total_time="$secs" -timeout=5 -rss_limit_mb=1024 \
	    -max_len=65536 -artifact_prefix="$work/" "$work/corpus" \
	    > "$work/log" 2>&1; then
		runs=$(grep -o 'Done [0-9]* runs' "$work/log" | tail -1)
		echo "ok - $name fuzzed for ${secs}s ($runs), no crash"
	else
		echo "not ok - $name found a crash"
		grep -E 'ERROR|SUMMARY|Test unit written' "$work/log" | head -5 |
		    sed 's/^/# /'
		for a in "$work"/crash-* "$work"/timeout-* "$work"/oom-* "$work"/leak-*; do
			[ -f "$a" ] || continue
			mkdir -p "$top/fuzz/found"
			cp "$a" "$top/fuzz/found/${name#fuzz_}-$(basename "$a")"
			echo "# saved as fuzz/found/${name#fuzz_}-$(basename "$a")"
		done
		status=1
	fi
	rm -rf "$work"
done
exit $status
