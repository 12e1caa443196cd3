#!/bin/sh
# t1001: hostile and broken plan files: each gets exit 1 and a clear
# message at its position, promptly and within bounded memory; nothing from
# the file reaches the terminal raw.
. "$PW_TOP/tests/lib.sh"
cd "$T" || exit 1

# Memory is capped with ulimit -v except under ASan (its shadow memory
# needs a huge address space).
bounded() {	# seconds, command...
	_s=$1; shift
	if [ "${PW_SAN:-0}" = 1 ]; then
		timeout "$_s" "$@"
	else
		(ulimit -v 600000; timeout "$_s" "$@")
	fi
}

hostile() {	# file, expected prefix, description
	bounded 10 "$PLANWATCH" validate -f "$1" > out 2> err < /dev/null
	rc=$?
	err=$(cat err)
	is "$rc" 1 "$3: exit 1 (not a crash or a timeout)"
	has "$err" "$2" "$3: reported at its position"
}

# 100,000 levels of nesting, flow and block.
awk 'BEGIN { printf "plan: x\nx-deep: "; for (i = 0; i < 100000; i++)
    printf "["; print "" }' > deep.yaml
start=$(date +%s)
hostile deep.yaml "deep.yaml:2:$((9 + 63)): error: nesting deeper than 64 levels" \
    "100,000 levels of flow nesting"
is "$(( $(date +%s) - start < 5 ))" 1 "deep nesting is refused fast"
awk 'BEGIN { printf "plan: x\nx-deep:\n  "; for (i = 0; i < 100000; i++)
    printf "- "; print "x" }' > block.yaml
hostile block.yaml "block.yaml:3:$((3 + 2 * 63)): error: nesting deeper than" \
    "100,000 levels of block nesting"
awk 'BEGIN { s = "x-a:"; for (i = 1; i < 100000; i++) { print s;
    s = sprintf("%*s", i < 300 ? i : 300, "") "k" i ":" } }' > keys.yaml
bounded 10 "$PLANWATCH" validate -f keys.yaml > out 2> err
is "$?" 1 "deeply nested mappings exit 1"

# An alias bomb: refused without expanding anything.
{
	echo 'plan: x'
	echo 'x-0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'
	for i in 1 2 3 4 5 6 7 8 9; do
		p=$((i - 1))
		echo "x-$i: &a$i [*a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p, *a$p]"
	done
	echo 'note: *a9'
} > bomb.yaml
hostile bomb.yaml "bomb.yaml:2:6: error: anchors are not supported (&a0)" \
    "an alias bomb"
has "$err" "bomb.yaml:12:1: error: unknown key 'note' in the plan" \
    "the bomb's last line is still read"

# A 50 MB scalar, and a file over the 64 MiB limit.
{ printf 'plan: '; head -c 50000000 /dev/zero | tr '\0' a; echo; } > big.yaml
start=$(date +%s)
hostile big.yaml "big.yaml:1:7: error: value longer than the limit of 65536 bytes" \
    "a 50 MB scalar"
is "$(( $(date +%s) - start < 10 ))" 1 "the 50 MB scalar is refused promptly"
rm -f big.yaml
head -c 70000000 /dev/zero | tr '\0' '#' > huge.yaml
hostile huge.yaml "huge.yaml: error: file larger than the limit of 64 MiB" \
    "a file over the limit"
head -c 70000000 /dev/zero | tr '\0' '#' | \
    bounded 10 "$PLANWATCH" validate -f - > out 2> err
is "$?" 1 "standard input over the limit"
has "$(cat err)" "-: error: file larger than the limit" "and says so"
rm -f huge.yaml

# A 1 MB line in a note: over the value limit.
{ printf 'plan: x\ndocument: '; head -c 1000000 /dev/zero | tr '\0' b; echo; } > line.yaml
hostile line.yaml "line.yaml:2:11: error: value longer than the limit" "a 1 MB line"

# Bytes that are not text.
printf 'plan: x\nend: 20\377\n' > utf8.yaml
hostile utf8.yaml "utf8.yaml:2:8: error: invalid UTF-8 (byte 0xff)" "invalid UTF-8"
printf 'plan: 中文\344\270\n' > cut.yaml
hostile cut.yaml "cut.yaml:1:9: error: invalid UTF-8" "a cut UTF-8 sequence"
printf 'plan: x\nend: 2024\000\n' > nul.yaml
hostile nul.yaml "nul.yaml:2:10: error: NUL byte" "a NUL byte"
printf '\377\376p\000l\000' > utf16.yaml
hostile utf16.yaml "utf16.yaml:1:1: error: invalid UTF-8" "UTF-16"

# Terminal escapes and bidi overrides never reach the terminal raw.
printf 'plan: a\033[2Jb\n' > esc.yaml
hostile esc.yaml "esc.yaml:1:8: error: control character U+001B is not allowed" \
    "a raw ESC [ 2J"
printf 'plan: "x\\e]52;c;YQ==\\a"\n' > osc.yaml
hostile osc.yaml "osc.yaml:1:7: error: control character U+001B in text" \
    "an OSC 52 written as escapes"
printf 'plan: x\nnote\033[2J: 1\n' > esckey.yaml
hostile esckey.yaml "esckey.yaml:2:5: error: control character" "ESC in a key"
printf 'plan: x\nzz\342\200\256: 1\n' > bidikey.yaml
hostile bidikey.yaml "bidikey.yaml:2:1: error: unknown key 'zz\\u202e'" \
    "a bidi override in a key is shown escaped"
hasnt "$err" "$(printf '\342\200\256')" "no raw bidi override on stderr"
printf 'plan: x\nphases:\n  - {id: "a\\u202e", name: n, end: 2024}\n' > bidiid.yaml
hostile bidiid.yaml "bidiid.yaml:3:10: error: invalid id 'a\\u202e'" "bidi in an id"

# Numbers.
printf 'plan: x\nmilestones:\n  - {id: a, name: n, due: 2024, weight: 1e999}\n' > inf.yaml
hostile inf.yaml "inf.yaml:3:41: error: 'weight' is not a finite number" "1e999"
printf 'plan: x\nmilestones:\n  - {id: a, name: n, due: 2024, weight: .NaN}\n' > nan.yaml
hostile nan.yaml "nan.yaml:3:41: error: 'weight' must be a number" "NaN"
printf 'plan: x\nend: 2025-02-29\n' > date.yaml
hostile date.yaml "date.yaml:2:6: error: invalid date '2025-02-29'" "an impossible date"

# printf formats and SQL in names are plain text.
printf 'plan: "%%s%%n%%x; DROP TABLE facts;--"\nzz: 1\n' > fmt.yaml
hostile fmt.yaml "fmt.yaml:2:1: error: unknown key 'zz'" "printf formats in a name"
printf 'plan: x\n"%%s%%n": 1\n' > fmtkey.yaml
hostile fmtkey.yaml "fmtkey.yaml:2:1: error: unknown key '%s%n' in the plan" \
    "printf formats in a key are not interpreted"

# Structure.
printf 'plan: x\nphases:\n\t- id: a\n' > tab.yaml
hostile tab.yaml "tab.yaml:3:1: error: syntax error: a tab in indentation" "tabs"
printf 'plan: x\nend: 2024\nend: 2025\n' > dup.yaml
hostile dup.yaml "dup.yaml:3:1: error: duplicate key 'end' (first at line 2)" \
    "a duplicate key"
: > empty.yaml
hostile empty.yaml "empty.yaml:1:1: error: empty plan" "an empty file"
printf '# nothing\n' > comment.yaml
hostile comment.yaml "comment.yaml:1:1: error: empty plan" "only a comment"
printf -- '- plan: x\n' > list.yaml
hostile list.yaml "list.yaml:1:1: error: the top level must be a mapping" \
    "a list at the top level"
printf 'plan: x\n---\nplan: y\n' > docs.yaml
hostile docs.yaml "docs.yaml:2:1: error: a second document" "several documents"
printf 'plan: x\nend: [2024\n' > syntax.yaml
hostile syntax.yaml "syntax.yaml:3:1: error: syntax error: " "a YAML syntax error"
printf 'plan: x\n  end: 2024\n' > indent.yaml
hostile indent.yaml "indent.yaml:2:6: error: syntax error: mapping values are not allowed" \
    "bad indentation"

# A byte-order mark and CRLF line ends are accepted.
printf '\357\273\277plan: x\r\nend: 2024\r\n' > bom.yaml
run "$PLANWATCH" validate -f bom.yaml
is "$rc" 0 "a byte-order mark and CRLF are fine"
printf '\357\273\277plan: x\r\nend: 2024\r\nzz: 1\r\n' > bom2.yaml
run "$PLANWATCH" validate -f bom2.yaml
is "$err" "bom2.yaml:3:1: error: unknown key 'zz' in the plan" \
    "positions after a BOM and CRLF"
finish
