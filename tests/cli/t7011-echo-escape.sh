#!/bin/sh
# t7011: what the command line and the environment hand planwatch comes
# back in messages escaped (\x1b, \x07), never raw: an output path, a
# date, a format, a department, a command name, an option, and
# SOURCE_DATE_EPOCH.  An OSC 52 sequence echoed raw would set the
# terminal's clipboard.
. "$PW_TOP/tests/lib.sh"
. "$PW_TOP/tests/cli/t3-fixture.inc"
ESC=$(printf '\033')
BEL=$(printf '\007')
OSC=$(printf '\033]52;c;ZXZpbA==\007')

# safe DESC NEEDLE CMD...: fails with a message on stderr holding NEEDLE,
# and neither stream holds ESC or BEL.
safe() {
	d=$1
	n=$2
	shift 2
	run "$@"
	ok "$d: fails" test "$rc" -ne 0
	has "$err" "$n" "$d: the escaped text in the message"
	hasnt "$err$out" "$ESC" "$d: no raw ESC"
	hasnt "$err$out" "$BEL" "$d: no raw BEL"
}

E='\x1b]52;c;ZXZpbA==\x07'
safe "report -o" "/nonexistent/$E" pw report -o "/nonexistent/$OSC"
safe "--today before the command" "'$E'" pw --today "$OSC" status
safe "--today after the command" "'$E'" pw status --today "$OSC"
safe "report --format" "'$E'" pw report --format "$OSC"
safe "notice --format" "'$E'" pw notice --format "$OSC"
safe "notice --dept" "'$E'" pw notice --dept "$OSC" --today 2025-06-20
safe "status --dept" "'$E'" pw status --dept "$OSC"
safe "--color" "'$E'" pw --color "$OSC" status
safe "an unknown command" "'$E'" pw "$OSC"
safe "help of an unknown command" "'$E'" pw help "$OSC"
# An option is named up to its "=".
safe "an unknown long option" "'--\\x1b]52;c;ZXZpbA'" pw "--$OSC" status
safe "an unknown long option of a command" "'--\\x1b]52;c;ZXZpbA'" \
    pw status "--$OSC"
safe "an unknown short option" "'-\\x1b'" pw "-$ESC" status
safe "a value to an option that takes none" "option '--all' takes no value" \
    pw status "--all=$OSC"
safe "a stray argument" "'$E'" pw status "$OSC"
safe "the plan's name" "$E" "$PLANWATCH" -f "$T/$OSC.yaml" status
safe "SOURCE_DATE_EPOCH" "'$E'" env SOURCE_DATE_EPOCH="$OSC" \
    "$PLANWATCH" -f "$F/t3-plan.yaml" -d "$DB" report

# check says it on standard output, escaped the same way.
run pw --today "$OSC" check
is "$rc" 3 "check: UNKNOWN"
has "$out" "'$E'" "check: the escaped date"
hasnt "$out$err" "$ESC" "check: no raw ESC"
finish
