#!/bin/sh
# t1007: help and the manual come from the command table (issue 17 item 5).
# Every command 'planwatch help --list' names, with every option the table
# gives it, is in its manual page: planwatch-CMD.1, or the page that names
# it in its NAME section (notice and ics in planwatch-report.1), else
# planwatch.1; and its usage line names each.  Every key of the review's key tables (tui/*.c: the global
# bindings, the list's, the views', the pager's and the forms') is in
# planwatch-review.1.  'CMD --help' prints each option with its help.
. "$PW_TOP/tests/lib.sh"
M=$PW_TOP/man

# The page that documents command $1.
page_of() {
	for f in "$M"/*.1; do
		if grep -Eq "^\.Nm planwatch-$1( ,)?$" "$f"; then
			echo "$f"
			return
		fi
	done
	echo "$M/planwatch.1"
}

run "$PLANWATCH" help --list
is "$rc" 0 "help --list exits 0"
printf '%s\n' "$out" > "$T/list"
# The list names every command of the table, as 'planwatch --help' does.
"$PLANWATCH" --help | sed -n 's/^  \([a-z]\{1,\}\) .*/\1/p' > "$T/cmds"
is "$(cut -d' ' -f1 "$T/list" | tr '\n' ' ')" "$(tr '\n' ' ' < "$T/cmds")" \
    "help --list names every command"
has "$(grep '^report ' "$T/list")" "--format -F" "a short name follows its option"
hasnt "$(grep '^reopen ' "$T/list")" "--date" "an option kept out of help is not listed"

while read -r cmd opts; do
	page=$(page_of "$cmd")
	name=${page##*/}
	ok "$cmd: in $name" grep -Eq "(^\.| )Cm $cmd( |$)" "$page"
	run "$PLANWATCH" "$cmd" --help
	is "$rc" 0 "$cmd --help exits 0"
	has "$out" "usage: planwatch $cmd" "$cmd --help: the usage"
	usage=$(printf '%s\n' "$out" | head -n 1)
	# "--long" or "--long -s": the usage line names one of them.
	set -- $opts
	while [ $# -gt 0 ]; do
		l=$1 s=
		shift
		case ${1:-} in -[!-]*) s=$1; shift ;; esac
		ok "$cmd $l: in $name" grep -Eq "Fl -${l#--}( |$)" "$page"
		has "$out" "$l" "$cmd --help: $l"
		named=no
		case "$usage " in *"$l "*|*"$l]"*) named=yes ;; esac
		if [ -n "$s" ]; then
			ok "$cmd $s: in $name" grep -Eq "Fl ${s#-}( |$)" "$page"
			case "$usage " in *"[$s "*|*"[$s]"*) named=yes ;; esac
		fi
		is "$named" yes "$cmd: the usage names $l"
	done
done < "$T/list"

# The needs the table declares, checked before the command runs: the
# review wants a terminal, what needs the database a way to name it.
run "$PLANWATCH" -f plan.yaml review
is "$rc" 1 "review without a terminal exits 1"
is "$err" "planwatch: no terminal; use 'planwatch status', 'report' or 'check'" \
    "review without a terminal says so"
for cmd in "log" "export" "backup x" "record T1 5" "import x.csv"; do
	run "$PLANWATCH" -f - $cmd
	is "$rc" 1 "$cmd: plan on standard input, no -d: exits 1"
	is "$err" "planwatch: no database: the plan comes from standard input; name one with -d" \
	    "$cmd: plan on standard input, no -d: says so"
done

# The keys the review's tables name ("j, Down" is two), and the keys
# planwatch-review.1 gives with .Ic (".Ic j , k" is two as well).
sed -En 's/^[[:space:]]*(\[[A-Z_]+\] = )?\{ ([^"]*, )?"([^"]+)",[[:space:]]*N_\(.*/\3/p' \
    "$PW_TOP"/tui/*.c | sed 's/, /\n/g' | sort -u > "$T/keys"
awk '{
	for (i = 1; i <= NF; i++) {
		if ($i != "Ic" && $i != ".Ic")
			continue
		for (j = i + 1; j <= NF; j++) {
			k = $j
			if (k == "," || k == ";")
				continue
			if (k ~ /^(No|Ns|Pq|Ic|Ar|Fl|Cm|Sy|Op|Xr|Dq|Ql|Sq|Em)$/)
				break
			sub(/^\\&/, "", k)
			sub(/[,.;]$/, "", k)
			print k
		}
	}
}' "$M/planwatch-review.1" | sort -u > "$T/documented"
ok "the review has keys" test -s "$T/keys"
while read -r k; do
	ok "key '$k': in planwatch-review.1" grep -qxF -- "$k" "$T/documented"
done < "$T/keys"
finish
